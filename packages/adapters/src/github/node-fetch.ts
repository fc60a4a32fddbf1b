import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/**
 * The part of WHATWG `fetch` Octokit uses, on Node's own http(s) client: Node 20's `fetch` (undici)
 * costs about 150 ms of CPU to start in a fresh process and ~0.5 ms per request, which is most of
 * an idle `review sync` (160 conditional GETs). Same behaviour where Octokit looks: redirects
 * followed (method and credentials handled as fetch does), gzip/deflate/br decoded, `signal`
 * honoured (rejecting with its reason), network failures as `TypeError('fetch failed', { cause })`.
 * The body is read whole; `body` is that Buffer (what `parseSuccessResponseBody: false` hands on).
 */
export async function nodeFetch(input: string | URL, init: RequestInit = {}): Promise<NodeResponse> {
  let url = new URL(String(input));
  let method = (init.method ?? 'GET').toUpperCase();
  let body = requestBody(init.body);
  const headers = plainHeaders(init.headers);
  headers['accept-encoding'] ??= 'gzip, deflate, br';
  for (let hops = 0; ; hops++) {
    const res = await send(url, { method, headers, body, signal: init.signal ?? null });
    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode ?? 0) || typeof location !== 'string' || init.redirect === 'manual')
      return toResponse(url, res, await readBody(res, init.signal ?? null));
    res.resume();
    if (init.redirect === 'error') throw new TypeError('fetch failed', { cause: new Error('redirect') });
    if (hops >= MAX_REDIRECTS)
      throw new TypeError('fetch failed', { cause: new Error('redirect count exceeded') });
    const next = new URL(location, url);
    // fetch's rules: 303 (and 301/302 after a POST) become a GET without a body.
    const status = res.statusCode ?? 0;
    if (status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST') {
      method = 'GET';
      body = undefined;
      delete headers['content-type'];
    }
    // Credentials never follow a redirect to another origin.
    if (next.origin !== url.origin) delete headers.authorization;
    url = next;
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

/** One keep-alive agent per protocol; an idle pooled socket never keeps the process alive. */
const agents = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true }),
};
for (const agent of Object.values(agents)) agent.on('free', (socket: Socket) => socket.unref());

function requestBody(body: RequestInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError('nodeFetch: only string and byte bodies are supported');
}

function plainHeaders(h: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (h === undefined) return out;
  const entries: Iterable<[string, string]> =
    Array.isArray(h) || typeof (h as Headers).entries === 'function'
      ? (h as Iterable<[string, string]>)
      : Object.entries(h as Record<string, string>);
  for (const [k, v] of entries) out[k.toLowerCase()] = String(v);
  return out;
}

function send(
  url: URL,
  o: {
    method: string;
    headers: Record<string, string>;
    body: Buffer | undefined;
    signal: AbortSignal | null;
  },
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) {
      reject(abortReason(o.signal));
      return;
    }
    const https = url.protocol === 'https:';
    if (!https && url.protocol !== 'http:') {
      reject(new TypeError('fetch failed', { cause: new Error(`unsupported protocol ${url.protocol}`) }));
      return;
    }
    const headers = { ...o.headers, ...(o.body ? { 'content-length': String(o.body.length) } : {}) };
    const options = { method: o.method, headers, agent: https ? agents['https:'] : agents['http:'] };
    const req = (https ? httpsRequest : httpRequest)(url, options, (res) => {
      o.signal?.removeEventListener('abort', onAbort);
      resolve(res);
    });
    const onAbort = () => {
      req.destroy();
      reject(abortReason(o.signal));
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (cause) => {
      o.signal?.removeEventListener('abort', onAbort);
      reject(new TypeError('fetch failed', { cause }));
    });
    req.end(o.body);
  });
}

/** Why `signal` aborted, as fetch rejects: its reason (a TimeoutError for `AbortSignal.timeout`). */
function abortReason(signal: AbortSignal | null): Error {
  const reason: unknown = signal?.reason;
  // Duck-typed: a DOMException may come from another realm (a test's vm context).
  const errorLike = typeof reason === 'object' && reason !== null && 'name' in reason && 'message' in reason;
  return errorLike ? (reason as Error) : new DOMException('This operation was aborted', 'AbortError');
}

function readBody(res: IncomingMessage, signal: AbortSignal | null): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onAbort = () => {
      res.destroy();
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('error', (cause) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new TypeError('fetch failed', { cause }));
    });
    res.on('end', () => {
      signal?.removeEventListener('abort', onAbort);
      try {
        resolve(decode(Buffer.concat(chunks), String(res.headers['content-encoding'] ?? '')));
      } catch (cause) {
        reject(new TypeError('fetch failed', { cause }));
      }
    });
  });
}

function decode(raw: Buffer, encoding: string): Buffer {
  const e = encoding.trim().toLowerCase();
  if (raw.length === 0 || e === '' || e === 'identity') return raw;
  if (e === 'gzip' || e === 'x-gzip') return gunzipSync(raw);
  if (e === 'deflate') return inflateSync(raw);
  if (e === 'br') return brotliDecompressSync(raw);
  return raw;
}

function toResponse(url: URL, res: IncomingMessage, body: Buffer): NodeResponse {
  const headers = new Map<string, string>();
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined || k === 'content-encoding' || k === 'content-length') continue;
    headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  return new NodeResponse(
    res.statusCode ?? 0,
    res.statusMessage ?? '',
    url.href,
    new NodeHeaders(headers),
    body,
  );
}

/** Read-only response headers (lower-case names), iterable like WHATWG `Headers`. */
export class NodeHeaders {
  readonly #map: Map<string, string>;
  constructor(map: Map<string, string>) {
    this.#map = map;
  }
  get(name: string): string | null {
    return this.#map.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }
  forEach(fn: (value: string, name: string) => void): void {
    this.#map.forEach((v, k) => fn(v, k));
  }
  entries(): IterableIterator<[string, string]> {
    return this.#map.entries();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#map.entries();
  }
}

/** A fetch response whose body has been read (and decoded) already. */
export class NodeResponse {
  readonly ok: boolean;
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly url: string,
    readonly headers: NodeHeaders,
    readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
  }
  text(): Promise<string> {
    return Promise.resolve(this.body.toString('utf8'));
  }
  json(): Promise<unknown> {
    return this.text().then((t) => JSON.parse(t) as unknown);
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.body;
    return Promise.resolve(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
  }
}
