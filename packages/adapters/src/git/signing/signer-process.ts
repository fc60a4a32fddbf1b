import { spawn, type ChildProcess } from 'node:child_process';
import { userCommandEnvironment } from '@metawsm/core';

/** How long one signer may take: long enough for a hardware key touch, short enough not to hang a run. */
export const SIGNER_TIMEOUT_MS = 60_000;
const MAX_OUTPUT = 256 * 1024;

/** Variables that would let a signer open a prompt: a terminal for pinentry, a display, an askpass program. */
const PROMPT_VARIABLES = [
  'GPG_TTY',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'SSH_ASKPASS',
  'SSH_ASKPASS_REQUIRE',
  'GIT_ASKPASS',
];

/**
 * The environment of a signer (or of git while it signs): the operator's, without GitHub token
 * variables (SPEC §3, as for test commands) and without anything that could open a prompt, which
 * a non-interactive run could never answer. The agents (SSH_AUTH_SOCK, GNUPGHOME) stay.
 */
export function signerEnvironment(base: NodeJS.ProcessEnv): Record<string, string> {
  const env = userCommandEnvironment(base);
  for (const k of PROMPT_VARIABLES) delete env[k];
  env.GIT_TERMINAL_PROMPT = '0';
  return env;
}

/** What a signer did; `spawnError` is set when it could not start (e.g. ENOENT). */
export interface SignerRun {
  code: number | null;
  timedOut: boolean;
  stdout: Buffer;
  stderr: string;
  spawnError: NodeJS.ErrnoException | null;
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * Run a signer in a new session (setsid): with no controlling terminal, `ssh-keygen` and pinentry
 * cannot prompt on /dev/tty, so a locked key fails at once instead of waiting for a passphrase.
 * The whole process group is killed at the timeout. Never throws.
 */
export function runSigner(req: {
  program: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  input?: string | Buffer;
  timeoutMs?: number;
}): Promise<SignerRun> {
  return new Promise((resolve) => {
    const child = spawn(req.program, [...req.args], {
      cwd: req.cwd,
      env: req.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, req.timeoutMs ?? SIGNER_TIMEOUT_MS);
    const keep = (into: Buffer[]) => (d: Buffer) => {
      size += d.length;
      if (size <= MAX_OUTPUT) into.push(d);
    };
    child.stdout.on('data', keep(out));
    child.stderr.on('data', keep(err));
    child.stdin.on('error', () => undefined);
    let spawnError: NodeJS.ErrnoException | null = null;
    child.on('error', (e) => {
      spawnError = e;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({ code: timedOut ? null : code, timedOut, stdout: Buffer.concat(out), stderr, spawnError });
    });
    child.stdin.end(req.input ?? '');
  });
}
