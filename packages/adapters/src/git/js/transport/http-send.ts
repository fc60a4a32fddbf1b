import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** An HTTP request as the smart-HTTP client makes it. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

/** A fully read HTTP response. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** Sends one request; rejects only on network errors (any status resolves). */
export type HttpSend = (req: HttpRequest) => Promise<HttpResponse>;

/** Abort a request when the socket is idle this long. */
const IDLE_TIMEOUT_MS = 120_000;

/** {@link HttpSend} on node:http / node:https. */
export const nodeHttpSend: HttpSend = (req) =>
  new Promise((resolve, reject) => {
    const url = new URL(req.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string> = { ...req.headers };
    if (req.body) headers['content-length'] = String(req.body.length);
    const r = send(url, { method: req.method, headers, timeout: IDLE_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const flat: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(res.headers)) flat[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers: flat, body: Buffer.concat(chunks) });
      });
    });
    r.on('timeout', () => r.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })));
    r.on('error', reject);
    r.end(req.body ? Buffer.from(req.body) : undefined);
  });
