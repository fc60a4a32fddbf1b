import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isMetawsmError,
  type CommitSigning,
  type GitPort,
  type Signature,
  type Workspace,
} from '@metawsm/core';
import {
  createRepoPair,
  git,
  isolatedGitEnv,
  makeGpgSigningHome,
  makeSshSigningKey,
  makeTempDir,
  type GpgSigningHome,
  type SshSigningKey,
  type TempDir,
} from '@metawsm/testkit';
import { IsomorphicGitAdapter, NativeGitAdapter } from '../src/index.js';

// Signed commits in both engines (SPEC 4.1a), against real signers: ssh-keygen with a throwaway
// ed25519 key and gpg with a throwaway GNUPGHOME. `git verify-commit` is the oracle.

const engines: [string, (env: NodeJS.ProcessEnv) => GitPort][] = [
  ['native', (env) => new NativeGitAdapter({ env })],
  ['js', (env) => new IsomorphicGitAdapter({ env })],
];
const sig: Signature = {
  name: 'Agent',
  email: 'agent@example.com',
  timestamp: 1_700_000_000,
  timezoneOffset: 60,
};

let tmp: TempDir;
let ssh: SshSigningKey;
let gpg: GpgSigningHome;
beforeAll(() => {
  tmp = makeTempDir('metawsm-sign-');
  ssh = makeSshSigningKey(join(tmp.path, 'ssh'), { email: 'agent@example.com' });
  gpg = makeGpgSigningHome(join(tmp.path, 'gnupg'));
});
afterAll(() => {
  gpg.kill();
  tmp.cleanup();
});

/** An ssh-agent of our own on a socket in `dir`; `kill` ends exactly that process. */
function startSshAgent(dir: string): { sock: string; kill(): void } {
  const sock = join(dir, 'agent.sock');
  const out = execFileSync('ssh-agent', ['-s', '-a', sock]).toString();
  const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(out)?.[1]);
  return { sock, kill: () => process.kill(pid) };
}

describe.each(engines)('%s engine signs commits', (engine, makeGit) => {
  let dir: TempDir;
  let env: NodeJS.ProcessEnv;
  let work: string;
  let port: GitPort;
  let ws: Workspace;
  beforeEach(async () => {
    dir = makeTempDir('metawsm-sign-ws-');
    env = isolatedGitEnv(dir.path, {
      GNUPGHOME: gpg.gnupgHome,
      GH_TOKEN: 'ghp_signerMustNotSeeThis0000000000000000',
    });
    work = createRepoPair(join(dir.path, 'remotes'), 'acme/api', { 'a.txt': 'a\n' }, { env }).work;
    git(work, ['config', 'gpg.ssh.allowedSignersFile', ssh.allowedSigners], { env });
    port = makeGit(env);
    ws = await port.openWorkspace(work);
  });
  afterEach(() => dir.cleanup());

  const fields = () => ({
    tree: git(work, ['rev-parse', 'HEAD^{tree}'], { env }),
    parents: [ws.headSha!],
    message: 'signed\n',
    author: sig,
    committer: sig,
  });
  const sshSigning = (): CommitSigning => ({ format: 'ssh', key: ssh.publicKey, program: null });

  it('ssh: the commit verifies, keeps tree and parents, and reads back as signed', async () => {
    const unsigned = await port.writeCommit(ws, fields());
    const signed = await port.writeCommit(ws, { ...fields(), sign: sshSigning() });
    git(work, ['verify-commit', signed], { env });
    const info = await port.readCommit(ws, signed);
    const plain = await port.readCommit(ws, unsigned);
    expect({ tree: info.tree, parents: info.parents, message: info.message }).toEqual({
      tree: plain.tree,
      parents: plain.parents,
      message: plain.message,
    });
    expect(info.signature).toBe('ssh');
    expect(plain.signature).toBeUndefined();
    // The layout git writes: the header after committer, continuation lines with one leading space.
    const raw = git(work, ['cat-file', 'commit', signed], { env });
    expect(raw).toMatch(
      /\ncommitter [^\n]+\ngpgsig -----BEGIN SSH SIGNATURE-----\n( [^\n]*\n)+ -----END SSH SIGNATURE-----\n\nsigned$/,
    );
  });

  it('ssh: the same commit object as git commit-tree -S writes (ed25519 signatures are deterministic)', async () => {
    const f = fields();
    const ours = await port.writeCommit(ws, { ...f, sign: sshSigning() });
    const gits = git(
      work,
      [
        '-c',
        `user.signingkey=${ssh.publicKey}`,
        '-c',
        'gpg.format=ssh',
        'commit-tree',
        '-S',
        f.tree,
        '-p',
        f.parents[0]!,
      ],
      {
        env: {
          ...env,
          GIT_AUTHOR_DATE: '1700000000 +0100',
          GIT_COMMITTER_DATE: '1700000000 +0100',
          GIT_AUTHOR_NAME: 'Agent',
          GIT_AUTHOR_EMAIL: 'agent@example.com',
          GIT_COMMITTER_NAME: 'Agent',
          GIT_COMMITTER_EMAIL: 'agent@example.com',
        },
        input: 'signed\n',
      },
    );
    expect(ours).toBe(gits);
  });

  it('ssh: a literal key:: value signs through ssh-agent', async () => {
    const agent = startSshAgent(dir.path);
    try {
      const agentEnv = { ...env, SSH_AUTH_SOCK: agent.sock };
      execFileSync('ssh-add', ['-q', ssh.privateKey], { env: agentEnv, stdio: 'ignore' });
      const literal = `key::${readFileSync(ssh.publicKey, 'utf8').trim()}`;
      const p = makeGit(agentEnv);
      const w = await p.openWorkspace(work);
      const signing: CommitSigning = { format: 'ssh', key: literal, program: null };
      const signed = await p.writeCommit(w, { ...fields(), sign: signing });
      git(work, ['verify-commit', signed], { env });
      expect(await p.probeSigning(w, signing)).toMatchObject({ usable: true });
    } finally {
      agent.kill();
    }
  });

  it('ssh: a key path with ~/ is expanded against HOME, as git does', async () => {
    copyFileSync(ssh.privateKey, join(dir.path, 'home-key'));
    copyFileSync(ssh.publicKey, join(dir.path, 'home-key.pub'));
    chmodSync(join(dir.path, 'home-key'), 0o600);
    const signing: CommitSigning = { format: 'ssh', key: '~/home-key.pub', program: null };
    const signed = await port.writeCommit(ws, { ...fields(), sign: signing });
    git(work, ['verify-commit', signed], { env });
    expect(await port.probeSigning(ws, signing)).toMatchObject({ usable: true });
  });

  it('openpgp: the commit verifies with gpg', async () => {
    const signed = await port.writeCommit(ws, {
      ...fields(),
      sign: { format: 'openpgp', key: gpg.fingerprint, program: null },
    });
    git(work, ['verify-commit', signed], { env });
    expect((await port.readCommit(ws, signed)).signature).toBe('openpgp');
    expect(git(work, ['cat-file', 'commit', signed], { env })).toMatch(
      /\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n/,
    );
  });

  it('a key that is gone fails with SIGNING_FAILED (exit 8) and writes no commit', async () => {
    const gone = join(dir.path, 'gone.pub');
    const before = git(work, ['count-objects', '-v'], { env });
    const err = await port
      .writeCommit(ws, { ...fields(), sign: { format: 'ssh', key: gone, program: null } })
      .catch((e: unknown) => e);
    expect(isMetawsmError(err, 'SIGNING_FAILED')).toBe(true);
    expect((err as { exitCode: number }).exitCode).toBe(8);
    expect(git(work, ['count-objects', '-v'], { env })).toBe(before);
  });

  it('a missing signer program fails with SIGNING_FAILED', async () => {
    const missing = join(dir.path, 'no-such-gpg');
    git(work, ['config', 'gpg.program', missing], { env });
    const p = makeGit(env);
    const w = await p.openWorkspace(work);
    const signing: CommitSigning = { format: 'openpgp', key: gpg.fingerprint, program: missing };
    const err = await p.writeCommit(w, { ...fields(), sign: signing }).catch((e: unknown) => e);
    expect(isMetawsmError(err, 'SIGNING_FAILED')).toBe(true);
    expect(await p.probeSigning(w, signing)).toMatchObject({ usable: false });
  });

  it('a passphrase-protected key without an agent fails fast, and the hint names the agent', async () => {
    const locked = makeSshSigningKey(join(dir.path, 'locked'), { passphrase: 'correct horse' });
    const started = Date.now();
    const err = await port
      .writeCommit(ws, { ...fields(), sign: { format: 'ssh', key: locked.privateKey, program: null } })
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(isMetawsmError(err, 'SIGNING_FAILED')).toBe(true);
    expect((err as { hint: string }).hint).toContain('ssh-agent');
    expect(
      await port.probeSigning(ws, { format: 'ssh', key: locked.publicKey, program: null }),
    ).toMatchObject({ usable: false });
  });

  it('openpgp: a passphrase-protected key fails fast (no pinentry can prompt) and the hint names gpg-agent', async () => {
    const locked = makeGpgSigningHome(join(dir.path, 'gnupg-locked'), 'Locked <locked@example.com>', {
      passphrase: 'correct horse',
    });
    try {
      locked.kill(); // a fresh agent has no cached passphrase
      const p = makeGit({ ...env, GNUPGHOME: locked.gnupgHome });
      const w = await p.openWorkspace(work);
      const started = Date.now();
      const signing: CommitSigning = { format: 'openpgp', key: locked.fingerprint, program: null };
      const err = await p.writeCommit(w, { ...fields(), sign: signing }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(err).toMatchObject({ code: 'SIGNING_FAILED' });
      expect((err as { hint: string }).hint).toContain('gpg-agent');
    } finally {
      locked.kill();
    }
  });

  it('the signer never sees a GitHub token', async () => {
    const spy = join(dir.path, 'spy-signer');
    const seen = join(dir.path, 'seen-env');
    writeFileSync(spy, `#!/bin/sh\nenv > '${seen}'\nexec ssh-keygen "$@"\n`, { mode: 0o755 });
    git(work, ['config', 'gpg.ssh.program', spy], { env });
    git(work, ['config', 'gpg.format', 'ssh'], { env });
    const signed = await port.writeCommit(ws, {
      ...fields(),
      sign: { format: 'ssh', key: ssh.publicKey, program: spy },
    });
    // Read before verify-commit: git runs gpg.ssh.program to verify too, with the test's environment.
    const seenEnv = readFileSync(seen, 'utf8');
    git(work, ['verify-commit', signed], { env });
    expect(seenEnv).not.toContain('GH_TOKEN');
    expect(seenEnv).toContain('GIT_TERMINAL_PROMPT=0');
  });

  it('reads commit.gpgsign, gpg.format, user.signingkey and the program, repository over global', async () => {
    expect(await port.signingConfig(ws)).toEqual({
      gpgSign: false,
      format: 'openpgp',
      key: null,
      program: null,
    });
    const global = join(dir.path, 'global.gitconfig');
    writeFileSync(
      global,
      '[commit]\n\tgpgsign = true\n[user]\n\tsigningkey = global-key\n[gpg]\n\tformat = ssh\n',
    );
    git(work, ['config', 'user.signingkey', '~/repo-key.pub'], { env });
    git(work, ['config', 'gpg.ssh.program', '/opt/signer'], { env });
    const p = makeGit({ ...env, GIT_CONFIG_GLOBAL: global });
    expect(await p.signingConfig(await p.openWorkspace(work))).toEqual({
      gpgSign: true,
      format: 'ssh',
      key: '~/repo-key.pub',
      program: '/opt/signer',
    });
  });

  it('snapshots are never signed, even with commit.gpgsign=true', async () => {
    git(work, ['config', 'commit.gpgsign', 'true'], { env });
    git(work, ['config', 'gpg.format', 'ssh'], { env });
    git(work, ['config', 'user.signingkey', ssh.publicKey], { env });
    writeFileSync(join(work, 'b.txt'), 'b\n');
    const snap = await port.snapshot(ws, { ref: null, message: 'snap\n', author: sig, committer: sig });
    expect(git(work, ['cat-file', 'commit', snap.commit], { env })).not.toContain('gpgsig');
    rmSync(join(work, 'b.txt'));
  });

  it('probes without signing: usable keys, a missing key file, an unknown gpg key', async () => {
    expect(await port.probeSigning(ws, sshSigning())).toMatchObject({ usable: true, remedy: null });
    expect(
      await port.probeSigning(ws, { format: 'openpgp', key: gpg.fingerprint, program: null }),
    ).toMatchObject({ usable: true });
    const missing = await port.probeSigning(ws, {
      format: 'ssh',
      key: join(dir.path, 'nope.pub'),
      program: null,
    });
    expect(missing.usable).toBe(false);
    expect(missing.remedy).toEqual(expect.any(String));
    expect(
      await port.probeSigning(ws, { format: 'openpgp', key: 'nobody@example.com', program: null }),
    ).toMatchObject({ usable: false });
  });
});
