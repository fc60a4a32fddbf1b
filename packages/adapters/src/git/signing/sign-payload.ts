import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { CommitSigning } from '@metawsm/core';
import { runSigner, signerEnvironment, type SignerRun } from './signer-process.js';
import { signingFailed } from './signing-failure.js';

/** git's default signer of each format. */
export const DEFAULT_SIGNER = { openpgp: 'gpg', ssh: 'ssh-keygen', x509: 'gpgsm' } as const;

/** Where the signer runs and with what environment. */
export interface SignerContext {
  /** The workspace (cwd of the signer; named in errors). */
  path: string;
  /** The operator's environment (tokens and prompt variables are removed before use). */
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** The program that signs for `signing`. */
export function signerProgram(signing: CommitSigning): string {
  return signing.program ?? DEFAULT_SIGNER[signing.format];
}

/** `key::<literal>` or a bare `ssh-…` public key (git's rule), else null. */
export function literalSshKey(key: string): string | null {
  if (key.startsWith('key::')) return key.slice(5);
  return key.startsWith('ssh-') ? key : null;
}

/** `~/` and `~` expanded against HOME, as git's path interpolation does for `user.signingkey`. */
export function expandHome(path: string, env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? homedir();
  if (path === '~') return home;
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/**
 * Sign a commit payload the way git does and return the ASCII-armoured signature: `gpg
 * --status-fd=2 -bsau <key>` (openpgp), `gpgsm` likewise (x509), `ssh-keygen -Y sign -n git -f
 * <key>` on a temporary file (ssh; a literal key is written to a file and `-U` uses the agent).
 * SIGNING_FAILED when the signer fails or its answer is not a signature.
 */
export async function signPayload(
  payload: Buffer,
  signing: CommitSigning,
  ctx: SignerContext,
): Promise<string> {
  const program = signerProgram(signing);
  const env = signerEnvironment(ctx.env);
  const run =
    signing.format === 'ssh'
      ? await signSsh(payload, signing.key, { program, env, ctx })
      : await runSigner({
          program,
          args: gpgArgs(program, signing),
          cwd: ctx.path,
          env,
          input: payload,
          ...timeout(ctx),
        });
  const armor = run.stdout.toString('utf8');
  const gpgOk = signing.format === 'ssh' || /^\[GNUPG:\] SIG_CREATED /m.test(run.stderr);
  if (run.code !== 0 || !gpgOk || !armor.startsWith('-----BEGIN '))
    throw signingFailed(run, { program, signing, path: ctx.path });
  return armor;
}

function timeout(ctx: SignerContext): { timeoutMs?: number } {
  return ctx.timeoutMs === undefined ? {} : { timeoutMs: ctx.timeoutMs };
}

/**
 * git's own arguments; for gpg itself (not a configured wrapper, which may accept only git's
 * arguments) also `--batch --pinentry-mode error`: a key the agent has not unlocked fails at once.
 */
function gpgArgs(program: string, signing: CommitSigning): string[] {
  const name = basename(program);
  const batch =
    signing.format === 'openpgp' && (name === 'gpg' || name === 'gpg2')
      ? ['--batch', '--pinentry-mode', 'error']
      : [];
  return [...batch, '--status-fd=2', '-bsau', signing.key];
}

async function signSsh(
  payload: Buffer,
  key: string,
  s: { program: string; env: NodeJS.ProcessEnv; ctx: SignerContext },
): Promise<SignerRun> {
  const dir = await mkdtemp(join(tmpdir(), 'metawsm-sign-'));
  try {
    const buffer = join(dir, 'buffer');
    await writeFile(buffer, payload);
    const literal = literalSshKey(key);
    let keyFile = expandHome(key, s.env);
    if (literal !== null) {
      keyFile = join(dir, 'key.pub');
      await writeFile(keyFile, `${literal}\n`, { mode: 0o600 });
    }
    const args = ['-Y', 'sign', '-n', 'git', '-f', keyFile, ...(literal !== null ? ['-U'] : []), buffer];
    const run = await runSigner({ program: s.program, args, cwd: s.ctx.path, env: s.env, ...timeout(s.ctx) });
    if (run.code !== 0) return run;
    const sig = await readFile(`${buffer}.sig`).catch(() => null);
    return sig === null ? { ...run, code: null } : { ...run, stdout: sig };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
