import { join } from 'node:path';
import {
  CheckRegistry,
  commitRun,
  defaultPolicy,
  policyDigest,
  type CommitResult,
  type GitPort,
  type StorePort,
} from '@metawsm/core';
import {
  aRun,
  aTarget,
  failingAt,
  faultPlan,
  FakeProcess,
  InMemoryStore,
  SequentialIds,
  TestClock,
  type FaultPlan,
} from '@metawsm/core/testing';
import {
  commitToBare,
  createRepoPair,
  git,
  isolatedGitEnv,
  makeTempDir,
  startGitHttpServer,
  writeTree,
  type GitHttpServer,
  type TempDir,
} from '@metawsm/testkit';
import { IsomorphicGitAdapter } from '../src/git/js/isomorphic-git.adapter.js';
import { WorkspaceGit } from '../src/git/js/workspace-git.js';
import { NativeGitAdapter } from '../src/git/native/native-git.adapter.js';
import { gitDirFingerprint, lockFiles } from './support/git-dir-fingerprint.js';
import { WORKSPACE_ENGINES, type WorkspaceEngine } from './support/workspace-sandbox.js';

const TOKEN = 'tok_crash_injection_99';
const key = { runId: 'run-1', ticket: 'T-1', repo: 'api' };

/**
 * The core crash-injection test on real repositories, once per engine: a fault at every git and
 * store call in turn loses no workspace data, leaves no lock file, and the next commit completes
 * with the same tree as an undisturbed one.
 */
describe.each(WORKSPACE_ENGINES)('%s engine: commit crash safety on real repositories', (engine) => {
  let tmp: TempDir;
  let env: NodeJS.ProcessEnv;
  let server: GitHttpServer;
  let root: string;
  let n = 0;

  beforeAll(async () => {
    tmp = makeTempDir('metawsm-crash-');
    env = isolatedGitEnv(tmp.path);
    git(tmp.path, ['config', '--global', 'user.name', 'Agent'], { env });
    git(tmp.path, ['config', '--global', 'user.email', 'agent@example.com'], { env });
    root = join(tmp.path, 'remotes');
    server = await startGitHttpServer({ root, token: TOKEN });
  });
  afterAll(async () => {
    await server.close();
    tmp.cleanup();
  });

  function makeGit(e: WorkspaceEngine): GitPort & { close?(): void } {
    return e === 'native'
      ? new NativeGitAdapter({ env })
      : new IsomorphicGitAdapter({ workspace: new WorkspaceGit({ env }) });
  }

  /** A fresh origin + workspace with agent work (a commit, an edit, a new file) and a moved base. */
  async function setup(): Promise<{ work: string; store: StorePort; git: GitPort & { close?(): void } }> {
    const name = `acme/r${n++}`;
    const pair = createRepoPair(
      root,
      name,
      { 'src/app.ts': 'export const a = 1;\n', 'README.md': 'r\n' },
      {
        env,
        remoteUrl: server.urlFor(name),
      },
    );
    writeTree(pair.work, { 'src/b.ts': 'export const b = 2;\n' });
    git(pair.work, ['add', '-A'], { env });
    git(pair.work, ['commit', '-qm', 'agent'], { env });
    writeTree(pair.work, { 'src/app.ts': 'export const a = 3;\n', 'notes/n.md': 'n\n' });
    commitToBare(pair.bare, 'main', { 'base.txt': 'moved\n' }, { env });
    const store = new InMemoryStore();
    await store.createRun(
      aRun({
        id: 'run-1',
        status: 'completed',
        tickets: ['T-1'],
        targets: [aTarget({ ticket: 'T-1', repo: 'api', path: pair.work })],
        title: null,
      }),
    );
    return { work: pair.work, store, git: makeGit(engine) };
  }

  function run(
    w: { store: StorePort; git: GitPort },
    plan: FaultPlan | null,
    pid = 4242,
  ): Promise<CommitResult> {
    const process = new FakeProcess({ pid });
    process.setEnv('METAWSM_GITHUB_TOKEN', TOKEN);
    const policy = { policy: defaultPolicy(), digest: policyDigest(defaultPolicy()), file: null };
    const deps = {
      git: plan ? failingAt(w.git, plan, 'git') : w.git,
      store: plan ? failingAt(w.store, plan, 'store') : w.store,
      clock: new TestClock(),
      ids: new SequentialIds(),
      process,
      checks: CheckRegistry.withBuiltins(),
    };
    return commitRun(deps, policy, {
      selection: { runId: 'run-1' },
      dryRun: false,
      force: false,
      switch: false,
      allowRunning: false,
    });
  }

  it('a fault at every call in turn: workspace untouched, no lock left, the next commit completes', async () => {
    const clean = await setup();
    const plan0 = faultPlan(Number.POSITIVE_INFINITY);
    const reference = (await run(clean, plan0)).targets[0]!;
    expect(reference).toMatchObject({ outcome: 'committed', engine, error: null });
    const expectedTree = git(clean.work, ['rev-parse', `${reference.commitSha!}^{tree}`], { env });
    clean.git.close?.();
    expect(plan0.calls).toBeGreaterThan(10);

    for (let failAt = 1; failAt <= plan0.calls; failAt++) {
      const w = await setup();
      const before = gitDirFingerprint(w.work);
      const plan = faultPlan(failAt);
      const crashed = await run(w, plan).catch((e: unknown) =>
        e instanceof Error ? e : new Error(String(e)),
      );
      // On failure, jest prints both call logs: the fault point must exist in this run too.
      expect({ fired: plan.fired, calls: plan.log, reference: plan0.log }).toMatchObject({ fired: true });
      if (!(crashed instanceof Error))
        expect(['error', 'checks_failed']).toContain(crashed.targets[0]!.outcome);
      expect(gitDirFingerprint(w.work)).toBe(before);
      expect(lockFiles(join(w.work, '.git'))).toEqual([]);

      const t = (await run(w, null, 7777)).targets[0]!;
      expect(['committed', 'unchanged']).toContain(t.outcome);
      expect((await w.store.getPullRequest(key))?.commitSha).toBe(t.commitSha);
      expect(git(w.work, ['rev-parse', 'refs/heads/t-1/api/run-1'], { env })).toBe(t.commitSha);
      expect(git(w.work, ['rev-parse', `${t.commitSha!}^{tree}`], { env })).toBe(expectedTree);
      expect(gitDirFingerprint(w.work)).toBe(before);
      w.git.close?.();
    }
  }, 300_000);
});
