import type { components } from '@octokit/openapi-types';
import { fakeSha } from './state.js';

type Schemas = components['schemas'];

/** Where the response's URLs point: the API base the client used, and the web root. */
export interface UrlBase {
  /** e.g. `http://127.0.0.1:4711` or `http://127.0.0.1:4711/api/v3`. */
  api: string;
  web: string;
}

/** GitHub's `simple-user`. */
export type UserJson = Schemas['simple-user'];

/** A stable numeric id for a login (or any name). */
export function stableId(...parts: string[]): number {
  return Number.parseInt(fakeSha(...parts.map((p) => p.toLowerCase())).slice(0, 8), 16) % 2_000_000_000;
}

/** A `simple-user` for a login; logins like `ci-bot[bot]` are URL-encoded in URLs, as on GitHub. */
export function userJson(login: string, urls: UrlBase, type = 'User'): UserJson {
  const id = stableId('user', login);
  const api = `${urls.api}/users/${encodeURIComponent(login)}`;
  const app = /^(.+)\[bot\]$/.exec(login)?.[1];
  return {
    login,
    id,
    node_id: `${type === 'Bot' ? 'BOT' : 'U'}_kgDO${id}`,
    avatar_url: `${urls.web}/avatars/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: app
      ? `${urls.web}/apps/${encodeURIComponent(app)}`
      : `${urls.web}/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

const EPOCH = '2020-01-01T00:00:00Z';

/** `GET /user`: the caller as a `private-user`. */
export function privateUserJson(login: string, urls: UrlBase): Schemas['private-user'] {
  return {
    ...userJson(login, urls),
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: EPOCH,
    updated_at: EPOCH,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'pro', space: 976562499, collaborators: 0, private_repos: 9999 },
  };
}
