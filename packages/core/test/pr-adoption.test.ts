import { decideAdoption, type PullRequestInfo } from '../src/index.js';
import { ORIGIN, WS, world } from './support/world.js';

const BRANCH = 't-1/api/run-1';
const MARKER = '<!-- metawsm:run=run-1;ticket=T-1;repo=api -->';

function pr(overrides: Partial<PullRequestInfo>): PullRequestInfo {
  return {
    number: 1,
    url: 'https://github.com/acme/api/pull/1',
    state: 'open',
    title: 't',
    body: '',
    author: 'octo',
    headRef: BRANCH,
    headSha: 'a'.repeat(40),
    headRepoOwner: 'acme',
    baseRef: 'main',
    updatedAt: '2024-01-01T00:00:00Z',
    ...overrides,
  };
}

describe('decideAdoption (issue 10 item 1: verify before adopting)', () => {
  const expected = { branch: BRANCH, owner: 'acme', marker: MARKER };

  it('adopts a PR on our branch in our owner’s repository, with our marker or none; open ones first', () => {
    const closed = pr({ number: 3, state: 'closed', body: MARKER });
    const open = pr({ number: 2, body: 'human body' });
    expect(decideAdoption([closed, open], expected)).toEqual({ kind: 'adopt', pr: open, rejected: [] });
    expect(decideAdoption([closed], expected)).toMatchObject({ kind: 'adopt', pr: closed });
    expect(decideAdoption([pr({ headRepoOwner: 'ACME' })], expected)).toMatchObject({ kind: 'adopt' });
  });

  it('rejects another branch, a fork or a deleted head repository, and another run’s marker; then creates', () => {
    const decision = decideAdoption(
      [
        pr({ number: 99, headRef: 'someone/else' }),
        pr({ number: 98, headRepoOwner: 'mallory' }),
        pr({ number: 97, headRepoOwner: null }),
        pr({ number: 96, body: 'x\n<!-- metawsm:run=run-2;ticket=T-1;repo=api -->' }),
      ],
      expected,
    );
    expect(decision).toEqual({
      kind: 'create',
      rejected: [
        { number: 99, reason: 'other_branch' },
        { number: 98, reason: 'other_owner' },
        { number: 97, reason: 'other_owner' },
        { number: 96, reason: 'foreign_marker' },
      ],
    });
  });

  it('a foreign PR beside ours is skipped, ours adopted', () => {
    const ours = pr({ number: 5 });
    expect(decideAdoption([pr({ number: 6, headRef: 'x' }), ours], expected)).toEqual({
      kind: 'adopt',
      pr: ours,
      rejected: [{ number: 6, reason: 'other_branch' }],
    });
  });
});

describe('pr when the lookup by head branch returns someone else’s PR', () => {
  it('creates its own PR, never records or rewrites the foreign one, and warns', async () => {
    const w = await world();
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    await w.commit();
    const foreign = w.github.seedPullRequest({
      owner: 'acme',
      repo: 'api',
      head: 'someone/else',
      title: 'theirs',
      body: 'theirs',
    });
    const find = w.github.findPullRequestsByHead.bind(w.github);
    // A proxy (or an API) that ignores the `head` filter.
    w.github.findPullRequestsByHead = async (gh, branch) => [
      ...(await find(gh, branch)),
      ...(await find(gh, 'someone/else')),
    ];
    const t = (await w.pr()).targets[0]!;
    expect(t).toMatchObject({ outcome: 'created', number: 2 });
    expect(t.warnings.join('\n')).toContain(`#${foreign.number}`);
    const prs = w.github.listPullRequests('acme', 'api');
    expect(prs.find((p) => p.number === foreign.number)).toMatchObject({ title: 'theirs', body: 'theirs' });
    expect((await w.store.getPullRequest({ runId: 'run-1', ticket: 'T-1', repo: 'api' }))?.prNumber).toBe(2);
    expect(w.git.remotes.get(ORIGIN)!.get(BRANCH)).toBeDefined();
  });
});
