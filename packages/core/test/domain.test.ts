import {
  locatePullRequest,
  matchesAnyGlob,
  normalizeRefComponent,
  parseRemoteUrl,
  planUpdate,
  redactText,
  redactUrl,
  refFormatProblem,
  renderBranchName,
  Secret,
  truncateChars,
} from '../src/index.js';

describe('ref names', () => {
  it.each([
    ['PROJ-123', 'proj-123'],
    ['Fix: the  Bug!!', 'fix-the-bug'],
    ['--.x.--', 'x'],
    ['', 'x'],
    ['ÄÖÜ', 'x'],
    ['a__b..c', 'a__b..c'],
  ])('normalises %j to %j', (input, out) => {
    expect(normalizeRefComponent(input)).toBe(out);
  });

  it('renders the branch template with normalised values', () => {
    expect(
      renderBranchName('{ticket}/{repo}/{run}', { ticket: 'PROJ-1 Foo', repo: 'API', run: 'run-1' }),
    ).toBe('proj-1-foo/api/run-1');
  });

  it.each([
    'a..b',
    'a/.b',
    'a.lock',
    'a//b',
    '/a',
    'a/',
    'a b',
    'a~b',
    'a^b',
    'a:b',
    'a?b',
    'a*b',
    'a[b',
    'a\\b',
    '@',
    'a@{b',
    'a.',
  ])('rejects %j', (name) => {
    expect(refFormatProblem(name)).not.toBeNull();
  });

  it('refuses a template that yields an invalid ref', () => {
    expect(() => renderBranchName('{ticket}..{repo}', { ticket: 'a', repo: 'b', run: 'r' })).toThrow(
      expect.objectContaining({ code: 'INVALID_REF' }),
    );
  });
});

describe('remote URLs', () => {
  it.each([
    ['https://github.com/acme/api.git', 'https://github.com/acme/api.git', 'https://api.github.com', 'https'],
    [
      'https://x-access-token:ghp_secret@github.com/acme/api',
      'https://github.com/acme/api',
      'https://api.github.com',
      'https',
    ],
    ['git@github.com:acme/api.git', 'https://github.com/acme/api.git', 'https://api.github.com', 'ssh'],
    [
      'ssh://git@github.com:22/acme/api.git',
      'https://github.com/acme/api.git',
      'https://api.github.com',
      'ssh',
    ],
    [
      'git@ghe.corp.example:team/svc.git',
      'https://ghe.corp.example/team/svc.git',
      'https://ghe.corp.example/api/v3',
      'ssh',
    ],
    [
      'https://ghe.corp.example/team/svc.git',
      'https://ghe.corp.example/team/svc.git',
      'https://ghe.corp.example/api/v3',
      'https',
    ],
    [
      'http://127.0.0.1:8080/acme/api.git',
      'http://127.0.0.1:8080/acme/api.git',
      'http://127.0.0.1:8080/api/v3',
      'http',
    ],
  ])('parses %s', (url, httpUrl, apiUrl, protocol) => {
    const loc = parseRemoteUrl(url);
    expect(loc).toMatchObject({ httpUrl, apiUrl, protocol });
    expect(loc.displayUrl).not.toContain('ghp_secret');
  });

  it('takes owner/repo from the last two path segments', () => {
    expect(parseRemoteUrl('https://ghe.example/api/v3/x/acme/api.git')).toMatchObject({
      owner: 'acme',
      repo: 'api',
    });
  });

  it('METAWSM_GITHUB_API_URL-style override wins', () => {
    expect(parseRemoteUrl('https://github.com/a/b', 'http://127.0.0.1:9/').apiUrl).toBe('http://127.0.0.1:9');
  });

  it.each([
    '/srv/git/api.git',
    'file:///srv/git/api.git',
    '../api',
    'https://github.com/onlyone',
    'C:\\repos\\x',
  ])('rejects %s', (url) => {
    expect(() => parseRemoteUrl(url)).toThrow(expect.objectContaining({ code: 'REMOTE_URL_UNSUPPORTED' }));
  });

  it('redacts credentials', () => {
    expect(redactUrl('https://u:p@h/x')).toBe('https://h/x');
    expect(
      redactText(
        'push https://x:tok@h/a failed, token ghp_abcdefghijklmnopqrstuvwxyz0123456789AB, secret s3cr3t-value',
        ['s3cr3t-value'],
      ),
    ).toBe('push https://h/a failed, token [REDACTED], secret [REDACTED]');
  });
});

describe('Secret', () => {
  it('never prints its value', () => {
    const s = new Secret('canary-123');
    expect(String(s)).toBe('[REDACTED]');
    expect(JSON.stringify({ s })).toBe('{"s":"[REDACTED]"}');
    expect(`${s}`).not.toContain('canary');
    expect(s.reveal()).toBe('canary-123');
  });
});

describe('misc', () => {
  it('truncates by characters, not bytes', () => {
    expect(truncateChars('😀'.repeat(80), 72)).toHaveLength(71 * 2 + 1);
    expect(Array.from(truncateChars('😀'.repeat(80), 72))).toHaveLength(72);
  });

  it.each([
    ['.env', 'config/.env'],
    ['.env.*', 'a/.env.local'],
    ['*.pem', 'k/deep/x.pem'],
    ['id_rsa', 'home/.ssh/id_rsa'],
    ['secrets/**', 'secrets/a/b.txt'],
  ])('glob %s matches %s', (glob, path) => {
    expect(matchesAnyGlob(path, [glob])).toBe(glob);
  });

  it.each([
    ['.env', 'src/env.ts'],
    ['*.key', 'keys.txt'],
    ['.env.*', '.environment'],
  ])('glob %s does not match %s', (glob, path) => {
    expect(matchesAnyGlob(path, [glob])).toBeNull();
  });

  it('plans updates per SPEC 4.3', () => {
    const base = { baseTip: 'B', ownShas: ['C1'], strategy: 'rebase' as const, force: false };
    expect(planUpdate({ ...base, remoteTip: null, baseIsAncestorOfRemote: false })).toEqual({
      kind: 'new',
      parents: ['B'],
      lease: null,
    });
    expect(planUpdate({ ...base, remoteTip: 'C1', baseIsAncestorOfRemote: true })).toEqual({
      kind: 'append',
      parents: ['C1'],
      lease: 'C1',
    });
    expect(planUpdate({ ...base, remoteTip: 'C1', baseIsAncestorOfRemote: false })).toEqual({
      kind: 'rebase',
      parents: ['B'],
      lease: 'C1',
    });
    expect(
      planUpdate({ ...base, strategy: 'append', remoteTip: 'C1', baseIsAncestorOfRemote: false }),
    ).toEqual({ kind: 'merge', branchTip: 'C1', baseTip: 'B', lease: 'C1' });
    expect(planUpdate({ ...base, remoteTip: 'X', baseIsAncestorOfRemote: true })).toEqual({
      kind: 'foreign',
      remoteTip: 'X',
    });
    expect(planUpdate({ ...base, force: true, remoteTip: 'X', baseIsAncestorOfRemote: true })).toEqual({
      kind: 'append',
      parents: ['X'],
      lease: 'X',
    });
  });
});

describe('snapshot ref names', () => {
  it('keeps valid components as given and normalises only invalid ones', async () => {
    const { snapshotRefName } = await import('../src/index.js');
    expect(snapshotRefName({ run: 'run-1', ticket: 'PROJ-12', repo: 'api' })).toBe(
      'refs/metawsm/snapshots/run-1/PROJ-12/api',
    );
    expect(snapshotRefName({ run: 'run-1', ticket: 'Fix bug #3', repo: 'a/b' })).toBe(
      'refs/metawsm/snapshots/run-1/fix-bug-3/a-b',
    );
    expect(() => snapshotRefName({ run: 'run-1', ticket: 'x.lock', repo: 'api' })).toThrow(
      expect.objectContaining({ code: 'INVALID_REF' }),
    );
  });
});

describe('locatePullRequest', () => {
  it('finds the repository, host and API of a PR from its web URL', () => {
    expect(locatePullRequest('https://github.com/acme/api/pull/12')).toMatchObject({
      host: 'github.com',
      owner: 'acme',
      repo: 'api',
      apiUrl: 'https://api.github.com',
    });
    expect(locatePullRequest('https://ghe.example/team/svc.js/pull/3/')).toMatchObject({
      owner: 'team',
      repo: 'svc.js',
      apiUrl: 'https://ghe.example/api/v3',
    });
    expect(
      locatePullRequest('http://127.0.0.1:8080/acme/api/pull/1', 'http://127.0.0.1:9/api'),
    ).toMatchObject({
      host: '127.0.0.1:8080',
      apiUrl: 'http://127.0.0.1:9/api',
    });
  });

  it('null for anything that is not a PR web URL', () => {
    for (const url of [
      'https://github.com/acme/api',
      'https://github.com/acme/api/issues/1',
      'https://github.com/acme/api/pull/x',
      'git@github.com:acme/api.git',
      'https://github.com/ac me/api/pull/1',
      '',
    ])
      expect(locatePullRequest(url)).toBeNull();
  });
});
