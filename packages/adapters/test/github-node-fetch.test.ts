import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { nodeFetch } from '../src/github/node-fetch.js';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A 127.0.0.1 server answering with `handler`; every request is logged. */
async function serve(handler: Handler) {
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('nodeFetch: the fetch Octokit is given, on node:http', () => {
  it('sends method, headers and body; answers status, final url, iterable headers and the decoded body', async () => {
    const s = await serve((req, body, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'content-encoding': 'gzip', etag: '"v1"' });
      res.end(gzipSync(JSON.stringify({ echo: body, accept: req.headers['accept-encoding'] })));
    });
    try {
      const r = await nodeFetch(`${s.base}/x?y=1`, {
        method: 'POST',
        headers: { Authorization: 'token t', 'Content-Type': 'application/json' },
        body: '{"a":1}',
      });
      expect(r.status).toBe(201);
      expect(r.ok).toBe(true);
      expect(r.url).toBe(`${s.base}/x?y=1`);
      expect(r.headers.get('ETag')).toBe('"v1"');
      expect(r.headers.get('content-encoding')).toBeNull();
      expect(Object.fromEntries(r.headers)).toMatchObject({
        'content-type': 'application/json',
        etag: '"v1"',
      });
      expect(await r.json()).toEqual({ echo: '{"a":1}', accept: 'gzip, deflate, br' });
      expect(s.seen[0]).toMatchObject({ method: 'POST', body: '{"a":1}' });
      expect(s.seen[0]!.headers).toMatchObject({ authorization: 'token t', 'content-length': '7' });
    } finally {
      await s.close();
    }
  });

  it('follows redirects as fetch does: same origin keeps the token, 303 turns a POST into a GET', async () => {
    const other = await serve((req, _b, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`other saw ${req.headers.authorization ?? 'no token'}`);
    });
    const s = await serve((req, _b, res) => {
      if (req.url === '/moved') res.writeHead(301, { location: '/new' }).end();
      else if (req.url === '/away') res.writeHead(302, { location: `${other.base}/x` }).end();
      else if (req.url === '/see-other') res.writeHead(303, { location: '/new' }).end();
      else if (req.url === '/keep') res.writeHead(307, { location: '/new' }).end();
      else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else
        res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end(`${req.method} ${req.headers.authorization}`);
    });
    try {
      const auth = { authorization: 'token secret' };
      const moved = await nodeFetch(`${s.base}/moved`, { headers: auth });
      expect([moved.status, moved.url, await moved.text()]).toEqual([
        200,
        `${s.base}/new`,
        'GET token secret',
      ]);
      expect(await (await nodeFetch(`${s.base}/away`, { headers: auth })).text()).toBe('other saw no token');
      const seeOther = await nodeFetch(`${s.base}/see-other`, { method: 'POST', headers: auth, body: 'x' });
      expect(await seeOther.text()).toBe('GET token secret');
      await nodeFetch(`${s.base}/keep`, { method: 'POST', headers: auth, body: 'kept' });
      expect(s.seen.at(-1)).toMatchObject({ method: 'POST', url: '/new', body: 'kept' });
      const manual = await nodeFetch(`${s.base}/moved`, { redirect: 'manual' });
      expect([manual.status, manual.headers.get('location')]).toEqual([301, '/new']);
      await expect(nodeFetch(`${s.base}/loop`)).rejects.toMatchObject({ name: 'TypeError' });
    } finally {
      await s.close();
      await other.close();
    }
  });

  it('an aborted or timed-out request rejects with the signal’s reason; no server is a TypeError with the cause', async () => {
    const s = await serve(() => undefined); // never answers
    try {
      await expect(nodeFetch(`${s.base}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toMatchObject({
        name: 'TimeoutError',
      });
      const c = new AbortController();
      c.abort(new Error('stop'));
      await expect(nodeFetch(`${s.base}/slow`, { signal: c.signal })).rejects.toThrow('stop');
    } finally {
      await s.close();
    }
    await expect(nodeFetch(s.base)).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
      cause: expect.objectContaining({ code: 'ECONNREFUSED' }),
    });
  });

  it('a pooled keep-alive connection never keeps the process alive', async () => {
    const s = await serve((_req, _b, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
    try {
      const module = fileURLToPath(new URL('../dist/github/node-fetch.js', import.meta.url));
      const script = `const { nodeFetch } = await import(${JSON.stringify(module)}); const r = await nodeFetch(${JSON.stringify(s.base)}); console.log(await r.text());`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'pipe' });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve(null);
        }, 5000);
        child.on('exit', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      expect([code, out.trim()]).toEqual([0, 'ok']);
    } finally {
      await s.close();
    }
  });
});
