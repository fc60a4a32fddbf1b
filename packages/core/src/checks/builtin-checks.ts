import { matchesAnyGlob } from '../domain/glob.js';
import { outputTail } from '../domain/output-tail.js';
import { TOKEN_PATTERNS } from '../domain/redact.js';
import type { Check, CheckContext, CheckOutcome } from './check.js';

const OUTPUT_TAIL = 4000;
const tail = (s: string) => (s.length > OUTPUT_TAIL ? `…${s.slice(-OUTPUT_TAIL)}` : s);

/** `tests`: each `test_commands` entry via `sh -c` in the workspace, with the policy timeout. */
export const testsCheck: Check = {
  name: 'tests',
  appliesTo: ['commit'],
  description: 'runs git_pr.test_commands in the workspace (sh -c, test_timeout_seconds)',
  async run(ctx) {
    const commands = ctx.policy.test_commands;
    if (commands.length === 0) return { status: 'skipped', summary: 'no test_commands configured' };
    const runs = [];
    for (const command of commands) {
      const r = await ctx.process.run({
        shell: command,
        cwd: ctx.workspacePath,
        timeoutMs: ctx.policy.test_timeout_seconds * 1000,
      });
      const ok = r.exitCode === 0 && !r.timedOut && r.spawnError === null;
      runs.push({
        command,
        ok,
        exitCode: r.exitCode,
        timedOut: r.timedOut,
        durationMs: r.durationMs,
        spawnError: r.spawnError,
        output: tail(`${r.stdout}${r.stderr}`),
      });
    }
    const failed = runs.filter((r) => !r.ok);
    if (failed.length === 0)
      return { status: 'passed', summary: `${runs.length} command(s) passed`, details: { runs } };
    const summary = `failed: ${failed.map((f) => `${f.command} (${why(f)})`).join('; ')}`;
    // What the operator needs to see first: each failed command and the end of its output.
    const tailLines = failed.flatMap((f) => [`$ ${f.command} (${why(f)})`, ...outputTail(f.output)]);
    return { status: 'failed', summary, details: { runs }, outputTail: tailLines };
  },
};

function why(run: { timedOut: boolean; exitCode: number | null; spawnError: string | null }): string {
  if (run.timedOut) return 'timed out';
  return run.spawnError !== null ? `could not start: ${run.spawnError}` : `exit ${run.exitCode}`;
}

/** `forbidden_files`: no added or modified path matches `forbidden_file_patterns` (full path or basename). */
export const forbiddenFilesCheck: Check = {
  name: 'forbidden_files',
  appliesTo: ['commit', 'pr'],
  description: 'rejects added/modified files matching git_pr.forbidden_file_patterns',
  run(ctx) {
    const hits = ctx.changes
      .filter((c) => c.status !== 'deleted')
      .map((c) => ({ path: c.path, pattern: matchesAnyGlob(c.path, ctx.policy.forbidden_file_patterns) }))
      .filter((h): h is { path: string; pattern: string } => h.pattern !== null);
    const outcome: CheckOutcome =
      hits.length === 0
        ? { status: 'passed', summary: `${ctx.changes.length} changed file(s), none forbidden` }
        : {
            status: 'failed',
            summary: `forbidden: ${hits.map((h) => h.path).join(', ')}`,
            details: { files: hits },
          };
    return Promise.resolve(outcome);
  },
};

/** `clean_tree`: at commit, no unmerged paths or operation in progress; at pr, nothing in the workspace that was not promoted. */
export const cleanTreeCheck: Check = {
  name: 'clean_tree',
  appliesTo: ['commit', 'pr'],
  description: 'commit: no conflicts or merge/rebase in progress; pr: the workspace holds nothing unpromoted',
  async run(ctx) {
    const problems = await ctx.workspaceProblems();
    if (problems.length > 0) return { status: 'failed', summary: problems.join('; '), details: { problems } };
    if (ctx.phase === 'pr' && ctx.promotedTree !== null) {
      const current = await ctx.workspaceTree();
      if (current !== ctx.promotedTree) {
        return {
          status: 'failed',
          summary: 'the workspace changed since `metawsm commit`: run commit again',
          details: { workspaceTree: current, promotedTree: ctx.promotedTree },
        };
      }
    }
    return {
      status: 'passed',
      summary:
        ctx.phase === 'pr' ? 'workspace matches the promoted snapshot' : 'workspace is in a clean state',
    };
  },
};

function addedLines(oldText: string | null, newText: string): string[] {
  const old = new Map<string, number>();
  for (const line of oldText?.split('\n') ?? []) old.set(line, (old.get(line) ?? 0) + 1);
  const out: string[] = [];
  for (const line of newText.split('\n')) {
    const n = old.get(line) ?? 0;
    if (n > 0) old.set(line, n - 1);
    else out.push(line);
  }
  return out;
}

const GENERIC_ASSIGNMENT =
  /\b[A-Z][A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|API_KEY)\s*[=:]\s*['"]?[A-Za-z0-9_\-/+=.]{12,}/;
const decoder = new TextDecoder('utf-8', { fatal: false });

async function text(ctx: CheckContext, oid: string | null): Promise<string | null> {
  if (oid === null) return null;
  const bytes = await ctx.readBlob(oid);
  if (bytes.subarray(0, 8000).includes(0)) return null;
  return decoder.decode(bytes);
}

/** `secrets`: added lines matching well-known token formats (GitHub, AWS, private keys, `*_TOKEN=`). */
export const secretsCheck: Check = {
  name: 'secrets',
  appliesTo: ['commit', 'pr'],
  description: 'scans added lines for well-known token formats (GitHub, AWS, private keys, *_TOKEN=...)',
  async run(ctx) {
    const findings: { path: string; kind: string }[] = [];
    for (const change of ctx.changes) {
      if (change.status === 'deleted' || change.newMode === '120000' || change.newMode === '160000') continue;
      const next = await text(ctx, change.newOid);
      if (next === null) continue;
      for (const line of addedLines(await text(ctx, change.oldOid), next)) {
        const kind =
          TOKEN_PATTERNS.find((p) => new RegExp(p.pattern.source).test(line))?.name ??
          (GENERIC_ASSIGNMENT.test(line) ? 'generic_secret_assignment' : null);
        if (kind) findings.push({ path: change.path, kind });
      }
    }
    // Never echo the matched text: the report is stored and printed.
    return findings.length === 0
      ? { status: 'passed', summary: 'no secrets found in added lines' }
      : {
          status: 'failed',
          summary: `possible secrets in ${[...new Set(findings.map((f) => f.path))].join(', ')}`,
          details: { findings },
        };
  },
};

/** The checks metawsm ships. */
export const BUILTIN_CHECKS: readonly Check[] = [
  testsCheck,
  forbiddenFilesCheck,
  cleanTreeCheck,
  secretsCheck,
];
