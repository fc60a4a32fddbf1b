import type { components } from '@octokit/openapi-types';
import { minimalRepoJson } from './json-repos.js';
import { stableId, userJson, type UrlBase } from './json-users.js';
import type { RepoState } from './state.js';
import { combinedState } from './state-feedback.js';
import type { StandInAnnotation, StandInCheckRun, StandInStatus } from './types.js';

type Schemas = components['schemas'];

const APP_CREATED = '2020-01-01T00:00:00Z';

/** The GitHub App every stand-in check run comes from. */
function appJson(urls: UrlBase): NonNullable<Schemas['check-run']['app']> {
  return {
    id: 15368,
    slug: 'github-actions',
    node_id: 'MDM6QXBwMTUzNjg=',
    owner: userJson('github', urls, 'Organization'),
    name: 'GitHub Actions',
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: `${urls.web}/apps/github-actions`,
    created_at: APP_CREATED,
    updated_at: APP_CREATED,
    permissions: { checks: 'write', metadata: 'read' },
    events: ['check_run'],
  };
}

/** A check run. */
export function checkRunJson(repo: RepoState, c: StandInCheckRun, urls: UrlBase): Schemas['check-run'] {
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}/check-runs/${c.id}`;
  const html = `${urls.web}/${repo.owner}/${repo.name}/runs/${c.id}`;
  return {
    id: c.id,
    head_sha: c.headSha,
    node_id: `CR_kwDO${c.id}`,
    external_id: String(c.id),
    url: api,
    html_url: html,
    details_url: c.detailsUrl ?? html,
    status: c.status as Schemas['check-run']['status'],
    conclusion: c.conclusion as Schemas['check-run']['conclusion'],
    started_at: c.startedAt,
    completed_at: c.completedAt,
    output: {
      title: c.title,
      summary: c.summary,
      text: null,
      annotations_count: c.annotations.length,
      annotations_url: `${api}/annotations`,
    },
    name: c.name,
    check_suite: { id: stableId('suite', repo.name, c.headSha) },
    app: appJson(urls),
    pull_requests: [],
  };
}

/** One annotation of a check run. */
export function annotationJson(
  repo: RepoState,
  c: StandInCheckRun,
  a: StandInAnnotation,
  urls: UrlBase,
): Schemas['check-annotation'] {
  return {
    path: a.path,
    blob_href: `${urls.web}/${repo.owner}/${repo.name}/blob/${c.headSha}/${a.path}`,
    start_line: a.startLine,
    end_line: a.endLine,
    start_column: null,
    end_column: null,
    annotation_level: a.level,
    title: a.title,
    message: a.message,
    raw_details: null,
  };
}

/** A commit status (`GET …/statuses`). */
export function statusJson(repo: RepoState, s: StandInStatus, urls: UrlBase): Schemas['status'] {
  const creator = userJson(s.creator, urls);
  return {
    url: `${urls.api}/repos/${repo.owner}/${repo.name}/statuses/${s.sha}`,
    avatar_url: creator.avatar_url,
    id: s.id,
    node_id: `SC_kwDO${s.id}`,
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    creator,
  };
}

/** `GET …/commits/{ref}/status`: the latest status per context (one page of them) and the overall state. */
export function combinedStatusJson(
  repo: RepoState,
  sha: string,
  latest: StandInStatus[],
  page: StandInStatus[],
  urls: UrlBase,
): Schemas['combined-commit-status'] {
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  return {
    state: combinedState(latest),
    statuses: page.map((s) => {
      const { creator: _c, ...simple } = statusJson(repo, s, urls);
      return { ...simple, required: false };
    }),
    sha,
    total_count: latest.length,
    repository: minimalRepoJson(repo, urls),
    commit_url: `${api}/commits/${sha}`,
    url: `${api}/commits/${sha}/status`,
  };
}
