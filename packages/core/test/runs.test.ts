import {
  createRun,
  defaultPolicy,
  parseRepoSpec,
  selectTargets,
  setRunStatus,
  statusReport,
} from '../src/index.js';
import { FakeGit, InMemoryStore, SequentialIds, TestClock } from '../src/testing/index.js';

const ORIGIN = 'https://github.com/acme/api.git';

function setup() {
  const git = new FakeGit();
  git.seedRemote(ORIGIN, { 'a.txt': 'a\n' });
  git.cloneWorkspace('/w/api', ORIGIN);
  git.cloneWorkspace('/w/web', ORIGIN);
  const deps = { git, store: new InMemoryStore(), clock: new TestClock(), ids: new SequentialIds() };
  const gp = defaultPolicy().git_pr;
  const create = (input: Partial<Parameters<typeof createRun>[1]> = {}, policy = gp) =>
    createRun(deps, { tickets: ['T-1'], repos: ['api=/w/api'], cwd: '/w', ...input }, policy);
  return { ...deps, create, gp };
}

describe('run registry', () => {
  it('creates a running run with targets, base from policy, remote origin', async () => {
    const s = setup();
    const run = await s.create({ title: 'Add x' });
    expect(run).toMatchObject({
      status: 'running',
      title: 'Add x',
      tickets: ['T-1'],
      baseBranch: 'main',
      completedAt: null,
    });
    expect(run.targets).toEqual([
      { ticket: 'T-1', repo: 'api', path: '/w/api', remote: 'origin', baseBranch: 'main' },
    ]);
    expect(run.id).toMatch(/^run-\d{8}-\d{6}-[0-9a-f]{6}$/);
    expect(await s.store.getRun(run.id)).toEqual(run);
    expect((await s.store.listEvents({ runId: run.id })).map((e) => e.type)).toEqual(['run.create']);
  });

  it('a repo without ticket prefix belongs to every ticket; a prefix to its ticket only', async () => {
    const s = setup();
    const run = await s.create({ tickets: ['A', 'B'], repos: ['api=/w/api', 'A:web=/w/web'] });
    expect(run.targets.map((t) => `${t.ticket}/${t.repo}`)).toEqual(['A/api', 'B/api', 'A/web']);
  });

  it('relative paths resolve against cwd', () => {
    expect(parseRepoSpec('api=../w/api', '/x/y').path).toBe('/x/w/api');
    expect(parseRepoSpec('T-1:api=/abs', '/x')).toEqual({ ticket: 'T-1', repo: 'api', path: '/abs' });
  });

  it('two runs created in the same second get distinct ids', async () => {
    const s = setup();
    const a = await s.create();
    const b = await s.create();
    expect(a.id).not.toBe(b.id);
    expect(a.id.slice(0, 20)).toBe(b.id.slice(0, 20));
  });

  it.each([
    [{ repos: ['..=/w/api'] }, 'INVALID_INPUT'],
    [{ repos: ['a/b=/w/api'] }, 'INVALID_INPUT'],
    [{ repos: ['api'] }, 'INVALID_INPUT'],
    [{ repos: ['api=/nope'] }, 'NOT_A_GIT_REPO'],
    [{ repos: ['api=/w/api', 'api=/w/web'] }, 'DUPLICATE_TARGET'],
    [{ repos: ['X:api=/w/api'] }, 'INVALID_INPUT'],
    [{ tickets: [] }, 'INVALID_INPUT'],
    [{ tickets: ['  '] }, 'INVALID_INPUT'],
    [{ repos: [] }, 'INVALID_INPUT'],
    [{ base: 'bad..base' }, 'INVALID_REF'],
    [{ runId: '..' }, 'INVALID_INPUT'],
    [{ remote: 'upstream' }, 'REMOTE_NOT_FOUND'],
  ])('rejects %j with %s', async (input, code) => {
    await expect(setup().create(input)).rejects.toMatchObject({ code });
  });

  it('rejects a repo outside allowed_repos', async () => {
    const s = setup();
    await expect(s.create({}, { ...s.gp, allowed_repos: ['web'] })).rejects.toMatchObject({
      code: 'REPO_NOT_ALLOWED',
    });
  });

  it('a chosen run id must be unique', async () => {
    const s = setup();
    await s.create({ runId: 'r1' });
    await expect(s.create({ runId: 'r1' })).rejects.toMatchObject({ code: 'RUN_EXISTS' });
  });

  it('complete and close; closed is final', async () => {
    const s = setup();
    const run = await s.create({ runId: 'r1' });
    expect((await setRunStatus(s, { runId: run.id, status: 'completed' })).status).toBe('completed');
    expect((await setRunStatus(s, { runId: run.id, status: 'closed' })).closedAt).not.toBeNull();
    await expect(setRunStatus(s, { runId: run.id, status: 'completed' })).rejects.toMatchObject({
      code: 'RUN_CLOSED',
    });
    await expect(setRunStatus(s, { runId: 'nope', status: 'completed' })).rejects.toMatchObject({
      code: 'RUN_NOT_FOUND',
    });
  });

  it('selects by ticket (latest run, only its targets), by run id, or the only open run', async () => {
    const s = setup();
    await s.create({ runId: 'old', tickets: ['A', 'B'], repos: ['api=/w/api'] });
    s.clock.advance(5000);
    await s.create({ runId: 'new', tickets: ['A', 'B'], repos: ['api=/w/api'] });
    const byTicket = await selectTargets(s.store, { ticket: 'B' });
    expect(byTicket.run.id).toBe('new');
    expect(byTicket.targets.map((t) => t.ticket)).toEqual(['B']);
    await expect(selectTargets(s.store, {})).rejects.toMatchObject({ code: 'USAGE' });
    await setRunStatus(s, { runId: 'old', status: 'closed' });
    expect((await selectTargets(s.store, {})).run.id).toBe('new');
    await expect(selectTargets(s.store, { ticket: 'ZZZ' })).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
    await expect(selectTargets(s.store, { runId: 'zzz' })).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
  });

  it('status shows targets and the next command', async () => {
    const s = setup();
    const run = await s.create({ runId: 'r1' });
    let report = await statusReport(s.store, { runId: run.id });
    expect(report.runs[0]!.targets[0]!.next).toBe('metawsm run complete r1');
    await setRunStatus(s, { runId: run.id, status: 'completed' });
    report = await statusReport(s.store, {});
    expect(report.runs[0]!.targets[0]).toMatchObject({
      branch: null,
      pr: null,
      next: 'metawsm commit --run-id r1',
      engine: null,
    });
    const git = new FakeGit();
    git.engineInfo = { name: 'native', gitVersion: '2.39.5' };
    report = await statusReport(s.store, { runId: run.id }, { git });
    expect(report.runs[0]!.targets[0]!.engine).toBe('native');
  });
});
