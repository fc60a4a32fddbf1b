import type { GitHubPort } from '../ports/github.port.js';
import {
  fakeSha,
  sameLogin,
  splitHead,
  type FakeGitHubRepo,
  type FakePullRequest,
} from './fake-github-state.js';
import { githubError, type FakeGitHubWorld } from './fake-github-world.js';

type CreateRequest = Parameters<GitHubPort['createPullRequest']>[1];
type NewPull = Pick<FakePullRequest, 'headOwner' | 'headRef' | 'headSha' | 'baseRef'>;

/**
 * GitHub's checks on `POST /pulls`, in the stand-in's order: required fields, head and base
 * branches exist, head differs from base, no open PR with the same head and base.
 */
export function checkNewPull(world: FakeGitHubWorld, repo: FakeGitHubRepo, req: CreateRequest): NewPull {
  const op = 'createPullRequest';
  const invalid = (field: string, code = 'invalid'): Error =>
    githubError('GITHUB_VALIDATION', `GitHub refused the pull request (${field} ${code})`, op, {
      status: 422,
      errors: [{ resource: 'PullRequest', field, code }],
    });
  if (!req.title || !req.head || !req.base)
    throw invalid(!req.title ? 'title' : !req.head ? 'head' : 'base', 'missing_field');
  const [headOwner, headRef] = splitHead(req.head, repo.owner);
  const headTip = world.branchExists(headOwner, repo.repo, headRef);
  if (headTip === false) throw invalid('head');
  if (world.branchExists(repo.owner, repo.repo, req.base) === false) throw invalid('base');
  if (sameLogin(headOwner, repo.owner) && headRef === req.base) throw invalid('head', 'custom');
  const open = (p: FakePullRequest) => p.state === 'open' && sameLogin(p.headOwner, headOwner);
  if (repo.pulls.some((p) => open(p) && p.headRef === headRef && p.baseRef === req.base))
    throw githubError(
      'PR_ALREADY_EXISTS',
      `a pull request for ${req.head} into ${req.base} already exists`,
      op,
      {
        status: 422,
        head: req.head,
        base: req.base,
      },
    );
  const headSha = typeof headTip === 'string' ? headTip : fakeSha(headOwner, repo.repo, headRef);
  return { headOwner, headRef, headSha, baseRef: req.base };
}

/** GitHub's checks on requested reviewers: not the author, only collaborators. */
export function checkReviewers(repo: FakeGitHubRepo, pr: FakePullRequest, reviewers: string[]): void {
  const op = 'requestReviewers';
  if (reviewers.some((r) => sameLogin(r, pr.user)))
    throw githubError('GITHUB_VALIDATION', 'review cannot be requested from the pull request author', op, {
      status: 422,
    });
  if (reviewers.some((r) => !repo.permissions.has(r.toLowerCase())))
    throw githubError('GITHUB_VALIDATION', 'reviews may only be requested from collaborators', op, {
      status: 422,
    });
}
