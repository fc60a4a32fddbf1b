import { MetawsmError } from '../src/index.js';
import { FakeProcess } from '../src/testing/index.js';
import { ORIGIN, WS, TOKEN, holdRunLock, policyWith, world } from './support/world.js';

const key = { runId: 'run-1', ticket: 'T-1', repo: 'api' };
const BRANCH = 't-1/api/run-1';

async function committed(opts: Parameters<typeof world>[0] = {}) {
  const w = await world(opts);
  w.git.writeFiles(WS, { 'a.txt': 'a\n' });
  await w.commit();
  return w;
}
const creates = (w: Awaited<ReturnType<typeof world>>) =>
  w.github.calls.filter((c) => c.method === 'createPullRequest').length;

describe('pr on fakes', () => {
  it('pushes the commit and creates the PR with title, body marker, actor and record', async () => {
    const w = await committed();
    const r = await w.pr();
    expect(r.exitCode).toBe(0);
    const t = r.targets[0]!;
    const rec = (await w.store.getPullRequest(key))!;
    expect(t).toMatchObject({
      outcome: 'created',
      number: 1,
      state: 'open',
      pushedSha: rec.commitSha,
      actor: 'octo',
      actorSource: 'github',
    });
    expect(t.actions).toEqual(['push', 'create']);
    expect(w.git.remotes.get(ORIGIN)!.get(BRANCH)).toBe(rec.commitSha);
    expect(rec).toMatchObject({
      prNumber: 1,
      prState: 'open',
      lastPushedSha: rec.commitSha,
      leaseSha: rec.commitSha,
      actor: 'octo',
      actorSource: 'github',
      credentialMode: 'local_user_auth',
    });
    const [gh] = w.github.listPullRequests('acme', 'api');
    expect(gh).toMatchObject({ title: '[T-1] update api for run-1', baseRef: 'main', headRef: BRANCH });
    expect(gh!.body).toContain('<!-- metawsm:run=run-1;ticket=T-1;repo=api -->');
    expect(gh!.body).toContain(rec.commitSha!.slice(0, 12));
    expect(gh!.body).toContain('A  a.txt');
  });

  it('re-running never duplicates: unchanged, one create in total', async () => {
    const w = await committed();
    await w.pr();
    const again = await w.pr();
    expect(again.targets[0]).toMatchObject({ outcome: 'unchanged', number: 1, actions: [] });
    expect(creates(w)).toBe(1);
    expect(w.git.pushes).toHaveLength(1);
  });

  it('second iteration updates the same PR with a fast-forward push', async () => {
    const w = await committed();
    await w.pr();
    const first = (await w.store.getPullRequest(key))!.commitSha!;
    w.git.writeFiles(WS, { 'b.txt': 'b\n' });
    await w.commit();
    const t = (await w.pr()).targets[0]!;
    expect(t).toMatchObject({ outcome: 'updated', number: 1 });
    expect(w.git.pushes[1]).toMatchObject({ lease: first });
    expect(creates(w)).toBe(1);
    expect(w.github.listPullRequests('acme', 'api')[0]!.body).toContain('b.txt');
  });

  it('adopts a PR that exists on GitHub but is unknown locally (no duplicate)', async () => {
    const w = await committed();
    w.git.remotes.get(ORIGIN)!.set(BRANCH, w.baseTip);
    w.github.seedPullRequest({
      owner: 'acme',
      repo: 'api',
      head: BRANCH,
      title: 'human title',
      body: 'human body',
    });
    w.git.remotes.get(ORIGIN)!.delete(BRANCH);
    const t = (await w.pr()).targets[0]!;
    expect(t).toMatchObject({ outcome: 'adopted', number: 1 });
    expect(creates(w)).toBe(0);
    expect(w.github.listPullRequests('acme', 'api')[0]!.title).toBe('human title');
  });

  it('adopts and rewrites a PR carrying our marker (created before a crash, never recorded)', async () => {
    const w = await committed();
    w.github.seedPullRequest({
      owner: 'acme',
      repo: 'api',
      head: BRANCH,
      title: 'stale',
      body: 'old\n<!-- metawsm:run=run-1;ticket=T-1;repo=api -->',
    });
    const t = (await w.pr()).targets[0]!;
    expect(t).toMatchObject({ outcome: 'adopted', number: 1 });
    expect(t.warnings).toEqual([]);
    const pr = w.github.listPullRequests('acme', 'api')[0]!;
    expect(pr.title).toBe('[T-1] update api for run-1');
    expect(pr.body).toContain('A  a.txt');
    expect(creates(w)).toBe(0);
  });

  it('adopts on a 422 "already exists" race', async () => {
    const w = await committed();
    w.github.failNext('findPullRequestsByHead', new MetawsmError('GITHUB_API_FAILED', 'x'), 0);
    const origCreate = w.github.createPullRequest.bind(w.github);
    w.github.createPullRequest = async (gh, req) => {
      await origCreate(gh, req);
      return origCreate(gh, req);
    };
    const t = (await w.pr()).targets[0]!;
    expect(t).toMatchObject({ outcome: 'adopted', number: 1 });
    expect(w.github.listPullRequests('acme', 'api')).toHaveLength(1);
  });

  it('label and reviewer failures are warnings; the PR is still created', async () => {
    const w = await committed({ gitPr: { default_labels: ['agent'], default_reviewers: ['stranger'] } });
    const t = (await w.pr({}, policyWith({ default_labels: ['agent'], default_reviewers: ['stranger'] })))
      .targets[0]!;
    expect(t.outcome).toBe('created');
    expect(t.exitCode).toBe(0);
    expect(t.actions).toEqual(['push', 'create', 'labels', 'reviewers']);
    expect(t.warnings.join('\n')).toContain('could not add reviewers (stranger)');
    expect(w.github.listPullRequests('acme', 'api')[0]!.labels).toEqual(['agent']);
  });

  it('a closed PR is reported, not reopened, and no new PR is created', async () => {
    const w = await committed();
    await w.pr();
    w.github.closePullRequest('acme', 'api', 1);
    w.git.writeFiles(WS, { 'c.txt': 'c\n' });
    await w.commit();
    const t = (await w.pr()).targets[0]!;
    expect(t).toMatchObject({ outcome: 'closed', state: 'closed', number: 1 });
    expect(t.warnings[0]).toContain('not reopened and nothing pushed');
    expect(t.actions).toEqual([]);
    expect(w.git.pushes).toHaveLength(1);
    expect(w.github.listPullRequests('acme', 'api')).toHaveLength(1);
    expect((await w.store.getPullRequest(key))!.prState).toBe('closed');
  });

  it('a persistent API failure exits 7 with the record resumable; the next run completes without pushing twice', async () => {
    const w = await committed();
    w.github.failNext(
      'createPullRequest',
      new MetawsmError('GITHUB_API_FAILED', 'GitHub answered 502 after 3 retries'),
      1,
    );
    const failed = await w.pr();
    expect(failed.exitCode).toBe(7);
    expect(failed.targets[0]!.error?.code).toBe('GITHUB_API_FAILED');
    const rec = (await w.store.getPullRequest(key))!;
    expect(rec.lastPushedSha).toBe(rec.commitSha);
    expect(rec.lastError?.code).toBe('GITHUB_API_FAILED');
    const resumed = await w.pr();
    expect(resumed.targets[0]).toMatchObject({ outcome: 'created', number: 1 });
    expect(w.git.pushes).toHaveLength(1);
  });

  it('a crash after the push but before the record is reconciled (remote already has the commit)', async () => {
    const w = await committed();
    const rec = (await w.store.getPullRequest(key))!;
    w.git.remotes.get(ORIGIN)!.set(BRANCH, rec.commitSha!);
    const t = (await w.pr()).targets[0]!;
    expect(t).toMatchObject({ outcome: 'created', pushedSha: rec.commitSha });
  });

  it('someone pushing to the branch after commit → FOREIGN_COMMITS, exit 3', async () => {
    const w = await committed();
    w.git.remoteCommit(ORIGIN, BRANCH, { 'x.txt': 'x\n' });
    const r = await w.pr();
    expect(r.exitCode).toBe(3);
    expect(r.targets[0]!.error?.code).toBe('FOREIGN_COMMITS');
  });

  it('no token → AUTH_MISSING, exit 5', async () => {
    const w = await committed();
    w.process.setEnv('METAWSM_GITHUB_TOKEN', undefined);
    const r = await w.pr();
    expect(r.exitCode).toBe(5);
    expect(r.targets[0]!.error?.code).toBe('AUTH_MISSING');
  });

  it('env_token mode ignores GH_TOKEN; local_user_auth falls back to `gh auth token`', async () => {
    const w = await committed();
    w.process.setEnv('METAWSM_GITHUB_TOKEN', undefined);
    w.process.setEnv('GH_TOKEN', TOKEN);
    expect((await w.pr({}, policyWith({ credential_mode: 'env_token' }))).targets[0]!.error?.code).toBe(
      'AUTH_MISSING',
    );
    w.process.setEnv('GH_TOKEN', undefined);
    const gh = new FakeProcess({ executables: { gh: '/usr/bin/gh' } });
    gh.script({ exitCode: 0, stdout: `${TOKEN}\n` });
    const r = await (
      await import('../src/index.js')
    ).prRun({ ...w.deps, process: gh }, w.policy, {
      selection: { runId: 'run-1' },
      dryRun: false,
      allowRunning: false,
    });
    expect(r.targets[0]!.outcome).toBe('created');
    expect(gh.calls[0]).toMatchObject({ argv: ['/usr/bin/gh', 'auth', 'token'] });
  });

  it('--dry-run plans without pushing, creating or writing rows', async () => {
    const w = await committed();
    const before = await w.store.getPullRequest(key);
    const t = (await w.pr({ dryRun: true })).targets[0]!;
    expect(t).toMatchObject({ outcome: 'planned', actions: ['push', 'create'], dryRun: true });
    expect(w.git.pushes).toHaveLength(0);
    expect(creates(w)).toBe(0);
    expect(await w.store.getPullRequest(key)).toEqual(before);
  });

  it('rewrites title/body only while they equal what metawsm last wrote', async () => {
    const w = await committed({ run: { title: 'First' } });
    await w.pr();
    const gh = {
      apiUrl: 'https://api.github.com',
      token: new (await import('../src/index.js')).Secret(TOKEN),
      owner: 'acme',
      repo: 'api',
    };
    await w.github.updatePullRequest(gh, 1, { title: 'Edited by a human' });
    w.git.writeFiles(WS, { 'b.txt': 'b\n' });
    await w.commit();
    const t = (await w.pr()).targets[0]!;
    expect(t.outcome).toBe('updated');
    const pr = w.github.listPullRequests('acme', 'api')[0]!;
    expect(pr.title).toBe('Edited by a human');
    expect(pr.body).toContain('b.txt');
    expect(t.warnings.join()).toContain('title was edited on GitHub');
  });

  it('--actor wins over the GitHub login; --draft opens a draft', async () => {
    const w = await committed();
    const t = (await w.pr({ actor: 'ops-bot', draft: true })).targets[0]!;
    expect(t).toMatchObject({ actor: 'ops-bot', actorSource: 'flag', state: 'draft' });
  });

  it('skips targets with nothing committed', async () => {
    const w = await world();
    const t = (await w.pr()).targets[0]!;
    expect(t.outcome).toBe('skipped');
    expect(t.exitCode).toBe(0);
  });

  it('clean_tree fails at pr when the workspace changed after commit (exit 6, nothing pushed)', async () => {
    const w = await committed();
    w.git.writeFiles(WS, { 'late.txt': 'late\n' });
    const r = await w.pr();
    expect(r.exitCode).toBe(6);
    expect(r.targets[0]!.outcome).toBe('checks_failed');
    expect(w.git.pushes).toHaveLength(0);
  });

  it('marks dispatched feedback addressed once a later commit is pushed', async () => {
    const w = await committed();
    await w.pr();
    const { aFeedbackItem } = await import('../src/testing/index.js');
    await w.store.putFeedback([
      aFeedbackItem({
        runId: 'run-1',
        ticket: 'T-1',
        repo: 'api',
        status: 'dispatched',
        dispatchedAt: new Date(w.clock.nowMs()).toISOString(),
        dispatchId: 'd1',
      }),
    ]);
    w.clock.advance(1000);
    w.git.writeFiles(WS, { 'fix.txt': 'fix\n' });
    await w.commit();
    await w.pr();
    const items = await w.store.listFeedback({ runId: 'run-1' });
    expect(items[0]!.status).toBe('addressed');
  });

  it('a held lock on the run → RUN_LOCKED', async () => {
    const w = await committed();
    await holdRunLock(w, { operation: 'commit', ownerId: 'x', pid: 31337 });
    await expect(w.pr()).rejects.toMatchObject({ code: 'RUN_LOCKED' });
  });
});
