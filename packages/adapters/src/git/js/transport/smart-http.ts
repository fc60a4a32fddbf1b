import { MetawsmError, type RemoteEndpoint } from '@metawsm/core';
import { errnoCode } from '../repo/errors.js';
import { parseAdvertisement, type Advertisement, type Service } from './advertisement.js';
import { nodeHttpSend, type HttpResponse, type HttpSend } from './http-send.js';
import { redactUrl, scrub } from './redact.js';
import { DEFAULT_RETRY, TransientError, withRetry, type RetryPolicy } from './retry.js';
import { remoteAccessError } from '../../shared/remote-http-errors.js';

/** Options of {@link SmartHttpClient}. */
export interface SmartHttpOptions {
  send?: HttpSend;
  retry?: RetryPolicy;
}

const USER_AGENT = 'git/metawsm';

/**
 * The smart-HTTP transport (gitprotocol-http): ref discovery and service POSTs, with Basic
 * auth, error mapping and retries. Credentials are revealed only while building a request's
 * headers; no message, data or cause produced here contains them.
 */
export class SmartHttpClient {
  readonly #send: HttpSend;
  readonly retry: RetryPolicy;

  constructor(options: SmartHttpOptions = {}) {
    this.#send = options.send ?? nodeHttpSend;
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  /** `GET <url>/info/refs?service=<service>`, retried on transient failures. */
  discover(endpoint: RemoteEndpoint, service: Service): Promise<Advertisement> {
    return withRetry(this.retry, {
      run: () => this.discoverOnce(endpoint, service),
      giveUp: (last) => giveUp({ endpoint, what: 'ref discovery', attempts: this.retry.attempts }, last),
    });
  }

  /** One discovery attempt; TransientError on a retryable failure. */
  async discoverOnce(endpoint: RemoteEndpoint, service: Service): Promise<Advertisement> {
    const res = await this.#request(endpoint, { method: 'GET', path: `/info/refs?service=${service}` });
    if (res.headers['content-type']?.split(';')[0]?.trim() !== `application/x-${service}-advertisement`) {
      throw new MetawsmError(
        'REMOTE_FAILED',
        `${redactUrl(endpoint.url)} does not speak git's smart HTTP protocol`,
        {
          hint: 'Check the remote URL; dumb HTTP remotes are not supported.',
          data: { url: redactUrl(endpoint.url) },
        },
      );
    }
    return parseAdvertisement(res.body, service);
  }

  /** `POST <url>/<service>` once; TransientError on a retryable failure. */
  async postOnce(endpoint: RemoteEndpoint, service: Service, body: Uint8Array): Promise<Buffer> {
    const res = await this.#request(endpoint, {
      method: 'POST',
      path: `/${service}`,
      body,
      headers: {
        'content-type': `application/x-${service}-request`,
        accept: `application/x-${service}-result`,
      },
    });
    return res.body;
  }

  /** `POST <url>/<service>`, retried on transient failures (for idempotent requests). */
  post(endpoint: RemoteEndpoint, service: Service, body: Uint8Array): Promise<Buffer> {
    return withRetry(this.retry, {
      run: () => this.postOnce(endpoint, service, body),
      giveUp: (last) => giveUp({ endpoint, what: service, attempts: this.retry.attempts }, last),
    });
  }

  async #request(
    endpoint: RemoteEndpoint,
    req: { method: 'GET' | 'POST'; path: string; body?: Uint8Array; headers?: Record<string, string> },
  ): Promise<HttpResponse> {
    const url = `${baseUrl(endpoint)}${req.path}`;
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...req.headers };
    if (endpoint.auth) {
      const raw = `${endpoint.auth.username}:${endpoint.auth.password.reveal()}`;
      headers.authorization = `Basic ${Buffer.from(raw, 'utf8').toString('base64')}`;
    }
    let res: HttpResponse;
    try {
      res = await this.#send(
        req.body
          ? { method: req.method, url, headers, body: req.body }
          : { method: req.method, url, headers },
      );
    } catch (e) {
      const code = errnoCode(e);
      const message = scrub(e instanceof Error ? e.message : String(e), secretsOf(endpoint));
      throw new TransientError(`network error${code ? ` (${code})` : ''}: ${message}`, null);
    }
    if (res.status >= 200 && res.status < 300) return res;
    throw statusError(endpoint, res.status);
  }
}

function baseUrl(endpoint: RemoteEndpoint): string {
  let u: URL;
  try {
    u = new URL(endpoint.url);
  } catch {
    u = new URL('invalid:');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new MetawsmError(
      'REMOTE_URL_UNSUPPORTED',
      `unsupported remote URL ${redactUrl(endpoint.url)}: only http(s) is supported`,
      {
        hint: 'Use an https:// remote URL.',
        data: { url: redactUrl(endpoint.url) },
      },
    );
  }
  return redactUrl(endpoint.url).replace(/\/+$/, '');
}

function secretsOf(endpoint: RemoteEndpoint): string[] {
  return endpoint.auth ? [endpoint.auth.password.reveal()] : [];
}

function statusError(endpoint: RemoteEndpoint, status: number): Error {
  const url = redactUrl(endpoint.url);
  const data = { url, status };
  if (status === 401 || status === 403 || status === 404)
    return remoteAccessError(status, url, endpoint.auth !== null && endpoint.auth !== undefined, data);
  if (status >= 500 || status === 408 || status === 429) return new TransientError(`HTTP ${status}`, status);
  return new MetawsmError('REMOTE_FAILED', `${url} answered HTTP ${status}`, { data });
}

function giveUp(
  op: { endpoint: RemoteEndpoint; what: string; attempts: number },
  last: TransientError,
): never {
  const { endpoint, what, attempts } = op;
  const url = redactUrl(endpoint.url);
  throw new MetawsmError(
    'REMOTE_FAILED',
    `${what} at ${url} failed after ${attempts} attempts: ${last.message}`,
    {
      hint: 'The remote or the network is unavailable; retry later.',
      data: { url, status: last.status },
      cause: last,
    },
  );
}
