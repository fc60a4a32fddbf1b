import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  commitToBare,
  git,
  makeGpgSigningHome,
  makeSshSigningKey,
  makeTempDir,
  writeTree,
  type GpgSigningHome,
  type SshSigningKey,
  type TempDir,
} from '@metawsm/testkit';
import { ENGINES, scenario, workspaceFingerprint, type Scenario, completedRun } from './support/scenario.js';

// SPEC 4.1a end to end, once per engine: promotion commits signed with a throwaway ssh key and a
// throwaway GnuPG home, verified by `git verify-commit` in the workspace and on the git server.

let keys: TempDir;
let ssh: SshSigningKey;
let gpg: GpgSigningHome;
beforeAll(() => {
  keys = makeTempDir('metawsm-cli-keys-');
  ssh = makeSshSigningKey(join(keys.path, 'ssh'), { email: 'agent@example.com' });
  gpg = makeGpgSigningHome(join(keys.path, 'gnupg'));
});
afterAll(() => {
  gpg.kill();
  keys.cleanup();
});

function setPolicy(s: Scenario, gitPr: Record<string, unknown>): void {
  const file = join(s.home, '.metawsm', 'policy.json');
  const policy = JSON.parse(readFileSync(file, 'utf8')) as { git_pr: Record<string, unknown> };
  writeFileSync(file, JSON.stringify({ ...policy, git_pr: { ...policy.git_pr, ...gitPr } }));
}

describe.each(ENGINES)('signed promotion commits, %s engine', (engine) => {
  let s: Scenario;
  let runId: string;
  const cfg = (repo: string, ...pairs: [string, string][]) => {
    for (const [k, v] of pairs) git(repo, ['config', k, v], { env: s.env });
  };
  const verify = (repo: string, sha: string) =>
    git(repo, ['-c', `gpg.ssh.allowedSignersFile=${ssh.allowedSigners}`, 'verify-commit', sha], {
      env: s.env,
    });
  const useSsh = (key = ssh.publicKey) =>
    cfg(s.ws, ['commit.gpgsign', 'true'], ['gpg.format', 'ssh'], ['user.signingkey', key]);
  const branchTip = (branch: string) =>
    git(s.ws, ['for-each-ref', '--format=%(objectname)', `refs/heads/${branch}`], { env: s.env });

  beforeEach(async () => {
    s = await scenario({ engine });
    s.env.GNUPGHOME = gpg.gnupgHome;
    await s.cli('policy', 'init');
    runId = await completedRun(s);
  });
  afterEach(() => s.close());

  it('ssh: signed, verifiable, same tree and parents as unsigned; pushed byte-identical; reported everywhere', async () => {
    useSsh();
    writeTree(s.ws, { 'src/new.ts': 'export const n = 1;\n' });
    const preview = (await s.cli('commit', '--run-id', runId, '--dry-run', '--json')).json.targets[0];
    const r = await s.cli('commit', '--run-id', runId, '--json');
    expect(r.code).toBe(0);
    const t = r.json.targets[0];
    expect(t).toMatchObject({
      outcome: 'committed',
      signed: true,
      signingFormat: 'ssh',
      parents: preview.parents,
    });
    verify(s.ws, t.commitSha);
    const treeOf = (sha: string) => git(s.ws, ['rev-parse', `${sha}^{tree}`], { env: s.env });
    expect(treeOf(t.commitSha)).toBe(treeOf(preview.commitSha));
    expect(git(s.ws, ['cat-file', 'commit', preview.commitSha], { env: s.env })).not.toContain('gpgsig');
    expect(git(s.ws, ['cat-file', 'commit', t.snapshotSha], { env: s.env })).not.toContain('gpgsig');

    const pr = await s.cli('pr', '--run-id', runId, '--json');
    expect(pr.code).toBe(0);
    const local = git(s.ws, ['cat-file', 'commit', t.commitSha], { env: s.env });
    expect(git(s.bare, ['cat-file', 'commit', t.commitSha], { env: s.env })).toBe(local);
    verify(s.bare, t.commitSha);
    expect(s.github.listPullRequests('acme', 'api')[0]?.body).toContain('Commits signed (ssh)');

    const status = await s.cli('status', '--run-id', runId, '--json');
    expect(status.json.runs[0].targets[0]).toMatchObject({ signed: true, signingFormat: 'ssh' });
    const auth = await s.cli('auth', 'check', '--run-id', runId, '--json');
    expect(auth.code).toBe(0);
    expect(auth.json.targets[0].signing).toMatchObject({ required: true, format: 'ssh', usable: true });
    expect((await s.cli('commit', '--run-id', runId)).stdout).toMatch(/signed\s+yes \(ssh\)/);
  });

  it('append: the merge commit and the commit on top are signed; rebase: the updated commit is signed', async () => {
    useSsh();
    setPolicy(s, { update_strategy: 'append' });
    writeTree(s.ws, { 'src/one.ts': '1\n' });
    expect((await s.cli('commit', '--run-id', runId)).code).toBe(0);
    expect((await s.cli('pr', '--run-id', runId)).code).toBe(0);
    commitToBare(s.bare, 'main', { 'CHANGELOG.md': 'moved\n' }, { env: s.env });
    writeTree(s.ws, { 'src/two.ts': '2\n' });
    const merged = (await s.cli('commit', '--run-id', runId, '--json')).json.targets[0];
    expect(merged).toMatchObject({ outcome: 'committed', updateKind: 'merge', signed: true });
    verify(s.ws, merged.commitSha);
    const mergeCommit = merged.parents[0];
    expect(git(s.ws, ['rev-list', '--parents', '-n1', mergeCommit], { env: s.env }).split(' ')).toHaveLength(
      3,
    );
    verify(s.ws, mergeCommit);

    setPolicy(s, { update_strategy: 'rebase' });
    expect((await s.cli('pr', '--run-id', runId)).code).toBe(0);
    const base = commitToBare(s.bare, 'main', { 'CHANGELOG.md': 'moved again\n' }, { env: s.env });
    writeTree(s.ws, { 'src/three.ts': '3\n' });
    const rebased = (await s.cli('commit', '--run-id', runId, '--json')).json.targets[0];
    expect(rebased).toMatchObject({
      outcome: 'committed',
      updateKind: 'rebase',
      parents: [base],
      signed: true,
    });
    verify(s.ws, rebased.commitSha);
  });

  it('openpgp: signed with the GnuPG key and verified by gpg', async () => {
    cfg(s.ws, ['commit.gpgsign', 'true'], ['user.signingkey', gpg.fingerprint]);
    writeTree(s.ws, { 'src/new.ts': 'export const n = 1;\n' });
    const t = (await s.cli('commit', '--run-id', runId, '--json')).json.targets[0];
    expect(t).toMatchObject({ outcome: 'committed', signed: true, signingFormat: 'openpgp' });
    verify(s.ws, t.commitSha);
    expect((await s.cli('pr', '--run-id', runId)).code).toBe(0);
    verify(s.bare, t.commitSha);
  });

  it('sign_commits never with commit.gpgsign=true: unsigned', async () => {
    useSsh();
    setPolicy(s, { sign_commits: 'never' });
    writeTree(s.ws, { 'src/new.ts': 'export const n = 1;\n' });
    const t = (await s.cli('commit', '--run-id', runId, '--json')).json.targets[0];
    expect(t).toMatchObject({ outcome: 'committed', signed: false, signingFormat: null });
    expect(git(s.ws, ['cat-file', 'commit', t.commitSha], { env: s.env })).not.toContain('gpgsig');
  });

  it('always without a key: exit 2 SIGNING_KEY_MISSING, no branch, workspace unchanged; auth check says so', async () => {
    setPolicy(s, { sign_commits: 'always' });
    writeTree(s.ws, { 'src/new.ts': 'export const n = 1;\n' });
    const before = workspaceFingerprint(s.ws);
    const r = await s.cli('commit', '--run-id', runId, '--json');
    expect(r.code).toBe(2);
    const t = r.json.targets[0];
    expect(t.error.code).toBe('SIGNING_KEY_MISSING');
    expect(branchTip(t.branch)).toBe('');
    expect(workspaceFingerprint(s.ws)).toBe(before);
    const auth = await s.cli('auth', 'check', '--run-id', runId, '--json');
    expect(auth.code).toBe(5);
    expect(auth.json.targets[0].signing).toMatchObject({ required: true, usable: false });
    expect(auth.json.targets[0].problems.map((p: { code: string }) => p.code)).toContain(
      'SIGNING_KEY_MISSING',
    );
  });

  it('key removed between two commits: the second fails with exit 8, branch and workspace unchanged', async () => {
    const dir = makeTempDir('metawsm-cli-key-');
    try {
      const priv = join(dir.path, 'id');
      copyFileSync(ssh.privateKey, priv);
      copyFileSync(ssh.publicKey, `${priv}.pub`);
      useSsh(`${priv}.pub`);
      writeTree(s.ws, { 'src/one.ts': '1\n' });
      const first = (await s.cli('commit', '--run-id', runId, '--json')).json.targets[0];
      expect(first).toMatchObject({ outcome: 'committed', signed: true });
      rmSync(priv);
      rmSync(`${priv}.pub`);
      writeTree(s.ws, { 'src/two.ts': '2\n' });
      const before = workspaceFingerprint(s.ws);
      const r = await s.cli('commit', '--run-id', runId, '--json');
      expect(r.code).toBe(8);
      expect(r.json.targets[0].error.code).toBe('SIGNING_FAILED');
      expect(branchTip(first.branch)).toBe(first.commitSha);
      expect(workspaceFingerprint(s.ws)).toBe(before);
      const auth = await s.cli('auth', 'check', '--run-id', runId, '--json');
      expect(auth.json.targets[0].signing).toMatchObject({ required: true, usable: false });
      expect(auth.json.targets[0].signing.remedy).toEqual(expect.any(String));
    } finally {
      dir.cleanup();
    }
  });
});
