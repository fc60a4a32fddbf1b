import { JSONParse } from 'json-with-bigint';
import type { GitHubClient } from './octokit-client-type.js';

/**
 * An unquoted integer of 16 or more digits: the only JSON a plain `JSON.parse` could read wrongly
 * (2^53 has 16 digits). It may also match inside a string, which only costs the slower parse.
 */
const LONG_INTEGER = /(?:^|[[:,])\s*-?\d{16,}/;

/**
 * Parse a JSON answer as Octokit does (integers beyond 2^53 become BigInt, never rounded), but
 * with V8's own parser whenever no such integer can be present: Octokit's parser runs a regular
 * expression and a reviver over every value on Node 20, 3–4x the cost on large review answers.
 * Text that is not JSON is returned as it is (Octokit's behaviour; the schemas then reject it).
 */
export function parseJsonBody(text: string): unknown {
  try {
    return LONG_INTEGER.test(text) ? JSONParse(text) : JSON.parse(text);
  } catch {
    return text;
  }
}

function isStream(data: unknown): data is ReadableStream<Uint8Array> {
  return (
    typeof data === 'object' && data !== null && typeof (data as ReadableStream).getReader === 'function'
  );
}

/** The unparsed body Octokit hands on: bytes from `nodeFetch`, a web stream from a WHATWG fetch. */
async function bodyBytes(data: unknown): Promise<Buffer | null> {
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (isStream(data)) return Buffer.from(await new Response(data).arrayBuffer());
  return null;
}

/**
 * Successful answers arrive unparsed (the client sets `parseSuccessResponseBody: false`) and are
 * parsed here like Octokit would: JSON by {@link parseJsonBody}, `text/*` and UTF-8 as text,
 * anything else as bytes. Registered first, so innermost: every other hook sees parsed data.
 * A body cut off while reading throws without a response, which the retry hook treats as a
 * network error.
 */
export function installBodyParsing(client: GitHubClient): void {
  client.hook.wrap('request', async (request, options) => {
    const res = await request(options);
    const bytes = await bodyBytes(res.data);
    if (bytes === null) return res;
    const type = String(res.headers['content-type'] ?? '').toLowerCase();
    if (/^application\/(scim\+)?json\b/.test(type)) res.data = parseJsonBody(bytes.toString('utf8'));
    else if (type === '' || type.startsWith('text/') || /charset=("?)utf-8\1/.test(type))
      res.data = bytes.toString('utf8');
    else res.data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return res;
  });
}
