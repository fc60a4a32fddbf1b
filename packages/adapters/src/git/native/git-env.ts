/**
 * Options every git call gets on its command line (never secrets): no auto-gc or maintenance in
 * the operator's repository, no hooks, no fsmonitor daemon, no credential helper or askpass
 * program of the operator's (credentials reach git only through {@link configEnv}), and none of
 * the advice that `add -A` prints for sparse checkouts and embedded repositories.
 */
export const GLOBAL_ARGS: readonly string[] = [
  '--no-pager',
  ...[
    'gc.auto=0',
    'maintenance.auto=false',
    'core.hooksPath=/dev/null',
    'core.fsmonitor=false',
    'credential.helper=',
    'core.askPass=',
    'color.ui=false',
    'advice.updateSparsePath=false',
    'advice.addEmbeddedRepo=false',
  ].flatMap((c) => ['-c', c]),
];

/**
 * Variables dropped from the operator's environment: ones that would point git at another
 * repository, index or object directory, change pathspec meaning (our `:(exclude)` magic), print
 * traffic (curl traces carry headers), open a prompt or an editor, or set commit identities.
 */
const DROPPED = new Set([
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_QUARANTINE_PATH',
  'GIT_LITERAL_PATHSPECS',
  'GIT_GLOB_PATHSPECS',
  'GIT_NOGLOB_PATHSPECS',
  'GIT_ICASE_PATHSPECS',
  'GIT_CURL_VERBOSE',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
  'GIT_REFLOG_ACTION',
]);

/**
 * The environment of a git child: the operator's, minus {@link DROPPED} and every `GIT_TRACE*`,
 * plus C locale (parsed output), no terminal prompt, no pager and no optional locks (so no read
 * command refreshes the workspace's index behind our back).
 */
export function childEnv(base: NodeJS.ProcessEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (v !== undefined && !DROPPED.has(k) && !k.startsWith('GIT_TRACE')) env[k] = v;
  }
  return {
    ...env,
    LC_ALL: 'C',
    LANGUAGE: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_EDITOR: ':',
    ...extra,
  };
}

/**
 * `GIT_CONFIG_COUNT` / `GIT_CONFIG_KEY_<n>` / `GIT_CONFIG_VALUE_<n>` for `entries`, appended
 * after any the operator already passes this way. Config given so is invisible in argv and never
 * written to a file; git reads it after every config file, so it wins.
 */
export function configEnv(
  base: NodeJS.ProcessEnv,
  entries: readonly (readonly [string, string])[],
): Record<string, string> {
  const existing = Number.parseInt(base.GIT_CONFIG_COUNT ?? '0', 10);
  const start = Number.isSafeInteger(existing) && existing > 0 ? existing : 0;
  const out: Record<string, string> = { GIT_CONFIG_COUNT: String(start + entries.length) };
  entries.forEach(([key, value], i) => {
    out[`GIT_CONFIG_KEY_${start + i}`] = key;
    out[`GIT_CONFIG_VALUE_${start + i}`] = value;
  });
  return out;
}
