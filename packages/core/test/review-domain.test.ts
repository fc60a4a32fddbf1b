import {
  admitOldestFirst,
  baseCandidate,
  fenced,
  groupThreads,
  isGitHubTokenVariable,
  linesOutsideFences,
  longestBacktickRun,
  parseFeedbackItemId,
  trustVerdict,
  userCommandEnvironment,
  type ReviewCommentInfo,
} from '../src/index.js';

const rules = {
  ignoreAuthors: ['Noisy'],
  trustedAssociations: ['OWNER', 'MEMBER', 'COLLABORATOR'],
  includeBots: false,
  actors: ['Octo'],
};
const who = (
  author: string,
  o: Partial<{ authorType: string; authorAssociation: string; body: string }> = {},
) => ({
  author,
  authorType: 'User',
  authorAssociation: 'MEMBER',
  body: 'text',
  ...o,
});

describe('review domain', () => {
  it('trust filter: empty, actor, ignored author, bot, untrusted association (case-insensitive logins)', () => {
    expect(trustVerdict(who('alice'), rules)).toBe('trusted');
    expect(trustVerdict(who('alice', { body: ' \n ' }), rules)).toBe('empty');
    expect(trustVerdict(who('octo'), rules)).toBe('actor');
    expect(trustVerdict(who('noisy'), rules)).toBe('ignored_author');
    expect(trustVerdict(who('ci', { authorType: 'Bot' }), rules)).toBe('bot');
    expect(trustVerdict(who('renovate[bot]'), rules)).toBe('bot');
    expect(trustVerdict(who('renovate[bot]'), { ...rules, includeBots: true })).toBe('trusted');
    expect(trustVerdict(who('eve', { authorAssociation: 'CONTRIBUTOR' }), rules)).toBe('untrusted');
    expect(trustVerdict(who('eve', { authorAssociation: 'NONE' }), rules)).toBe('untrusted');
  });

  it('groups replies under their root (a reply to a reply too), each thread in time order', () => {
    const c = (id: number, inReplyToId: number | null, createdAt: string) =>
      ({ id, inReplyToId, createdAt }) as ReviewCommentInfo;
    const threads = groupThreads([
      c(5, 1, 't3'),
      c(1, null, 't1'),
      c(9, null, 't2'),
      c(7, 5, 't4'),
      c(6, 1, 't2'),
    ]);
    expect([...threads].map(([root, list]) => [root, list.map((x) => x.id)])).toEqual([
      [1, [1, 6, 5, 7]],
      [9, [9]],
    ]);
  });

  it('fences are longer than any backtick run; text cannot close them', () => {
    expect(longestBacktickRun('a ``` b ```` c')).toBe(4);
    const text = 'x\n````\n```\ny';
    const block = fenced(text);
    expect(block.startsWith('`````text\n')).toBe(true);
    expect(linesOutsideFences(`before\n${block}\nafter`)).toEqual(['before', 'after']);
    expect(fenced('plain')).toBe('```text\nplain\n```');
  });

  it('admits the oldest candidates first across targets', () => {
    const cand = (githubId: number, postedAt: string) =>
      baseCandidate({
        sourceType: 'review',
        githubId,
        author: 'a',
        authorAssociation: 'MEMBER',
        body: 'b',
        postedAt,
      });
    const { admitted, deferred } = admitOldestFirst(
      [
        { owner: 'x', candidate: cand(3, '2024-01-03') },
        { owner: 'y', candidate: cand(1, '2024-01-01') },
        { owner: 'x', candidate: cand(2, '2024-01-01') },
      ],
      2,
    );
    expect(admitted.map((a) => a.candidate.githubId)).toEqual([1, 2]);
    expect(deferred.map((a) => [a.owner, a.candidate.githubId])).toEqual([['x', 3]]);
  });

  it('parses item ids', () => {
    expect(parseFeedbackItemId('review_comment:12')).toEqual({ sourceType: 'review_comment', githubId: 12 });
    expect(parseFeedbackItemId('12')).toEqual({ sourceType: null, githubId: 12 });
    expect(() => parseFeedbackItemId('comment:12')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('a command run for the user never gets a GitHub token variable', () => {
    for (const name of [
      'METAWSM_GITHUB_TOKEN',
      'GH_TOKEN',
      'GITHUB_TOKEN',
      'GITHUB_ENTERPRISE_TOKEN',
      'GH_ENTERPRISE_TOKEN',
      'my_github_token',
      'GITHUB_PAT',
    ])
      expect(isGitHubTokenVariable(name)).toBe(true);
    for (const name of ['PATH', 'HOME', 'GH_HOST', 'GITHUB_ACTIONS', 'TOKEN', 'METAWSM_HOME'])
      expect(isGitHubTokenVariable(name)).toBe(false);
    expect(
      userCommandEnvironment(
        { PATH: '/bin', GH_TOKEN: 'x', GITHUB_TOKEN: 'y', EMPTY: undefined },
        { METAWSM_RUN_ID: 'r' },
      ),
    ).toEqual({
      PATH: '/bin',
      METAWSM_RUN_ID: 'r',
    });
    expect(userCommandEnvironment({}, { GH_TOKEN: 'smuggled' })).toEqual({});
  });
});
