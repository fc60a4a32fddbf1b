import {
  INPUT_LIMITS,
  createRun,
  defaultPolicy,
  renderBranchName,
  type CreateRunInput,
} from '../src/index.js';
import { FakeGit, InMemoryStore, SequentialIds, TestClock } from '../src/testing/index.js';

const ORIGIN = 'https://github.com/acme/api.git';

function setup() {
  const git = new FakeGit();
  git.seedRemote(ORIGIN, { 'a.txt': 'a\n' });
  git.cloneWorkspace('/w/api', ORIGIN);
  git.cloneWorkspace('/w/web', ORIGIN);
  const store = new InMemoryStore();
  const deps = { git, store, clock: new TestClock(), ids: new SequentialIds() };
  const gp = defaultPolicy().git_pr;
  const create = (input: Partial<Parameters<typeof createRun>[1]> = {}, policy = gp) =>
    createRun(deps, { tickets: ['T-1'], repos: ['api=/w/api'], cwd: '/w', ...input }, policy);
  return { store, create, gp };
}

async function refused(p: Promise<unknown>) {
  const e = (await p.then(
    () => null,
    (err: unknown) => err,
  )) as { code: string; exitCode: number; data: Record<string, unknown> } | null;
  if (e === null) throw new Error('expected a refusal');
  return e;
}

describe('run create length limits (issue 10 item 10)', () => {
  const cases: [string, Partial<CreateRunInput>, number][] = [
    ['ticket', { tickets: ['T'.repeat(INPUT_LIMITS.ticketBytes + 1)] }, INPUT_LIMITS.ticketBytes],
    // 34 three-byte characters: 102 bytes, though only 34 characters.
    ['ticket', { tickets: ['票'.repeat(34)] }, INPUT_LIMITS.ticketBytes],
    ['run id', { runId: 'r'.repeat(INPUT_LIMITS.runIdChars + 1) }, INPUT_LIMITS.runIdChars],
    [
      'repo name',
      { repos: [`${'a'.repeat(INPUT_LIMITS.repoNameChars + 1)}=/w/api`] },
      INPUT_LIMITS.repoNameChars,
    ],
    ['title', { title: 'x'.repeat(INPUT_LIMITS.titleChars + 1) }, INPUT_LIMITS.titleChars],
  ];
  for (const [field, input, limit] of cases) {
    const shown = JSON.stringify(input).slice(0, 30);
    it(`a ${field} over ${limit} (${shown}…) is refused with exit 2 naming the limit; nothing is stored`, async () => {
      const s = setup();
      const e = await refused(s.create(input));
      expect(e).toMatchObject({ code: 'INVALID_INPUT', exitCode: 2, data: { field, limit } });
      expect(await s.store.listRuns()).toEqual([]);
    });
  }

  it('values at the limits are accepted, and every ref component stays within 255 bytes', async () => {
    const s = setup();
    const ticket = 'é'.repeat(INPUT_LIMITS.ticketBytes / 2);
    const run = await s.create({
      tickets: [ticket],
      runId: 'r'.repeat(INPUT_LIMITS.runIdChars),
      repos: [`${'a'.repeat(INPUT_LIMITS.repoNameChars)}=/w/api`],
      title: 'x'.repeat(INPUT_LIMITS.titleChars),
    });
    expect(run.tickets).toEqual([ticket]);
    const branch = renderBranchName('{ticket}-{repo}-{run}', {
      ticket,
      repo: run.targets[0]!.repo,
      run: run.id,
    });
    for (const part of branch.split('/')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(255);
  });

  it('a branch template whose rendered component exceeds 255 bytes is an INVALID_REF', () => {
    expect(() =>
      renderBranchName(`${'p'.repeat(260)}-{ticket}`, { ticket: 'T-1', repo: 'a', run: 'r' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_REF' }));
  });
});

describe('targets that would share a branch are refused at run create (issue 10 item 11)', () => {
  it('two tickets normalising to the same branch: DUPLICATE_TARGET naming both', async () => {
    const s = setup();
    const e = await refused(s.create({ tickets: ['PROJ 1', 'proj-1'], runId: 'r1' }));
    expect(e).toMatchObject({ code: 'DUPLICATE_TARGET', exitCode: 2, data: { branch: 'proj-1/api/r1' } });
    expect(e.data.targets).toEqual([
      { ticket: 'PROJ 1', repo: 'api' },
      { ticket: 'proj-1', repo: 'api' },
    ]);
    expect(await s.store.listRuns()).toEqual([]);
  });

  it('repo names differing only in case collide too; with an auto run id as well', async () => {
    const s = setup();
    const e = await refused(s.create({ repos: ['API=/w/api', 'api=/w/web'] }));
    expect(e).toMatchObject({ code: 'DUPLICATE_TARGET' });
  });

  it('a template without {ticket} makes two tickets on one repo collide', async () => {
    const s = setup();
    const policy = { ...s.gp, branch_template: 'agents/{repo}/{run}' };
    const e = await refused(s.create({ tickets: ['A-1', 'A-2'], runId: 'r1' }, policy));
    expect(e).toMatchObject({ code: 'DUPLICATE_TARGET', data: { branch: 'agents/api/r1' } });
  });

  it('distinct branches are fine', async () => {
    const s = setup();
    const run = await s.create({ tickets: ['PROJ-1', 'PROJ-2'], repos: ['api=/w/api', 'web=/w/web'] });
    expect(run.targets).toHaveLength(4);
  });
});
