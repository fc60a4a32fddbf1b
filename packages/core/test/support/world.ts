import {
  CheckRegistry,
  commitRun,
  defaultPolicy,
  policyDigest,
  validatePolicy,
  prRun,
  type CommitInput,
  type PrInput,
  type LoadedPolicy,
  type Run,
} from '../../src/index.js';
import {
  FakeGit,
  FakeGitHub,
  FakeProcess,
  InMemoryFiles,
  InMemoryStore,
  SequentialIds,
  TestClock,
  aRun,
  aTarget,
} from '../../src/testing/index.js';

export const ORIGIN = 'https://github.com/acme/api.git';
export const WS = '/work/agents/t-1/api';
export const TOKEN = 'canary-token-7f3a9c';

/** Policy with overrides of the git_pr block. */
export function policyWith(gitPr: Record<string, unknown> = {}): LoadedPolicy {
  const checked = validatePolicy({ git_pr: gitPr });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return { policy: checked.policy, digest: policyDigest(checked.policy), file: null };
}

/** A fresh world: fakes for every port, a remote with a base, a cloned workspace and a completed run. */
export async function world(
  opts: { files?: Record<string, string>; run?: Partial<Run>; gitPr?: Record<string, unknown> } = {},
) {
  const git = new FakeGit();
  const store = new InMemoryStore();
  const clock = new TestClock();
  const ids = new SequentialIds();
  const process = new FakeProcess();
  const files = new InMemoryFiles();
  const checks = CheckRegistry.withBuiltins();
  const github = new FakeGitHub({
    branchExists: (_o, _r, branch) => git.remotes.get(ORIGIN)?.get(branch) ?? false,
  });
  github.addToken(TOKEN, { login: 'octo', scopes: ['repo'] });
  github.addRepo('acme', 'api', {
    permissions: { octo: { admin: true, push: true }, reviewer1: { push: true } },
  });
  process.setEnv('METAWSM_GITHUB_TOKEN', TOKEN);
  const baseTip = git.seedRemote(
    ORIGIN,
    opts.files ?? { 'README.md': 'hello\n', 'src/app.ts': 'export const a = 1;\n' },
  );
  git.cloneWorkspace(WS, ORIGIN);
  const run = aRun({
    id: 'run-1',
    status: 'completed',
    tickets: ['T-1'],
    targets: [aTarget({ ticket: 'T-1', repo: 'api', path: WS })],
    title: null,
    ...opts.run,
  });
  await store.createRun(run);
  const policy = opts.gitPr
    ? policyWith(opts.gitPr)
    : { policy: defaultPolicy(), digest: policyDigest(defaultPolicy()), file: null };
  const deps = { git, store, clock, ids, process, files, checks, github };
  const commit = (input: Partial<CommitInput> = {}, p: LoadedPolicy = policy) =>
    commitRun(deps, p, {
      selection: { runId: run.id },
      dryRun: false,
      force: false,
      switch: false,
      allowRunning: false,
      ...input,
    });
  const pr = (input: Partial<PrInput> = {}, p: LoadedPolicy = policy) =>
    prRun(deps, p, { selection: { runId: run.id }, dryRun: false, allowRunning: false, ...input });
  return { git, store, clock, ids, process, files, checks, github, deps, run, policy, baseTip, commit, pr };
}

/** Workspace state that must never change during commit (files and HEAD). */
export function workspaceFingerprint(git: FakeGit, path = WS): string {
  const files = [...git.files(path)]
    .map(([p, f]) => `${p}:${f.mode}:${Buffer.from(f.data).toString('base64')}`)
    .sort();
  return JSON.stringify({ files, head: git.headOf(path) });
}

/**
 * Another live process on this host holds `run-1`'s lock for `operation`: the lock is taken in the
 * store as that process would, and its pid is alive, so nothing may take it over.
 */
export async function holdRunLock(
  w: { store: InMemoryStore; clock: TestClock; process: FakeProcess },
  o: { operation: string; pid?: number; ownerId?: string; leaseMs?: number },
): Promise<void> {
  const pid = o.pid ?? 999;
  w.process.setAlive(pid, true);
  await w.store.acquireRunLock(
    {
      runId: 'run-1',
      ownerId: o.ownerId ?? 'other',
      operation: o.operation,
      pid,
      host: 'host-a',
      startedAt: w.clock.nowIso(),
      leaseExpiresAt: new Date(w.clock.nowMs() + (o.leaseMs ?? 600_000)).toISOString(),
    },
    () => false,
  );
}
