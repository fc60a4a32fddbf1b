import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { MetawsmError, type Oid } from '@metawsm/core';
import { childEnv, GLOBAL_ARGS } from './git-env.js';
import { scrub, stderrSummary } from './git-runner.js';

/** An object's id, type and size, as `cat-file` reports them. */
export interface ObjectInfo {
  oid: Oid;
  type: string;
  size: number;
}

/** An object with its content. */
export interface ObjectData extends ObjectInfo {
  data: Buffer;
}

interface Request {
  command: 'contents' | 'info';
  resolve(v: ObjectData | ObjectInfo | null): void;
  reject(e: unknown): void;
}

interface PendingBody {
  info: ObjectInfo;
  chunks: Buffer[];
  length: number;
}

/** One running `cat-file` process and the requests it still owes answers to. */
class Session {
  readonly queue: Request[] = [];
  head: Buffer = Buffer.alloc(0);
  body: PendingBody | null = null;
  stderr = '';

  constructor(readonly child: ChildProcessWithoutNullStreams) {}

  /** Keep the event loop alive exactly while reads are pending. */
  hold(on: boolean): void {
    const c = this.child;
    for (const s of [c.stdout, c.stderr, c.stdin] as unknown as { ref(): void; unref(): void }[]) {
      if (on) s.ref();
      else s.unref();
    }
  }

  /** Append output and answer every request it completes. */
  feed(chunk: Buffer): void {
    if (this.body) {
      this.body.chunks.push(chunk);
      this.body.length += chunk.length;
    } else this.head = this.head.length === 0 ? chunk : Buffer.concat([this.head, chunk]);
    while (this.#step());
  }

  /** Complete at most one pending request from the buffered output; true when one was completed. */
  #step(): boolean {
    const req = this.queue[0];
    if (!req) return false;
    if (this.body) return this.#finishBody(req, this.body);
    const nl = this.head.indexOf(10);
    if (nl < 0) return false;
    const line = this.head.toString('utf8', 0, nl);
    this.head = this.head.subarray(nl + 1);
    const m = /^([0-9a-f]{40,64}) (\S+) (\d+)$/.exec(line);
    if (!m) {
      this.queue.shift();
      req.resolve(null); // "<rev> missing" / "<rev> ambiguous"
      return true;
    }
    const info: ObjectInfo = { oid: m[1]!, type: m[2]!, size: Number(m[3]) };
    if (req.command === 'info') {
      this.queue.shift();
      req.resolve(info);
      return true;
    }
    this.body = { info, chunks: [this.head], length: this.head.length };
    this.head = Buffer.alloc(0);
    return this.#finishBody(req, this.body);
  }

  #finishBody(req: Request, body: PendingBody): boolean {
    const need = body.info.size + 1; // content, then a newline
    if (body.length < need) return false;
    const all = body.chunks.length === 1 ? body.chunks[0]! : Buffer.concat(body.chunks, body.length);
    this.body = null;
    this.head = all.subarray(need);
    this.queue.shift();
    req.resolve({ ...body.info, data: all.subarray(0, body.info.size) });
    return true;
  }
}

/**
 * One long-lived `git cat-file --batch-command` for a repository: object reads cost a line on a
 * pipe instead of a process each. It holds the event loop only while a read is pending, and ends
 * itself after `idleMs` without requests (or when its owner closes it), so no git process outlives
 * the command that needed it.
 */
export class CatFileBatch {
  readonly #cwd: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #idleMs: number;
  #session: Session | null = null;
  #idle: NodeJS.Timeout | null = null;

  constructor(options: { cwd: string; env: NodeJS.ProcessEnv; idleMs?: number }) {
    this.#cwd = options.cwd;
    this.#env = options.env;
    this.#idleMs = options.idleMs ?? 1000;
  }

  /** Type, size and content of `rev` (an object id or any revision git parses); null when missing. */
  contents(rev: string): Promise<ObjectData | null> {
    return this.#ask('contents', rev) as Promise<ObjectData | null>;
  }

  /** Type and size of `rev`; null when missing. */
  info(rev: string): Promise<ObjectInfo | null> {
    return this.#ask('info', rev);
  }

  /** True while a `cat-file` process is running for this reader. */
  get running(): boolean {
    return this.#session !== null;
  }

  /** End the process (reads still pending on it fail). */
  close(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    this.#session?.child.stdin.end();
    this.#session = null;
  }

  #ask(command: Request['command'], rev: string): Promise<ObjectData | ObjectInfo | null> {
    if (/[\n\r\0]/.test(rev) || rev.trim() !== rev || rev === '')
      return Promise.reject(new MetawsmError('INVALID_INPUT', `not an object name: ${JSON.stringify(rev)}`));
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    const session = this.#session ?? this.#start();
    return new Promise((resolve, reject) => {
      session.queue.push({ command, resolve, reject });
      session.hold(true);
      session.child.stdin.write(`${command} ${rev}\n`);
    });
  }

  #start(): Session {
    const child = spawn('git', [...GLOBAL_ARGS, 'cat-file', '--batch-command'], {
      cwd: this.#cwd,
      env: childEnv(this.#env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const session = new Session(child);
    this.#session = session;
    child.stdout.on('data', (d: Buffer) => {
      session.feed(d);
      if (session.queue.length === 0) this.#rest(session);
    });
    child.stderr.on('data', (d: Buffer) => (session.stderr += d.toString('utf8')));
    child.stdin.on('error', () => undefined);
    child.on('error', (e) => this.#fail(session, e.message));
    child.on('close', (code) => this.#fail(session, `exit ${String(code)}`));
    child.unref();
    return session;
  }

  #rest(session: Session): void {
    session.hold(false);
    if (this.#session !== session) return;
    this.#idle = setTimeout(() => this.close(), this.#idleMs);
    this.#idle.unref();
  }

  #fail(session: Session, why: string): void {
    if (this.#session === session) this.#session = null;
    const pending = session.queue.splice(0);
    const detail = stderrSummary(scrub(session.stderr)) || why;
    for (const r of pending)
      r.reject(
        new MetawsmError('GIT_FAILED', `git cat-file stopped in ${this.#cwd}: ${detail}`, {
          hint: 'Check the repository with `git fsck`.',
          data: { cwd: this.#cwd },
        }),
      );
  }
}
