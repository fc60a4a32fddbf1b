import { MetawsmError, redactText, type GitHubConnection } from '@metawsm/core';
import * as v from 'valibot';
import { toGitHubError, type GitHubCallContext } from './errors.js';
import { OctokitClients, type GitHubClient, type OctokitGitHubAdapterOptions } from './octokit-client.js';
import { parseGitHub } from './schemas.js';

/** One page as GitHub answered it. */
interface Page {
  data: unknown;
  headers: { link?: string | undefined };
}

/** The `rel="next"` URL of a Link header, if any. */
export function nextLink(link: string | undefined): string | null {
  const m = /<([^>]+)>\s*;\s*rel="next"/.exec(link ?? '');
  return m?.[1] ?? null;
}

/** An API URL the adapter can use: http(s), no credentials; anything else fails before any request. */
export function checkApiUrl(apiUrl: string, operation: string): void {
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(apiUrl))
    throw new MetawsmError(
      'INVALID_INPUT',
      `the GitHub API URL ${redactText(apiUrl)} must not contain credentials`,
      {
        hint: 'Remove user:password@ from METAWSM_GITHUB_API_URL (or the remote URL); the token is sent as a header.',
        data: { apiUrl: redactText(apiUrl), operation },
      },
    );
  let url: URL | null = null;
  try {
    url = new URL(apiUrl);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '')
    throw new MetawsmError(
      'GITHUB_API_URL_INVALID',
      `the GitHub API URL "${redactText(apiUrl)}" is not an http(s) URL`,
      {
        hint: 'Set METAWSM_GITHUB_API_URL to the API root, e.g. https://ghe.example.com/api/v3, or unset it.',
        data: { apiUrl: redactText(apiUrl), operation },
      },
    );
}

/**
 * How the adapter talks to GitHub: each port call runs within its retry budget with its
 * connection's client, every failure becomes a token-free MetawsmError, and lists are paged by
 * following `Link: rel="next"` with every page validated (never trusting a body's shape).
 */
export class OctokitCalls {
  readonly #clients: OctokitClients;
  readonly #pageSize: number;
  readonly #maxPages: number;
  readonly #budgetMs: number;

  constructor(options: OctokitGitHubAdapterOptions) {
    this.#clients = new OctokitClients(options);
    this.#pageSize = options.pageSize ?? 100;
    this.#maxPages = options.maxPages ?? 100;
    this.#budgetMs = options.retryBudgetMs ?? 60_000;
  }

  /** Run `fn` with the connection's client; anything thrown becomes a token-free MetawsmError. */
  async call<T>(
    conn: GitHubConnection,
    ctx: Omit<GitHubCallContext, 'token'>,
    fn: (gh: GitHubClient) => Promise<T>,
  ): Promise<T> {
    checkApiUrl(conn.apiUrl, ctx.operation);
    const token = conn.token.reveal();
    try {
      return await fn(this.#clients.forCall(conn.apiUrl, token, this.#budgetMs));
    } catch (err) {
      throw toGitHubError(err, { ...ctx, token });
    }
  }

  /** Every item of a paginated list, each validated; at most `limit` items when given. */
  async list<S extends v.GenericSchema>(
    gh: GitHubClient,
    route: string,
    params: Record<string, string | number>,
    schema: S,
    what: string,
    limit = Infinity,
  ): Promise<v.InferOutput<S>[]> {
    const out: v.InferOutput<S>[] = [];
    await this.pages(gh, route, params, what, (data) => {
      out.push(...parseGitHub(v.array(schema), data, what));
      return out.length < limit;
    });
    return out.slice(0, limit);
  }

  /**
   * Request `route` and then each `next` page, handing every page's body to `take` (which returns
   * false to stop); GITHUB_BAD_RESPONSE past `maxPages`.
   */
  async pages(
    gh: GitHubClient,
    route: string,
    params: Record<string, string | number>,
    what: string,
    take: (data: unknown) => boolean,
  ): Promise<void> {
    let page: Page = await gh.request(route, { ...params, per_page: this.#pageSize });
    for (let n = 1; ; n++) {
      if (!take(page.data)) return;
      const next = nextLink(page.headers.link);
      if (next === null) return;
      // The token goes with every request: never follow a link off the API.
      if (!next.startsWith(`${gh.request.endpoint.DEFAULTS.baseUrl}/`))
        throw new MetawsmError('GITHUB_BAD_RESPONSE', `GitHub's next page for a ${what} points off the API`, {
          hint: 'Check METAWSM_GITHUB_API_URL and any proxy in between; metawsm never sends the token elsewhere.',
          data: { response: what },
        });
      if (n >= this.#maxPages)
        throw new MetawsmError(
          'GITHUB_BAD_RESPONSE',
          `GitHub returned more than ${this.#maxPages} pages for a ${what}`,
          {
            hint: 'Raise maxPages if this list is really that long; otherwise the API is misbehaving.',
            data: { response: what, maxPages: this.#maxPages },
          },
        );
      page = await gh.request({ method: 'GET', url: next });
    }
  }
}
