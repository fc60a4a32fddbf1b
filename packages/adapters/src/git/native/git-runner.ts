import { spawn } from 'node:child_process';
import { MetawsmError, redactText } from '@metawsm/core';
import { childEnv, GLOBAL_ARGS } from './git-env.js';

/** One git invocation. */
export interface GitCall {
  cwd: string;
  /** Subcommand and its arguments (global options are added by the runner). */
  args: readonly string[];
  /** Extra environment for this call only (GIT_INDEX_FILE, credentials as config variables). */
  env?: Record<string, string>;
  input?: string | Uint8Array;
  /** Exit codes that are answers, not failures (e.g. 1 for `merge-base --is-ancestor`); `any` takes all. */
  ok?: readonly number[] | 'any';
  timeoutMs?: number;
  /** Values removed from everything reported (the token and the header built from it). */
  secrets?: readonly string[];
}

/** What a finished git call produced; `code` is null when it was killed (timeout). */
export interface GitResult {
  code: number | null;
  timedOut: boolean;
  stdout: Buffer;
  /** Redacted. */
  stderr: string;
}

/** Options of {@link GitRunner}. */
export interface GitRunnerOptions {
  /** The operator's environment (PATH finds git; default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Default timeout of one call (default 10 minutes: `add -A` on a cold, huge tree is slow). */
  timeoutMs?: number;
}

/** Remove URL credentials, well-known token formats and every given secret (however short) from `text`. */
export function scrub(text: string, secrets: readonly string[] = []): string {
  let out = redactText(text);
  for (const s of secrets) if (s.length > 0) out = out.split(s).join('[REDACTED]');
  return out;
}

/** The last lines git wrote to stderr that say what went wrong (fatal/error lines first). */
export function stderrSummary(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim());
  const bad = lines.filter((l) => /^(fatal|error):/.test(l));
  const picked = bad.length > 0 ? bad : lines.filter((l) => l !== '' && !l.startsWith('hint:'));
  return picked.slice(-3).join(' / ').slice(0, 600);
}

/**
 * Runs git: argv only (no shell), the hardened environment of `childEnv`, the global options of
 * `GLOBAL_ARGS`, a timeout (the child is killed), and stderr redacted before anyone sees it.
 */
export class GitRunner {
  readonly env: NodeJS.ProcessEnv;
  readonly #timeoutMs: number;

  constructor(options: GitRunnerOptions = {}) {
    this.env = options.env ?? process.env;
    this.#timeoutMs = options.timeoutMs ?? 600_000;
  }

  /** Run one call; GIT_FAILED when git cannot start, times out, or exits with a code not in `ok`. */
  async run(call: GitCall): Promise<GitResult> {
    const result = await this.#spawn(call);
    const ok = call.ok ?? [0];
    if (ok === 'any' && !result.timedOut) return result;
    if (ok !== 'any' && result.code !== null && ok.includes(result.code)) return result;
    throw commandFailed(call, result);
  }

  #spawn(call: GitCall): Promise<GitResult> {
    const timeoutMs = call.timeoutMs ?? this.#timeoutMs;
    return new Promise((resolve, reject) => {
      const child = spawn('git', [...GLOBAL_ARGS, ...call.args], {
        cwd: call.cwd,
        env: childEnv(this.env, call.env),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, timeoutMs);
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      // git may exit before reading all its input (an early error); that is reported by its exit code.
      child.stdin.on('error', () => undefined);
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(cannotStart(call, e));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        const stderr = scrub(Buffer.concat(err).toString('utf8'), call.secrets);
        resolve({ code: timedOut ? null : code, timedOut, stdout: Buffer.concat(out), stderr });
      });
      child.stdin.end(call.input ?? '');
    });
  }
}

/** The subcommand's name: the first argument that is neither an option nor a `-c` option's value. */
function subcommand(call: GitCall): string {
  return call.args.find((a, i) => !a.startsWith('-') && call.args[i - 1] !== '-c') ?? 'git';
}

function cannotStart(call: GitCall, e: Error): MetawsmError {
  const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
  return new MetawsmError(
    'GIT_FAILED',
    `cannot run git ${subcommand(call)}: ${scrub(e.message, call.secrets)}`,
    {
      hint: missing
        ? 'Install git (>= 2.38) and put it on PATH, or set METAWSM_GIT_ENGINE=js.'
        : `Check that ${call.cwd} exists and is readable.`,
      data: { command: subcommand(call), cwd: call.cwd },
    },
  );
}

function commandFailed(call: GitCall, r: GitResult): MetawsmError {
  const cmd = subcommand(call);
  const why = r.timedOut ? 'timed out' : `exit ${String(r.code)}`;
  const detail = stderrSummary(r.stderr);
  return new MetawsmError(
    'GIT_FAILED',
    `git ${cmd} failed in ${call.cwd} (${why})${detail ? `: ${detail}` : ''}`,
    {
      hint: r.timedOut
        ? 'git did not finish in time; check the repository (`git status`) and retry.'
        : `Run \`git ${cmd}\` in ${call.cwd} to see the problem (\`git status\` should work there).`,
      data: { command: cmd, cwd: call.cwd, exitCode: r.code, timedOut: r.timedOut },
    },
  );
}
