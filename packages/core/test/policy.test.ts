import { editDistance } from '../src/domain/nearest-name.js';
import { InMemoryFiles } from '../src/testing/index.js';
import {
  defaultPolicy,
  initPolicy,
  isMetawsmError,
  loadPolicy,
  nearestName,
  policySchemaUrl,
  jsonErrorPosition,
  parsePolicy,
  validatePolicy,
} from '../src/index.js';

const problemsOf = (input: unknown) => {
  const r = validatePolicy(input);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};

describe('policy', () => {
  it('has the defaults of SPEC §3', () => {
    const p = defaultPolicy().git_pr;
    expect(p).toMatchObject({
      mode: 'assist',
      credential_mode: 'local_user_auth',
      branch_template: '{ticket}/{repo}/{run}',
      base_branch: 'main',
      require_all: true,
      required_checks: ['tests', 'forbidden_files', 'clean_tree'],
      test_commands: [],
      test_timeout_seconds: 600,
      forbidden_file_patterns: ['.env', '.env.*', '*.pem', '*.key', '*.p12', '*.pfx', 'id_rsa', 'id_ed25519'],
      allowed_repos: [],
      default_labels: [],
      default_reviewers: [],
      draft: false,
      update_strategy: 'rebase',
    });
    expect(p.review_feedback).toEqual({
      enabled: false,
      mode: 'assist',
      ignore_authors: [],
      trusted_associations: ['OWNER', 'MEMBER', 'COLLABORATOR'],
      include_bots: false,
      include_conversation: true,
      include_checks: true,
      reply_on_address: false,
      max_items_per_sync: 50,
      auto_dispatch_cap_per_interval: 1,
      dispatch_command: null,
    });
  });

  it('accepts an empty object and a partial block, filling defaults', () => {
    const r = validatePolicy({ git_pr: { mode: 'auto', review_feedback: { enabled: true } } });
    expect(r.ok && r.policy.git_pr.mode).toBe('auto');
    expect(r.ok && r.policy.git_pr.review_feedback.max_items_per_sync).toBe(50);
  });

  it.each([
    [{ git_pr: { mode: 'sometimes' } }, '$.git_pr.mode'],
    [{ git_pr: { credential_mode: 'token' } }, '$.git_pr.credential_mode'],
    [{ git_pr: { require_all: 'yes' } }, '$.git_pr.require_all'],
    [{ git_pr: { draft: 1 } }, '$.git_pr.draft'],
    [{ git_pr: { test_timeout_seconds: 0 } }, '$.git_pr.test_timeout_seconds'],
    [{ git_pr: { test_timeout_seconds: 1.5 } }, '$.git_pr.test_timeout_seconds'],
    [{ git_pr: { test_commands: ['npm test', ''] } }, '$.git_pr.test_commands[1]'],
    [{ git_pr: { default_labels: 'bug' } }, '$.git_pr.default_labels'],
    [{ git_pr: { allowed_repos: ['  '] } }, '$.git_pr.allowed_repos[0]'],
    [{ git_pr: { required_checks: ['tests', 'lint'] } }, '$.git_pr.required_checks[1]'],
    [{ git_pr: { branch_template: '' } }, '$.git_pr.branch_template'],
    [{ git_pr: { branch_template: '{ticket}/{user}' } }, '$.git_pr.branch_template'],
    [{ git_pr: { update_strategy: 'squash' } }, '$.git_pr.update_strategy'],
    [{ git_pr: { unknown_key: 1 } }, '$.git_pr.unknown_key'],
    [{ extra: true }, '$.extra'],
    [
      { git_pr: { review_feedback: { trusted_associations: ['FRIEND'] } } },
      '$.git_pr.review_feedback.trusted_associations[0]',
    ],
    [
      { git_pr: { review_feedback: { max_items_per_sync: -1 } } },
      '$.git_pr.review_feedback.max_items_per_sync',
    ],
    [{ git_pr: { review_feedback: { dispatch_command: [] } } }, '$.git_pr.review_feedback.dispatch_command'],
    [{ git_pr: 'on' }, '$.git_pr'],
  ])('rejects %j at %s', (input, path) => {
    expect(problemsOf(input).map((p) => p.path)).toContain(path);
  });

  it('names the supported checks when one is unknown', () => {
    const [p] = problemsOf({ git_pr: { required_checks: ['lint'] } });
    expect(p?.message).toContain('tests, forbidden_files, clean_tree, secrets');
  });

  it('reports every problem together, not just the first', () => {
    const paths = problemsOf({
      git_pr: { mode: 'x', draft: 'no', required_checks: ['a', 'tests', 'b'], zzz: 1 },
    }).map((p) => p.path);
    expect(paths).toEqual([
      '$.git_pr.draft',
      '$.git_pr.mode',
      '$.git_pr.required_checks[0]',
      '$.git_pr.required_checks[2]',
      '$.git_pr.zzz',
    ]);
  });

  it('malformed JSON → POLICY_PARSE with file, line and column', () => {
    const text = '{\n  "git_pr": {\n    "mode": "assist",\n  }\n}\n';
    let err: unknown;
    try {
      parsePolicy(text, '/h/.metawsm/policy.json');
    } catch (e) {
      err = e;
    }
    expect(isMetawsmError(err, 'POLICY_PARSE')).toBe(true);
    expect((err as { exitCode: number }).exitCode).toBe(2);
    expect((err as { data: unknown }).data).toMatchObject({
      file: '/h/.metawsm/policy.json',
      line: 4,
      column: 3,
    });
    expect((err as Error).message).toContain('/h/.metawsm/policy.json:4:3');
  });

  it('an invalid file → POLICY_INVALID listing every problem in data', () => {
    try {
      parsePolicy('{"git_pr":{"mode":1,"draft":2}}', 'p.json');
      throw new Error('no error');
    } catch (e) {
      expect(isMetawsmError(e, 'POLICY_INVALID')).toBe(true);
      expect((e as { data: { problems: unknown[] } }).data.problems).toHaveLength(2);
    }
  });

  it.each([
    ['{"a":}', 1, 6],
    ['{"a":1', 1, 7],
    ['', 1, 1],
    ['{"a":1}x', 1, 8],
    ['[1,2,,]', 1, 6],
    ['{"a":"\u0001"}', 1, 7],
  ])('locates the JSON error in %j at %i:%i', (text, line, column) => {
    expect(jsonErrorPosition(text)).toMatchObject({ line, column });
  });

  it('finds no error in valid JSON', () => {
    expect(jsonErrorPosition('{"a":[1,2.5e3,true,null,"x\\n"]}')).toBeNull();
  });

  it('the digest changes with the policy', () => {
    const a = parsePolicy('{}', 'a');
    const b = parsePolicy('{"git_pr":{"draft":true}}', 'b');
    const c = parsePolicy('{"git_pr":{}}', 'c');
    expect(a.digest).not.toBe(b.digest);
    expect(a.digest).toBe(c.digest);
  });

  it('accepts $schema at the top level only; it changes neither the policy nor its digest', () => {
    const withSchema = parsePolicy('{"$schema":"./policy.schema.json","git_pr":{"draft":true}}', 'p');
    const without = parsePolicy('{"git_pr":{"draft":true}}', 'p');
    expect(withSchema.policy).toEqual(without.policy);
    expect(withSchema.digest).toBe(without.digest);
    expect(problemsOf({ git_pr: { $schema: 'x' } }).map((p) => p.path)).toEqual(['$.git_pr["$schema"]']);
    expect(problemsOf({ $schema: 3 }).map((p) => p.path)).toEqual(['$["$schema"]']);
  });

  it.each([
    [{ git_pr: { requried_checks: [] } }, '$.git_pr.requried_checks', 'required_checks'],
    [{ git_pr: { Draft: true } }, '$.git_pr.Draft', 'draft'],
    [{ gitpr: {} }, '$.gitpr', 'git_pr'],
    [{ git_pr: { review_feedback: { enable: true } } }, '$.git_pr.review_feedback.enable', 'enabled'],
    [{ git_pr: { author: { mail: 'a@b' } } }, '$.git_pr.author.mail', 'email'],
  ])('suggests the nearest key for a misspelt one: %j', (input, path, suggestion) => {
    expect(problemsOf(input).find((p) => p.path === path)).toMatchObject({ suggestion });
  });

  it('lists every unknown key of every object, not only the first of each', () => {
    const paths = problemsOf({
      zz: 1,
      git_pr: { aa: 1, bb: 2, review_feedback: { cc: 3, dd: 4 }, author: { name: 'n', email: 'e', ee: 5 } },
    }).map((p) => p.path);
    expect(paths).toEqual([
      '$.git_pr.aa',
      '$.git_pr.author.ee',
      '$.git_pr.bb',
      '$.git_pr.review_feedback.cc',
      '$.git_pr.review_feedback.dd',
      '$.zz',
    ]);
  });

  it('suggests nothing when no key is close', () => {
    const [p] = problemsOf({ git_pr: { zzz: 1 } });
    expect(p).toEqual({ path: '$.git_pr.zzz', message: 'unknown key' });
  });

  it('nearestName counts a swap of neighbours as one edit and needs closeness', () => {
    expect(editDistance('requried', 'required')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearestName('comit', ['pr', 'commit', 'status'])).toBe('commit');
    expect(nearestName('xyz', ['pr', 'commit', 'status'])).toBeNull();
  });

  it('policy init writes $schema first when given its URL; the file loads back to the defaults', async () => {
    const files = new InMemoryFiles();
    const url = policySchemaUrl('1.2.3');
    const r = await initPolicy(files, {
      policyFile: '/h/.metawsm/policy.json',
      force: false,
      schemaUrl: url,
    });
    const text = (await files.readText('/h/.metawsm/policy.json'))!;
    expect(Object.keys(JSON.parse(text) as object)[0]).toBe('$schema');
    expect(JSON.parse(text).$schema).toBe('https://unpkg.com/@metawsm/core@1.2.3/policy.schema.json');
    const loaded = await loadPolicy(files, '/h/.metawsm/policy.json');
    expect(loaded.policy).toEqual(defaultPolicy());
    expect(loaded.digest).toBe(r.digest);
  });
});
