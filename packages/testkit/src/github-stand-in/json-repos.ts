import type { components } from '@octokit/openapi-types';
import { stableId, userJson, type UrlBase } from './json-users.js';
import type { RepoState } from './state.js';
import type { StandInPermissions } from './types.js';

type Schemas = components['schemas'];

const EPOCH = '2020-01-01T00:00:00Z';

/** The `*_url` templates every repository shape carries, derived from the API URL. */
function repoUrls(api: string) {
  return {
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    hooks_url: `${api}/hooks`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
  };
}

/** GitHub's `minimal-repository` (as in combined statuses). */
export function minimalRepoJson(repo: RepoState, urls: UrlBase): Schemas['minimal-repository'] {
  return repoIdentity(repo, urls);
}

/** What every repository shape starts with: ids, names, owner and the API URLs. */
function repoIdentity(repo: RepoState, urls: UrlBase) {
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  return {
    id: repo.id,
    node_id: `R_kgDO${repo.id}`,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: userJson(repo.owner, urls),
    private: repo.private,
    html_url: `${urls.web}/${repo.owner}/${repo.name}`,
    description: null,
    fork: false,
    url: api,
    ...repoUrls(api),
  };
}

/** The fields of `repository` and `full-repository` (permissions aside). */
function repoFields(repo: RepoState, urls: UrlBase) {
  const host = new URL(urls.web).host;
  return {
    ...repoIdentity(repo, urls),
    git_url: `git://${host}/${repo.owner}/${repo.name}.git`,
    ssh_url: `git@${host}:${repo.owner}/${repo.name}.git`,
    clone_url: `${urls.web}/${repo.owner}/${repo.name}.git`,
    svn_url: `${urls.web}/${repo.owner}/${repo.name}`,
    mirror_url: null,
    homepage: null,
    language: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues: repo.pulls.filter((p) => p.state === 'open').length,
    open_issues_count: repo.pulls.filter((p) => p.state === 'open').length,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    pushed_at: EPOCH,
    created_at: EPOCH,
    updated_at: EPOCH,
    license: null,
    allow_forking: true,
    web_commit_signoff_required: false,
  };
}

/** GitHub's `repository` (as in a PR's head/base), with the caller's permissions when known. */
export function repoJson(
  repo: RepoState,
  urls: UrlBase,
  permissions: StandInPermissions | null,
): Schemas['repository'] {
  const json: Schemas['repository'] = repoFields(repo, urls);
  if (permissions)
    json.permissions = {
      admin: permissions.admin,
      maintain: permissions.admin,
      push: permissions.push,
      triage: permissions.push,
      pull: permissions.pull,
    };
  return json;
}

/** `GET /repos/{o}/{r}`: a `full-repository`. */
export function fullRepoJson(
  repo: RepoState,
  urls: UrlBase,
  permissions: StandInPermissions | null,
): Schemas['full-repository'] {
  const { has_downloads: _d, ...rest } = repoFields(repo, urls);
  const json: Schemas['full-repository'] = { ...rest, network_count: 0, subscribers_count: 0 };
  const perms = repoJson(repo, urls, permissions).permissions;
  if (perms) json.permissions = perms;
  return json;
}

/** GitHub's permission level and role name for a collaborator's permissions. */
export function permissionLevel(p: StandInPermissions | null): { permission: string; role_name: string } {
  if (!p) return { permission: 'none', role_name: '' };
  if (p.admin) return { permission: 'admin', role_name: 'admin' };
  if (p.push) return { permission: 'write', role_name: 'write' };
  return { permission: 'read', role_name: 'read' };
}

/** A commit object for a branch tip (`GET /branches/{b}`). */
export function commitJson(repo: RepoState, sha: string, urls: UrlBase): Schemas['commit'] {
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const who = { name: repo.owner, email: `${repo.owner}@users.noreply.example`, date: EPOCH };
  return {
    sha,
    node_id: `C_kwDO${stableId('commit', sha)}`,
    url: `${api}/commits/${sha}`,
    html_url: `${urls.web}/${repo.owner}/${repo.name}/commit/${sha}`,
    comments_url: `${api}/commits/${sha}/comments`,
    commit: {
      url: `${api}/git/commits/${sha}`,
      author: who,
      committer: who,
      message: 'commit',
      comment_count: 0,
      tree: { sha, url: `${api}/git/trees/${sha}` },
    },
    author: userJson(repo.owner, urls),
    committer: userJson(repo.owner, urls),
    parents: [],
  };
}
