import { MetawsmError } from '../errors/metawsm-error.js';

/** Where a target's remote lives, derived from its URL. */
export interface RemoteLocation {
  /** The URL as configured, with credentials removed. */
  displayUrl: string;
  /** The URL metawsm fetches from and pushes to (ssh rewritten to https), without credentials. */
  httpUrl: string;
  protocol: 'https' | 'http' | 'ssh';
  /** Host, with port when not the default. */
  host: string;
  owner: string;
  repo: string;
  /** REST API base: api.github.com for github.com, `https://<host>/api/v3` otherwise. */
  apiUrl: string;
}

const SCP_LIKE = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/;

function unsupported(url: string, why: string): MetawsmError {
  return new MetawsmError(
    'REMOTE_URL_UNSUPPORTED',
    `remote URL "${redactUrl(url)}" is not supported: ${why}`,
    {
      hint: 'Use an https (or ssh) GitHub URL such as https://github.com/OWNER/REPO.git: `git remote set-url origin <url>`.',
      data: { url: redactUrl(url) },
    },
  );
}

function ownerRepo(path: string, url: string): { owner: string; repo: string } {
  const parts = path
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/, '')
    .split('/');
  const repo = parts.pop();
  const owner = parts.pop();
  if (!owner || !repo) throw unsupported(url, 'it does not end in OWNER/REPO');
  const ok = /^[A-Za-z0-9._-]+$/;
  if (!ok.test(owner) || !ok.test(repo) || repo === '.' || repo === '..')
    throw unsupported(url, 'OWNER/REPO contain characters GitHub does not allow');
  return { owner, repo };
}

/** API base URL for a GitHub host (`override` wins, e.g. from METAWSM_GITHUB_API_URL). */
export function apiUrlForHost(host: string, protocol: 'http' | 'https', override?: string): string {
  if (override) return override.replace(/\/+$/, '');
  if (host === 'github.com' || host === 'www.github.com') return 'https://api.github.com';
  return `${protocol}://${host}/api/v3`;
}

/**
 * Parse a remote URL (https, http, `ssh://`, or scp-like `git@host:owner/repo.git`). Local paths and
 * `file://` are rejected: metawsm talks to remotes over http(s) only.
 */
export function parseRemoteUrl(raw: string, apiOverride?: string): RemoteLocation {
  const url = raw.trim();
  if (/^(https?|ssh|git\+ssh):\/\//i.test(url)) {
    let u: URL;
    try {
      u = new URL(url.replace(/^git\+ssh:/i, 'ssh:'));
    } catch {
      throw unsupported(url, 'it is not a valid URL');
    }
    const scheme = u.protocol.replace(':', '').toLowerCase();
    const protocol = scheme === 'http' ? 'http' : scheme === 'https' ? 'https' : 'ssh';
    // ssh ports are not https ports: pushing over https goes to the default port.
    const host = protocol === 'ssh' ? u.hostname.toLowerCase() : u.host.toLowerCase();
    if (!host) throw unsupported(url, 'it has no host');
    const { owner, repo } = ownerRepo(decodeURIComponent(u.pathname), url);
    const webProtocol = protocol === 'http' ? 'http' : 'https';
    const httpUrl = `${webProtocol}://${host}${protocol === 'ssh' ? `/${owner}/${repo}.git` : u.pathname}`;
    return {
      displayUrl: redactUrl(url),
      httpUrl,
      protocol,
      host,
      owner,
      repo,
      apiUrl: apiUrlForHost(host, webProtocol, apiOverride),
    };
  }
  const scp = SCP_LIKE.exec(url);
  if (scp && !url.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(url)) {
    const host = (scp[1] ?? '').toLowerCase();
    const { owner, repo } = ownerRepo(scp[2] ?? '', url);
    return {
      displayUrl: url,
      httpUrl: `https://${host}/${owner}/${repo}.git`,
      protocol: 'ssh',
      host,
      owner,
      repo,
      apiUrl: apiUrlForHost(host, 'https', apiOverride),
    };
  }
  throw unsupported(
    url,
    'local paths and file:// remotes cannot be pushed to GitHub (metawsm speaks http(s); ssh URLs are rewritten to https)',
  );
}

/** Remove credentials from a URL (`https://user:token@host` → `https://host`). Non-URLs pass through. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@/i, '$1');
}

/**
 * The repository of a pull request from its web URL (`https://<host>/<owner>/<repo>/pull/<n>`, as
 * GitHub reports it): the PR's number is only meaningful there, whatever the workspace's remote
 * says today. Null when `prUrl` is not such a URL.
 */
export function locatePullRequest(prUrl: string, apiOverride?: string): RemoteLocation | null {
  const m = /^(https?:\/\/[^/\s]+)\/([^/\s]+)\/([^/\s]+)\/pull\/\d+\/?$/i.exec(prUrl.trim());
  if (!m) return null;
  try {
    return parseRemoteUrl(`${m[1]}/${m[2]}/${m[3]}.git`, apiOverride);
  } catch {
    return null;
  }
}
