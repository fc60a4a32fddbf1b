import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { hostname } from 'node:os';
import { delimiter, join } from 'node:path';
import type { ProcessPort, ProcessRequest, ProcessResult } from '@metawsm/core';

const DEFAULT_MAX_OUTPUT = 64 * 1024;

/** Keeps the tail of a stream within a byte budget. */
class Tail {
  #chunks: Buffer[] = [];
  #size = 0;
  truncated = false;
  constructor(readonly max: number) {}
  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    while (this.#size > this.max && this.#chunks.length > 1) {
      this.#size -= this.#chunks.shift()!.length;
      this.truncated = true;
    }
  }
  text(): string {
    const buf = Buffer.concat(this.#chunks);
    if (buf.length > this.max) this.truncated = true;
    return buf.subarray(Math.max(0, buf.length - this.max)).toString('utf8');
  }
}

/** ProcessPort on node:child_process; `shell` commands run with `sh -c`, argv commands never touch a shell. */
export class NodeProcess implements ProcessPort {
  readonly pid = process.pid;
  readonly hostname: string;

  /** `hostname` overrides the machine's name as this process's host identity (run locks compare it). */
  constructor(options: { hostname?: string | undefined } = {}) {
    this.hostname = options.hostname ?? hostname();
  }

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
    const out = new Tail(req.maxOutputBytes ?? DEFAULT_MAX_OUTPUT);
    const err = new Tail(req.maxOutputBytes ?? DEFAULT_MAX_OUTPUT);
    return new Promise((resolve) => {
      const child = spawn(cmd ?? 'sh', args, {
        cwd: req.cwd,
        env: { ...process.env, ...req.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let timedOut = false;
      // Kill the whole process group so shells' children die with them.
      const timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, req.timeoutMs);
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      const finish = (exitCode: number | null, signal: string | null, spawnError: string | null) => {
        clearTimeout(timer);
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
