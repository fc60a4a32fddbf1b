import { API_URL_VARIABLE, apiUrlOverride } from '../../domain/api-url.js';
import type { PullRequestRecord } from '../../domain/pull-request.js';
import { locatePullRequest } from '../../domain/remote-url.js';
import type { Target } from '../../domain/run.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import type { GitHubRepo, GitHubUser } from '../../ports/github.port.js';
import type { Ports } from '../../ports/index.js';
import { authMissing, resolveToken } from '../credentials.js';
import { locateRemote } from '../remote.js';

/** Ports the review use cases need. */
export type ReviewDeps = Pick<Ports, 'git' | 'github' | 'store' | 'clock' | 'ids' | 'process' | 'files'>;

/** Per-invocation cache of `currentUser` by API URL (one call per host, shared by targets). */
export type UserCache = Map<string, Promise<GitHubUser>>;

/**
 * The target's GitHub repository with the token the policy's credential mode picks. The
 * repository is the one the PR was opened in (from its recorded URL: no git call, and right even
 * if the workspace's remote changed since); the workspace's remote is read only for a record
 * without a usable URL.
 */
export async function connectTarget(
  deps: ReviewDeps,
  policy: LoadedPolicy,
  target: Target,
  record: Pick<PullRequestRecord, 'prUrl'>,
): Promise<GitHubRepo> {
  const override = apiUrlOverride(deps.process.env(API_URL_VARIABLE));
  const location =
    (record.prUrl === null ? null : locatePullRequest(record.prUrl, override)) ??
    (await locateRemote(deps, await deps.git.openWorkspace(target.path), target));
  const mode = policy.policy.git_pr.credential_mode;
  const token = await resolveToken(deps, { mode, host: location.host, cwd: target.path });
  if (!token) throw authMissing(mode, location.host);
  return { apiUrl: location.apiUrl, token: token.token, owner: location.owner, repo: location.repo };
}

/**
 * Who metawsm acts as on GitHub, whose own comments are never feedback: the `--actor` name, and
 * the GitHub login that `pr` recorded, else the token's user (asked once per API host).
 */
export async function actorLogins(
  deps: ReviewDeps,
  gh: GitHubRepo,
  record: PullRequestRecord,
  input: { actor?: string | undefined; users: UserCache },
): Promise<string[]> {
  const logins = input.actor ? [input.actor] : [];
  if (record.actorSource === 'github' && record.actor) return [...logins, record.actor];
  let user = input.users.get(gh.apiUrl);
  if (!user) {
    user = deps.github.currentUser(gh);
    input.users.set(gh.apiUrl, user);
  }
  return [...logins, (await user).login];
}
