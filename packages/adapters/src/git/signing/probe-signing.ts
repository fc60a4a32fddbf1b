import { access, constants, readFile } from 'node:fs/promises';
import type { CommitSigning, SigningProbe } from '@metawsm/core';
import { expandHome, literalSshKey, signerProgram, type SignerContext } from './sign-payload.js';
import { runSigner, signerEnvironment } from './signer-process.js';
import { stderrTail } from './signing-failure.js';

const PROBE_TIMEOUT_MS = 10_000;

function ok(detail: string): SigningProbe {
  return { usable: true, detail, remedy: null };
}
function bad(detail: string, remedy: string): SigningProbe {
  return { usable: false, detail, remedy };
}

async function readable(path: string): Promise<boolean> {
  return access(path, constants.R_OK).then(
    () => true,
    () => false,
  );
}

/**
 * Whether signing can work, without signing anything (`auth check`): openpgp and x509 ask the
 * signer for the secret key (`--list-secret-keys <key>`), which also proves the signer runs; ssh
 * checks that the signer starts, that the key file is readable and that its private half is either
 * in the agent (`ssh-add -L`) or on disk without a passphrase.
 */
export async function probeSigning(signing: CommitSigning, ctx: SignerContext): Promise<SigningProbe> {
  const program = signerProgram(signing);
  const env = signerEnvironment(ctx.env);
  if (signing.format !== 'ssh') {
    const args = ['--batch', '--list-secret-keys', '--', signing.key];
    const run = await runSigner({ program, args, cwd: ctx.path, env, timeoutMs: PROBE_TIMEOUT_MS });
    if (run.spawnError)
      return bad(
        `${program} cannot run (${run.spawnError.code ?? 'error'})`,
        `Install ${program} or set the format's program in git config.`,
      );
    if (run.code === 0) return ok(`${program} has the secret key ${signing.key}`);
    return bad(
      `${program} has no secret key ${signing.key}${run.stderr ? `: ${stderrTail(run.stderr)}` : ''}`,
      `Import the key (${program} --import) or set user.signingkey to a key ${program} --list-secret-keys shows.`,
    );
  }
  const started = await runSigner({ program, args: ['-?'], cwd: ctx.path, env, timeoutMs: PROBE_TIMEOUT_MS });
  if (started.spawnError)
    return bad(
      `${program} cannot run (${started.spawnError.code ?? 'error'})`,
      `Install OpenSSH's ssh-keygen or set gpg.ssh.program.`,
    );
  return probeSshKey(signing.key, { ...ctx, env });
}

async function agentKeys(ctx: SignerContext): Promise<string[]> {
  if (!ctx.env.SSH_AUTH_SOCK) return [];
  const run = await runSigner({
    program: 'ssh-add',
    args: ['-L'],
    cwd: ctx.path,
    env: ctx.env,
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  if (run.code !== 0) return [];
  return run.stdout
    .toString('utf8')
    .split('\n')
    .map(keyBody)
    .filter((k) => k !== '');
}

/** `type base64` of a public key line (the comment dropped). */
function keyBody(line: string): string {
  return line.trim().split(/\s+/).slice(0, 2).join(' ');
}

async function probeSshKey(key: string, ctx: SignerContext): Promise<SigningProbe> {
  const literal = literalSshKey(key);
  const agentRemedy =
    'Start ssh-agent and add the key (ssh-add <private key>), or point user.signingkey at a key file.';
  if (literal !== null) {
    return (await agentKeys(ctx)).includes(keyBody(literal))
      ? ok('the literal key in user.signingkey is in ssh-agent')
      : bad('the literal key in user.signingkey is not in ssh-agent', agentRemedy);
  }
  const file = expandHome(key, ctx.env);
  if (!(await readable(file)))
    return bad(
      `key file ${file} is missing or unreadable`,
      'Set user.signingkey to a readable ssh key file (private, or public with its key in ssh-agent).',
    );
  const text = await readFile(file, 'utf8').catch(() => '');
  const isPublic = !text.includes('PRIVATE KEY');
  if (isPublic && (await agentKeys(ctx)).includes(keyBody(text))) return ok(`key ${file} is in ssh-agent`);
  const privateFile = isPublic ? file.replace(/\.pub$/, '') : file;
  if (privateFile === file && isPublic) return bad(`public key ${file} is not in ssh-agent`, agentRemedy);
  if (!(await readable(privateFile)))
    return bad(`private key ${privateFile} is missing and ${file} is not in ssh-agent`, agentRemedy);
  // `ssh-keygen -y` with an empty passphrase reads the key without prompting: it fails for a locked key.
  const unlocked = await runSigner({
    program: 'ssh-keygen',
    args: ['-y', '-P', '', '-f', privateFile],
    cwd: ctx.path,
    env: ctx.env,
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  return unlocked.code === 0
    ? ok(`private key ${privateFile} is readable without a passphrase`)
    : bad(`private key ${privateFile} needs a passphrase and is not in ssh-agent`, agentRemedy);
}
