import { MetawsmError, redactUrl, type RemoteEndpoint } from '@metawsm/core';
import { configEnv } from './git-env.js';

/** How one remote call reaches the server: the URL for argv, and credentials for the environment only. */
export interface RemoteAccess {
  /** The URL git is given (never with credentials). */
  url: string;
  /** `GIT_CONFIG_*` variables carrying the Authorization header (empty without credentials). */
  env: Record<string, string>;
  /** Everything derived from the token, removed from whatever git prints. */
  secrets: string[];
}

/**
 * Credentials reach git only as `http.<url>.extraHeader` through `GIT_CONFIG_*` variables of the
 * child's environment: never argv (visible in `ps`), never a config file. The URL-specific key is
 * the most specific match, so it wins over any extra header the operator configured for the host
 * (e.g. one `actions/checkout` persists); the empty value first clears those.
 */
export function remoteAccess(base: NodeJS.ProcessEnv, endpoint: RemoteEndpoint): RemoteAccess {
  let u: URL;
  try {
    u = new URL(endpoint.url);
  } catch {
    u = new URL('invalid:');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new MetawsmError(
      'REMOTE_URL_UNSUPPORTED',
      `unsupported remote URL ${redactUrl(endpoint.url)}: only http(s) is supported`,
      { hint: 'Use an https:// remote URL.', data: { url: redactUrl(endpoint.url) } },
    );
  // Credentials inside the URL would land on argv: drop them (the endpoint's auth is what counts).
  const inUrl = [u.password, safeDecode(u.password)].filter((x) => x !== '');
  u.username = '';
  u.password = '';
  const url = u.toString();
  if (!endpoint.auth) return { url, env: {}, secrets: inUrl };
  const password = endpoint.auth.password.reveal();
  const raw = `${endpoint.auth.username}:${password}`;
  const basic = Buffer.from(raw, 'utf8').toString('base64');
  const key = `http.${url}.extraHeader`;
  return {
    url,
    env: configEnv(base, [
      [key, ''],
      [key, `Authorization: Basic ${basic}`],
    ]),
    secrets: [...inUrl, password, raw, basic],
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
