import { addSignatureHeader, decideSigning, signatureFormatOf, type SigningConfig } from '../src/index.js';
import { ORIGIN, WS, workspaceFingerprint, world } from './support/world.js';

const none: SigningConfig = { gpgSign: false, format: 'openpgp', key: null, program: null };
const sshOn: SigningConfig = { gpgSign: true, format: 'ssh', key: '~/.ssh/id_ed25519.pub', program: null };
const key = { runId: 'run-1', ticket: 'T-1', repo: 'api' };
const BRANCH = 'refs/heads/t-1/api/run-1';

describe('the signing decision (SPEC 4.1a)', () => {
  it('always signs, auto follows commit.gpgsign, never never signs', () => {
    expect(decideSigning('always', { ...sshOn, gpgSign: false })).toEqual({
      kind: 'sign',
      signing: { format: 'ssh', key: '~/.ssh/id_ed25519.pub', program: null },
    });
    expect(decideSigning('auto', sshOn).kind).toBe('sign');
    expect(decideSigning('auto', { ...sshOn, gpgSign: false })).toEqual({
      kind: 'unsigned',
      reason: 'not_configured',
    });
    expect(decideSigning('never', sshOn)).toEqual({ kind: 'unsigned', reason: 'never' });
  });

  it('required without a key, or with a format git does not know, is impossible', () => {
    expect(decideSigning('always', none)).toEqual({
      kind: 'impossible',
      reason: 'key_missing',
      format: 'openpgp',
    });
    expect(decideSigning('auto', { ...sshOn, format: 'pgp2' })).toMatchObject({
      kind: 'impossible',
      reason: 'format_unknown',
    });
    expect(decideSigning('auto', { ...sshOn, format: 'SSH' }).kind).toBe('sign');
  });

  it('inserts the gpgsig header as git does and tells formats apart', () => {
    const commit = 'tree t\nauthor a\ncommitter c\n\nmsg\n';
    expect(
      addSignatureHeader(commit, '-----BEGIN PGP SIGNATURE-----\n\nabc\n-----END PGP SIGNATURE-----\n'),
    ).toBe(
      'tree t\nauthor a\ncommitter c\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n abc\n -----END PGP SIGNATURE-----\n\nmsg\n',
    );
    expect(signatureFormatOf('-----BEGIN SSH SIGNATURE-----')).toBe('ssh');
    expect(signatureFormatOf('-----BEGIN PGP SIGNATURE-----')).toBe('openpgp');
    expect(signatureFormatOf('-----BEGIN SIGNED MESSAGE-----')).toBe('x509');
    expect(signatureFormatOf('something')).toBe('unknown');
  });
});

describe('commit signs promotion commits (fakes)', () => {
  it('auto with commit.gpgsign=true signs and reports the format; the snapshot stays unsigned', async () => {
    const w = await world();
    w.git.signing = sshOn;
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const t = (await w.commit()).targets[0]!;
    expect(t).toMatchObject({ outcome: 'committed', signed: true, signingFormat: 'ssh', exitCode: 0 });
    const ws = await w.git.openWorkspace(WS);
    expect((await w.git.readCommit(ws, t.commitSha!)).signature).toBe('ssh');
    expect((await w.git.readCommit(ws, t.snapshotSha!)).signature).toBeUndefined();
  });

  it('never with commit.gpgsign=true does not sign; a dry run decides without signing', async () => {
    const w = await world({ gitPr: { sign_commits: 'never' } });
    w.git.signing = sshOn;
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const t = (await w.commit()).targets[0]!;
    expect(t).toMatchObject({ outcome: 'committed', signed: false, signingFormat: null });
    const ws = await w.git.openWorkspace(WS);
    expect((await w.git.readCommit(ws, t.commitSha!)).signature).toBeUndefined();
    const w2 = await world();
    w2.git.signing = sshOn;
    w2.git.signerFailure = 'would have asked the signer';
    w2.git.writeFiles(WS, { 'a.txt': 'a\n' });
    expect((await w2.commit({ dryRun: true })).targets[0]).toMatchObject({
      outcome: 'committed',
      signed: true,
      exitCode: 0,
    });
  });

  it('always without a key: exit 2 SIGNING_KEY_MISSING, the branch is not created, the workspace unchanged', async () => {
    const w = await world({ gitPr: { sign_commits: 'always' } });
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const before = workspaceFingerprint(w.git);
    const r = await w.commit();
    expect(r.exitCode).toBe(2);
    expect(r.targets[0]!.error?.code).toBe('SIGNING_KEY_MISSING');
    expect(await w.git.readRef(await w.git.openWorkspace(WS), BRANCH)).toBeNull();
    expect(await w.store.getPullRequest(key)).toBeNull();
    expect(workspaceFingerprint(w.git)).toBe(before);
  });

  it('a signer failure on the second commit: exit 8, branch and record keep the first commit', async () => {
    const w = await world();
    w.git.signing = sshOn;
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const first = (await w.commit()).targets[0]!.commitSha;
    w.git.signerFailure = 'key removed';
    w.git.writeFiles(WS, { 'b.txt': 'b\n' });
    const before = workspaceFingerprint(w.git);
    const r = await w.commit();
    expect(r.exitCode).toBe(8);
    expect(r.targets[0]!.error?.code).toBe('SIGNING_FAILED');
    expect(await w.git.readRef(await w.git.openWorkspace(WS), BRANCH)).toBe(first);
    expect((await w.store.getPullRequest(key))?.commitSha).toBe(first);
    expect(workspaceFingerprint(w.git)).toBe(before);
  });

  it("append's merge commit and the commit on top are both signed", async () => {
    const w = await world({ gitPr: { update_strategy: 'append' } });
    w.git.signing = sshOn;
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const c1 = (await w.commit()).targets[0]!.commitSha!;
    w.git.remotes.get(ORIGIN)!.set('t-1/api/run-1', c1);
    const rec = (await w.store.getPullRequest(key))!;
    await w.store.putPullRequest({ ...rec, lastPushedSha: c1, leaseSha: c1 });
    w.git.remoteCommit(ORIGIN, 'main', { 'z.txt': 'z\n' });
    w.git.writeFiles(WS, { 'b.txt': 'b\n' });
    const t = (await w.commit()).targets[0]!;
    expect(t).toMatchObject({ updateKind: 'merge', signed: true });
    const ws = await w.git.openWorkspace(WS);
    const merge = await w.git.readCommit(ws, t.parents[0]!);
    expect(merge.parents[0]).toBe(c1);
    expect(merge.signature).toBe('ssh');
    expect((await w.git.readCommit(ws, t.commitSha!)).signature).toBe('ssh');
  });
});
