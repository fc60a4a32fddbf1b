import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the git server answered. */
export interface GitRequestLog {
  method: string;
  /** Path and query, e.g. `/origin.git/info/refs?service=git-receive-pack`. */
  url: string;
  status: number;
  /** Bytes of the request body (for a push: pkt-lines plus the packfile). */
  requestBytes: number;
  authenticatedUser: string | null;
}

/** Options of {@link startGitHttpServer}. */
export interface GitHttpServerOptions {
  /** Directory holding bare repositories, served as `/<name>.git`. */
  root: string;
  /** When set, every request needs Basic auth whose password is this token. */
  token?: string;
  /** Delay added to every request, in milliseconds. */
  latencyMs?: number;
}

/** A running local git smart-HTTP server (`git http-backend` behind node:http). */
export interface GitHttpServer {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  /** URL of a repository under the root, e.g. `urlFor('origin')` → `http://127.0.0.1:41234/origin.git`. */
  urlFor(name: string): string;
  /** Every request answered so far. */
  readonly requests: GitRequestLog[];
  /** Make the next `count` requests whose URL matches `pattern` fail with `status` (default 500). */
  failNext(pattern: RegExp, count?: number, status?: number): void;
  /** Forget every fault still pending from {@link GitHttpServer.failNext}. */
  clearFaults(): void;
  /** Run `hook` before each request is served (e.g. to move a branch between discovery and push). */
  onRequest(hook: ((req: { method: string; url: string }) => Promise<void> | void) | null): void;
  close(): Promise<void>;
}

interface Fault {
  pattern: RegExp;
  remaining: number;
  status: number;
}

function basicUser(req: IncomingMessage, token: string | undefined): { ok: boolean; user: string | null } {
  const header = req.headers.authorization;
  if (!header?.startsWith('Basic ')) return { ok: token === undefined, user: null };
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const sep = decoded.indexOf(':');
  const user = sep < 0 ? decoded : decoded.slice(0, sep);
  const pass = sep < 0 ? '' : decoded.slice(sep + 1);
  return { ok: token === undefined || pass === token, user: user || 'anonymous' };
}

/** Split CGI output into status, headers and the rest of the body. */
function parseCgiHead(
  buf: Buffer,
): { status: number; headers: [string, string][]; bodyStart: number } | null {
  let end = buf.indexOf('\r\n\r\n');
  let sepLen = 4;
  if (end < 0) {
    end = buf.indexOf('\n\n');
    sepLen = 2;
  }
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString('latin1').split(/\r?\n/);
  let status = 200;
  const headers: [string, string][] = [];
  for (const line of lines) {
    const idx = line.indexOf(':');
    if (idx < 0) continue;
    const name = line.slice(0, idx).trim();
    const value = line.slice(idx + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
    else headers.push([name, value]);
  }
  return { status, headers, bodyStart: end + sepLen };
}

/** Start a git smart-HTTP server on 127.0.0.1 with an ephemeral port. */
export async function startGitHttpServer(options: GitHttpServerOptions): Promise<GitHttpServer> {
  const requests: GitRequestLog[] = [];
  const faults: Fault[] = [];
  let hook: ((req: { method: string; url: string }) => Promise<void> | void) | null = null;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const log: GitRequestLog = { method, url, status: 0, requestBytes: 0, authenticatedUser: null };
    requests.push(log);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    if (hook) await hook({ method, url });
    const fault = faults.find((f) => f.remaining > 0 && f.pattern.test(url));
    if (fault) {
      fault.remaining--;
      req.resume();
      log.status = fault.status;
      res.writeHead(fault.status, { 'content-type': 'text/plain' }).end('injected failure\n');
      return;
    }
    const auth = basicUser(req, options.token);
    if (!auth.ok || (options.token !== undefined && auth.user === null)) {
      req.resume();
      log.status = 401;
      res.writeHead(401, { 'www-authenticate': 'Basic realm="metawsm-test"', 'content-type': 'text/plain' });
      res.end('authentication required\n');
      return;
    }
    log.authenticatedUser = auth.user;
    const parsed = new URL(url, 'http://127.0.0.1');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: options.root,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: options.root,
      PATH_INFO: decodeURIComponent(parsed.pathname),
      QUERY_STRING: parsed.search.replace(/^\?/, ''),
      REQUEST_METHOD: method,
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      REMOTE_ADDR: '127.0.0.1',
      // http-backend refuses receive-pack to anonymous users unless REMOTE_USER is set.
      REMOTE_USER: auth.user ?? 'anonymous',
    };
    if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = String(req.headers['content-encoding']);
    if (req.headers['git-protocol']) env.GIT_PROTOCOL = String(req.headers['git-protocol']);
    const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    req.on('data', (chunk: Buffer) => (log.requestBytes += chunk.length));
    req.pipe(child.stdin);
    child.stdin.on('error', () => undefined);
    let head: Buffer = Buffer.alloc(0);
    let headerDone = false;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (headerDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const parsedHead = parseCgiHead(head);
      if (!parsedHead) return;
      headerDone = true;
      log.status = parsedHead.status;
      res.writeHead(parsedHead.status, parsedHead.headers.flat());
      res.write(head.subarray(parsedHead.bodyStart));
    });
    await new Promise<void>((resolve) => {
      child.on('close', (code) => {
        if (!headerDone) {
          log.status = 500;
          res
            .writeHead(500, { 'content-type': 'text/plain' })
            .end(`git http-backend failed (${code}): ${stderr}`);
        } else res.end();
        resolve();
      });
      child.on('error', (err) => {
        if (!headerDone) {
          log.status = 500;
          res.writeHead(500).end(String(err));
        }
        resolve();
      });
    });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    urlFor: (name) => `${baseUrl}/${name.endsWith('.git') ? name : `${name}.git`}`,
    requests,
    failNext: (pattern, count = 1, status = 500) => faults.push({ pattern, remaining: count, status }),
    clearFaults: () => void faults.splice(0),
    onRequest: (h) => (hook = h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
