import { spawn, type ChildProcess } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { hostname } from 'node:os';
import { delimiter, join } from 'node:path';
import {
  userCommandEnvironment,
  type ProcessPort,
  type ProcessRequest,
  type ProcessResult,
} from '@metawsm/core';
import { OutputTail } from './output-tail.js';

const DEFAULT_MAX_OUTPUT = 64 * 1024;
/** How long a terminated group gets between SIGTERM and SIGKILL. */
const TERMINATE_GRACE_MS = 2000;

/** Signal a child's whole process group (it leads its own group: spawned detached). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is gone already, or never started.
    child.kill(signal);
  }
}

/**
 * ProcessPort on node:child_process. Every command runs in its own process group, so a timeout or
 * {@link NodeProcess.terminateChildren} ends the shell and everything it started. Commands run for
 * the user (all but `trusted` helpers) get the environment without GitHub token variables;
 * `shell` commands run with `sh -c`, argv commands never touch a shell.
 */
export class NodeProcess implements ProcessPort {
  readonly pid = process.pid;
  readonly hostname: string;

  /** `hostname` overrides the machine's name as this process's host identity (run locks compare it). */
  constructor(options: { hostname?: string | undefined } = {}) {
    this.hostname = options.hostname ?? hostname();
  }

  /** Children still running, with the promise that settles when they are gone. */
  readonly #running = new Map<ChildProcess, Promise<unknown>>();

  env(name: string): string | undefined {
    return process.env[name];
  }

  isAlive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      // EPERM: it exists but belongs to someone else.
      return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
  }

  run(req: ProcessRequest): Promise<ProcessResult> {
    const [cmd, ...args] = 'shell' in req ? ['sh', '-c', req.shell] : req.argv;
    const started = Date.now();
    const out = new OutputTail(req.maxOutputBytes ?? DEFAULT_MAX_OUTPUT);
    const err = new OutputTail(req.maxOutputBytes ?? DEFAULT_MAX_OUTPUT);
    const env = req.trusted ? { ...process.env, ...req.env } : userCommandEnvironment(process.env, req.env);
    const child = spawn(cmd ?? 'sh', args, {
      cwd: req.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const done = new Promise<ProcessResult>((resolve) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        signalGroup(child, 'SIGKILL');
      }, req.timeoutMs);
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      const finish = (exitCode: number | null, signal: string | null, spawnError: string | null) => {
        clearTimeout(timer);
        this.#running.delete(child);
        resolve({
          exitCode,
          signal,
          stdout: out.text(),
          stderr: err.text(),
          timedOut,
          truncated: out.truncated || err.truncated,
          durationMs: Date.now() - started,
          spawnError,
        });
      };
      child.on('error', (e) => finish(null, null, e.message));
      child.on('close', (code, signal) => finish(code, signal, null));
    });
    this.#running.set(child, done);
    return done;
  }

  async terminateChildren(): Promise<number> {
    const children = [...this.#running];
    if (children.length === 0) return 0;
    for (const [child] of children) signalGroup(child, 'SIGTERM');
    // The leader's `close` does not wait for grandchildren, so SIGKILL the group after the grace
    // period whatever happened: nothing it started may outlive metawsm.
    await Promise.race([
      Promise.all(children.map(([, p]) => p)),
      new Promise((r) => setTimeout(r, TERMINATE_GRACE_MS).unref()),
    ]);
    for (const [child] of children) signalGroup(child, 'SIGKILL');
    return children.length;
  }

  async which(command: string): Promise<string | null> {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      if (!dir) continue;
      const candidate = join(dir, command);
      try {
        await access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
    return null;
  }
}
