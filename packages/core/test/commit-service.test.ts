import { EMPTY_TREE_OID, isMetawsmError } from '../src/index.js';
import { ORIGIN, WS, holdRunLock, policyWith, workspaceFingerprint, world } from './support/world.js';

describe('commit (promotion) on fakes', () => {
  it('promotes dirty, untracked and agent-committed work onto a moved base, never touching the workspace', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'src/app.ts': 'export const a = 2;\n' });
    w.git.agentCommit(WS, 'agent: bump a');
    w.git.writeFiles(WS, { 'src/new.ts': 'export const n = 1;\n', 'docs/guide.md': '# guide\n' });
    w.git.deleteFiles(WS, ['README.md']);
    const movedBase = w.git.remoteCommit(ORIGIN, 'main', { 'CHANGELOG.md': 'v2\n' });
    const before = workspaceFingerprint(w.git);

    const result = await w.commit();

    expect(result.exitCode).toBe(0);
    const t = result.targets[0]!;
    expect(t.outcome).toBe('committed');
    expect(t.engine).toBe('js');
    expect(t.branch).toBe('t-1/api/run-1');
    expect(t.baseSha).toBe(movedBase);
    expect(t.parents).toEqual([movedBase]);
    expect(t.updateKind).toBe('new');
    expect(t.files.map((f) => `${f.status}:${f.path}`)).toEqual([
      'deleted:README.md',
      'added:docs/guide.md',
      'modified:src/app.ts',
      'added:src/new.ts',
    ]);
    const ws = await w.git.openWorkspace(WS);
    expect(await w.git.readRef(ws, 'refs/heads/t-1/api/run-1')).toBe(t.commitSha);
    expect(await w.git.readRef(ws, 'refs/metawsm/snapshots/run-1/T-1/api')).toBe(t.snapshotSha);
    expect(w.git.treeText(t.commitSha!)).toEqual({
      'CHANGELOG.md': 'v2\n',
      'docs/guide.md': '# guide\n',
      'src/app.ts': 'export const a = 2;\n',
      'src/new.ts': 'export const n = 1;\n',
    });
    expect(workspaceFingerprint(w.git)).toBe(before);
    const rec = await w.store.getPullRequest({ runId: 'run-1', ticket: 'T-1', repo: 'api' });
    expect(rec).toMatchObject({
      commitSha: t.commitSha,
      baseSha: movedBase,
      snapshotSha: t.snapshotSha,
      leaseSha: null,
      lastPushedSha: null,
      branch: 't-1/api/run-1',
      baseRef: 'origin/main',
    });
    expect(rec?.checks?.passed).toBe(true);
  });

  it('writes the commit message of SPEC 4.1: subject truncated to 72 characters, stats, trailers', async () => {
    const title = `Ünïcödé ${'é'.repeat(80)}`;
    const w = await world({ run: { title } });
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const t = (await w.commit()).targets[0]!;
    const msg = (await w.git.readCommit(await w.git.openWorkspace(WS), t.commitSha!)).message;
    const subject = msg.split('\n')[0]!;
    expect(Array.from(subject)).toHaveLength(72);
    expect(subject.startsWith('[T-1] Ünïcödé')).toBe(true);
    expect(msg).toContain('1 file changed: 1 added, 0 modified, 0 deleted');
    expect(msg).toMatch(/\n\nMetawsm-Run: run-1\nMetawsm-Ticket: T-1\n$/);
  });

  it('--message replaces the subject and keeps the trailers', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const t = (await w.commit({ message: 'Fix the thing' })).targets[0]!;
    const msg = (await w.git.readCommit(await w.git.openWorkspace(WS), t.commitSha!)).message;
    expect(msg).toBe('Fix the thing\n\nMetawsm-Run: run-1\nMetawsm-Ticket: T-1\n');
  });

  it('reports no_changes when the workspace equals its merge base', async () => {
    const w = await world();
    w.git.remoteCommit(ORIGIN, 'main', { 'other.txt': 'x\n' });
    const r = await w.commit();
    expect(r.targets[0]).toMatchObject({ outcome: 'no_changes', exitCode: 0, commitSha: null });
    expect(await w.store.getPullRequest({ runId: 'run-1', ticket: 'T-1', repo: 'api' })).toBeNull();
  });

  it('reports conflicts per path with exit 3 and writes nothing but the snapshot ref', async () => {
    const w = await world({ files: { 'a.txt': 'one\n', 'b.txt': 'b\n', 'c.txt': 'c\n' } });
    w.git.writeFiles(WS, { 'a.txt': 'agent\n', 'c.txt': 'agent c\n' });
    w.git.deleteFiles(WS, ['b.txt']);
    w.git.remoteCommit(ORIGIN, 'main', { 'a.txt': 'base\n', 'b.txt': 'base b\n' }, ['c.txt']);
    const r = await w.commit();
    expect(r.exitCode).toBe(3);
    expect(r.targets[0]!.outcome).toBe('conflict');
    expect(r.targets[0]!.conflicts).toEqual([
      { path: 'a.txt', kind: 'content' },
      { path: 'b.txt', kind: 'modify_delete' },
      { path: 'c.txt', kind: 'delete_modify' },
    ]);
    const ws = await w.git.openWorkspace(WS);
    expect(await w.git.readRef(ws, 'refs/heads/t-1/api/run-1')).toBeNull();
    expect(await w.git.readRef(ws, 'refs/metawsm/snapshots/run-1/T-1/api')).toBe(r.targets[0]!.snapshotSha);
    // No commit is recorded; only the outcome, for `pr` and `status` (issue 10 item 16).
    expect(await w.store.getPullRequest({ runId: 'run-1', ticket: 'T-1', repo: 'api' })).toMatchObject({
      commitSha: null,
      lastError: { code: 'PROMOTION_CONFLICT', operation: 'commit' },
    });
  });

  it('re-running without changes is unchanged and creates no new commit', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const first = (await w.commit()).targets[0]!;
    const second = (await w.commit()).targets[0]!;
    expect(second).toMatchObject({ outcome: 'unchanged', commitSha: first.commitSha, exitCode: 0 });
  });

  it('appends to a pushed branch when the base did not move (old commit is the parent)', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const c1 = await pushFirst(w);
    w.git.writeFiles(WS, { 'b.txt': 'b\n' });
    const t = (await w.commit()).targets[0]!;
    expect(t).toMatchObject({ outcome: 'committed', updateKind: 'append', parents: [c1] });
    expect((await w.store.getPullRequest(key))?.leaseSha).toBe(c1);
  });

  it('rebases onto a moved base (parent = base tip, lease = last pushed)', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const c1 = await pushFirst(w);
    const base2 = w.git.remoteCommit(ORIGIN, 'main', { 'z.txt': 'z\n' });
    w.git.writeFiles(WS, { 'b.txt': 'b\n' });
    const t = (await w.commit()).targets[0]!;
    expect(t).toMatchObject({ outcome: 'committed', updateKind: 'rebase', parents: [base2] });
    expect((await w.store.getPullRequest(key))?.leaseSha).toBe(c1);
    expect(Object.keys(w.git.treeText(t.commitSha!)).sort()).toEqual([
      'README.md',
      'a.txt',
      'b.txt',
      'src/app.ts',
      'z.txt',
    ]);
  });

  it('with update_strategy append merges the moved base into the branch, then commits on top', async () => {
    const w = await world({ gitPr: { update_strategy: 'append' } });
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const c1 = await pushFirst(w);
    const base2 = w.git.remoteCommit(ORIGIN, 'main', { 'z.txt': 'z\n' });
    w.git.writeFiles(WS, { 'b.txt': 'b\n' });
    const t = (await w.commit()).targets[0]!;
    expect(t.updateKind).toBe('merge');
    const ws = await w.git.openWorkspace(WS);
    const merge = await w.git.readCommit(ws, t.parents[0]!);
    expect(merge.parents).toEqual([c1, base2]);
    expect(Object.keys(w.git.treeText(t.commitSha!)).sort()).toEqual([
      'README.md',
      'a.txt',
      'b.txt',
      'src/app.ts',
      'z.txt',
    ]);
  });

  it('refuses foreign commits on the PR branch (exit 3, listing them); --force builds on them', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    await pushFirst(w);
    const foreign = w.git.remoteCommit(ORIGIN, 't-1/api/run-1', { 'human.txt': 'fix\n' }, [], 'human fixup');
    w.git.writeFiles(WS, { 'b.txt': 'b\n' });
    const refused = await w.commit();
    expect(refused.exitCode).toBe(3);
    expect(refused.targets[0]!.outcome).toBe('foreign_commits');
    expect(refused.targets[0]!.foreignCommits.map((c) => [c.sha, c.subject])).toEqual([
      [foreign, 'human fixup'],
    ]);
    const forced = (await w.commit({ force: true })).targets[0]!;
    expect(forced).toMatchObject({ outcome: 'committed', parents: [foreign] });
    expect(w.git.treeText(forced.commitSha!)['human.txt']).toBe('fix\n');
  });

  it('fails required checks with exit 6, stores the report and writes no branch', async () => {
    const w = await world({ gitPr: { test_commands: ['npm test'] } });
    w.process.script({ exitCode: 1, stdout: 'boom' });
    w.git.writeFiles(WS, { 'config/.env': 'SECRET=1\n', 'ok.txt': 'x\n' });
    const r = await w.commit();
    expect(r.exitCode).toBe(6);
    const t = r.targets[0]!;
    expect(t.outcome).toBe('checks_failed');
    expect(t.checks?.results.map((c) => [c.name, c.status])).toEqual([
      ['tests', 'failed'],
      ['forbidden_files', 'failed'],
      ['clean_tree', 'passed'],
    ]);
    expect(w.process.calls[0]).toMatchObject({ shell: 'npm test', cwd: WS });
    const rec = await w.store.getPullRequest(key);
    expect(rec?.commitSha).toBeNull();
    expect(rec?.checks?.passed).toBe(false);
    expect(rec?.lastError?.code).toBe('CHECKS_FAILED');
    expect(await w.git.readRef(await w.git.openWorkspace(WS), 'refs/heads/t-1/api/run-1')).toBeNull();
  });

  it('forbidden_files looks at agent commits too', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'keys/deploy.pem': 'x' });
    w.git.agentCommit(WS);
    w.git.deleteFiles(WS, []);
    const r = await w.commit();
    expect(r.targets[0]!.checks?.results.find((c) => c.name === 'forbidden_files')?.status).toBe('failed');
  });

  it('--dry-run predicts everything and writes no refs and no rows', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const r = await w.commit({ dryRun: true });
    expect(r.targets[0]).toMatchObject({ outcome: 'committed', dryRun: true, branch: 't-1/api/run-1' });
    const ws = await w.git.openWorkspace(WS);
    expect(await w.git.readRef(ws, 'refs/heads/t-1/api/run-1')).toBeNull();
    expect(await w.git.readRef(ws, 'refs/metawsm/snapshots/run-1/T-1/api')).toBeNull();
    expect(await w.store.getPullRequest(key)).toBeNull();
    expect(await w.store.listEvents({ runId: 'run-1', type: 'commit.ref' })).toEqual([]);
  });

  it('--switch checks the branch out when the workspace still equals the snapshot', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const t = (await w.commit({ switch: true })).targets[0]!;
    expect(t.switched).toBe(true);
    expect(w.git.headOf(WS)).toEqual({ ref: 'refs/heads/t-1/api/run-1', sha: t.commitSha });
  });

  it('never promotes .metawsm/', async () => {
    const w = await world();
    w.git.writeFiles(WS, { '.metawsm/review-feedback.md': 'feedback\n', 'a.txt': 'a\n' });
    const t = (await w.commit()).targets[0]!;
    expect(t.files.map((f) => f.path)).toEqual(['a.txt']);
    expect(Object.keys(w.git.treeText(t.commitSha!))).not.toContain('.metawsm/review-feedback.md');
  });

  it('journals intent before and done after each side effect', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    await w.commit();
    const seq = (await w.store.listEvents({ runId: 'run-1' })).map((e) => `${e.type}:${e.phase}`);
    // fetch and snapshot overlap; each is bracketed, and the branch moves only after both.
    for (const step of ['commit.fetch', 'commit.snapshot', 'commit.ref']) {
      expect(seq.indexOf(`${step}:intent`)).toBeGreaterThanOrEqual(0);
      expect(seq.indexOf(`${step}:done`)).toBeGreaterThan(seq.indexOf(`${step}:intent`));
    }
    expect(seq.indexOf('commit.ref:intent')).toBeGreaterThan(
      Math.max(seq.indexOf('commit.fetch:done'), seq.indexOf('commit.snapshot:done')),
    );
    expect(seq).toHaveLength(6);
  });

  describe('bad input', () => {
    it('unknown --repo → REPO_NOT_FOUND', async () => {
      const w = await world();
      await expect(w.commit({ selection: { runId: 'run-1', repos: ['nope'] } })).rejects.toMatchObject({
        code: 'REPO_NOT_FOUND',
      });
    });
    it('base branch missing on the remote → BASE_NOT_FOUND, exit 2', async () => {
      const w = await world({
        run: { targets: [{ ticket: 'T-1', repo: 'api', path: WS, remote: 'origin', baseBranch: 'develop' }] },
      });
      w.git.writeFiles(WS, { 'a.txt': 'a\n' });
      const t = (await w.commit()).targets[0]!;
      expect(t).toMatchObject({ outcome: 'error', exitCode: 2, error: { code: 'BASE_NOT_FOUND' } });
    });
    it('a branch template yielding an invalid ref → INVALID_REF', async () => {
      const w = await world({ gitPr: { branch_template: '{ticket}..{repo}' } });
      const t = (await w.commit()).targets[0]!;
      expect(t).toMatchObject({ outcome: 'error', exitCode: 2, error: { code: 'INVALID_REF' } });
    });
    it('a workspace that is no longer a repo → NOT_A_GIT_REPO', async () => {
      const w = await world({
        run: {
          targets: [{ ticket: 'T-1', repo: 'api', path: '/gone', remote: 'origin', baseBranch: 'main' }],
        },
      });
      const t = (await w.commit()).targets[0]!;
      expect(t).toMatchObject({ outcome: 'error', exitCode: 2, error: { code: 'NOT_A_GIT_REPO' } });
    });
    it('a running run needs --allow-running', async () => {
      const w = await world({ run: { status: 'running' } });
      await expect(w.commit()).rejects.toMatchObject({ code: 'RUN_NOT_COMPLETED' });
      w.git.writeFiles(WS, { 'a.txt': 'a\n' });
      const r = await w.commit({ allowRunning: true });
      expect(r.warnings[0]).toContain('still running');
      expect(r.targets[0]!.outcome).toBe('committed');
    });
    it('policy mode off refuses', async () => {
      const w = await world({ gitPr: { mode: 'off' } });
      await expect(w.commit()).rejects.toMatchObject({ code: 'POLICY_MODE_OFF' });
    });
    it('a held run lock → RUN_LOCKED naming the holder', async () => {
      const w = await world();
      await holdRunLock(w, { operation: 'pr', ownerId: 'other', leaseMs: 60_000 });
      const err: unknown = await w.commit().catch((e: unknown) => e);
      expect(isMetawsmError(err, 'RUN_LOCKED')).toBe(true);
      expect((err as { data: { holder: { operation: string } } }).data.holder.operation).toBe('pr');
    });
  });

  it('treats an unborn workspace HEAD as all-new files (add/add against the base conflicts)', async () => {
    const w = await world();
    w.git.initWorkspace('/fresh', ORIGIN);
    w.git.writeFiles('/fresh', { 'new.txt': 'n\n' });
    await w.store.createRun({
      ...w.run,
      id: 'run-2',
      targets: [{ ticket: 'T-1', repo: 'api', path: '/fresh', remote: 'origin', baseBranch: 'main' }],
    });
    const ok = (await w.commit({ selection: { runId: 'run-2' } }, policyWith({ required_checks: [] })))
      .targets[0]!;
    expect(ok.outcome).toBe('committed');
    expect(ok.files).toEqual([{ path: 'new.txt', status: 'added' }]);
    expect(Object.keys(w.git.treeText(ok.commitSha!)).sort()).toEqual(['README.md', 'new.txt', 'src/app.ts']);
    w.git.writeFiles('/fresh', { 'README.md': 'mine\n' });
    const clash = (await w.commit({ selection: { runId: 'run-2' } })).targets[0]!;
    expect(clash.conflicts).toEqual([{ path: 'README.md', kind: 'add_add' }]);
    expect(EMPTY_TREE_OID).toHaveLength(40);
  });
});

const key = { runId: 'run-1', ticket: 'T-1', repo: 'api' };

/** Commit, then simulate `pr`'s push: the remote branch and the record's pushed sha. */
async function pushFirst(w: Awaited<ReturnType<typeof world>>): Promise<string> {
  const t = (await w.commit()).targets[0]!;
  const c1 = t.commitSha!;
  w.git.remotes.get(ORIGIN)!.set('t-1/api/run-1', c1);
  const rec = (await w.store.getPullRequest(key))!;
  await w.store.putPullRequest({ ...rec, lastPushedSha: c1, leaseSha: c1 });
  return c1;
}
