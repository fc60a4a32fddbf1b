import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A throwaway ssh signing key (ed25519, no passphrase) and an allowed-signers file for `git verify-commit`. */
export interface SshSigningKey {
  privateKey: string;
  publicKey: string;
  /** `gpg.ssh.allowedSignersFile` content: `<email> <public key>`. */
  allowedSigners: string;
}

/** Make an ssh key pair in `dir` with `ssh-keygen -t ed25519` (`passphrase`: '' for none). */
export function makeSshSigningKey(
  dir: string,
  opts: { email?: string; passphrase?: string; name?: string } = {},
): SshSigningKey {
  mkdirSync(dir, { recursive: true });
  const privateKey = join(dir, opts.name ?? 'id_ed25519');
  execFileSync(
    'ssh-keygen',
    ['-q', '-t', 'ed25519', '-N', opts.passphrase ?? '', '-C', 'metawsm-test', '-f', privateKey],
    {
      stdio: 'ignore',
    },
  );
  const publicKey = `${privateKey}.pub`;
  const allowedSigners = join(dir, `${opts.name ?? 'id_ed25519'}.allowed`);
  const pub = readFileSync(publicKey, 'utf8').trim();
  writeFileSync(allowedSigners, `${opts.email ?? '*'} ${pub}\n`);
  return { privateKey, publicKey, allowedSigners };
}

/** A throwaway GnuPG home with one passphrase-less signing key. */
export interface GpgSigningHome {
  gnupgHome: string;
  /** The key's fingerprint (a valid `user.signingkey`). */
  fingerprint: string;
  /** End every gpg daemon started for this home (`gpgconf --kill all`). */
  kill(): void;
}

/**
 * Create `dir` as a GNUPGHOME with a key for `uid` (`gpg --quick-gen-key … default default never`);
 * no protection unless `passphrase` is given (then the agent is told nothing: the key stays locked).
 */
export function makeGpgSigningHome(
  dir: string,
  uid = 'Agent <agent@example.com>',
  opts: { passphrase?: string } = {},
): GpgSigningHome {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const env = { ...process.env, GNUPGHOME: dir };
  const protect = opts.passphrase ? ['--pinentry-mode', 'loopback'] : [];
  const genArgs = ['--batch', ...protect, '--passphrase', opts.passphrase ?? '', '--quick-gen-key', uid];
  execFileSync('gpg', [...genArgs, 'default', 'default', 'never'], { env, stdio: 'ignore' });
  const listing = execFileSync('gpg', ['--batch', '--with-colons', '--list-secret-keys'], {
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString();
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(listing)?.[1];
  if (!fingerprint) throw new Error(`no secret key in ${dir}`);
  return {
    gnupgHome: dir,
    fingerprint,
    kill: () => {
      try {
        execFileSync('gpgconf', ['--kill', 'all'], { env, stdio: 'ignore' });
      } catch {
        // no daemon running
      }
    },
  };
}
