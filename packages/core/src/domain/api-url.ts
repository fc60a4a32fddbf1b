import { MetawsmError } from '../errors/metawsm-error.js';
import { redactUrl } from './remote-url.js';

/** The variable that overrides the GitHub API URL derived from a remote. */
export const API_URL_VARIABLE = 'METAWSM_GITHUB_API_URL';

/**
 * The API URL override from `METAWSM_GITHUB_API_URL`, checked: unset or empty → undefined; an
 * http(s) URL with a host and no credentials, query or fragment → that URL without trailing
 * slashes; anything else is GITHUB_API_URL_INVALID (exit 2) naming the variable, before any
 * request is made (a typo must not be retried as a remote failure).
 */
export function apiUrlOverride(value: string | undefined): string | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  let url: URL | null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  const why =
    url === null
      ? 'is not a URL'
      : url.protocol !== 'https:' && url.protocol !== 'http:'
        ? `uses ${url.protocol.replace(':', '')}, not http(s)`
        : url.username || url.password
          ? 'contains credentials'
          : url.search || url.hash
            ? 'has a query or fragment'
            : null;
  if (why === null) return raw.replace(/\/+$/, '');
  throw new MetawsmError('GITHUB_API_URL_INVALID', `${API_URL_VARIABLE} "${redactUrl(raw)}" ${why}`, {
    hint: `Set ${API_URL_VARIABLE} to the API root (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise), or unset it.`,
    data: { variable: API_URL_VARIABLE, value: redactUrl(raw) },
  });
}
