import type { PullRequestInfo } from '../ports/github-types.js';

/** Why a PR found by head branch is not ours to adopt. */
export type AdoptionRejection = 'other_branch' | 'other_owner' | 'foreign_marker';

/** What to do with the PRs a head-branch lookup returned. */
export type AdoptionDecision =
  | { kind: 'adopt'; pr: PullRequestInfo; rejected: { number: number; reason: AdoptionRejection }[] }
  | { kind: 'create'; rejected: { number: number; reason: AdoptionRejection }[] };

const ANY_MARKER = /<!--\s*metawsm:/;

/** Why `pr` is not ours, or null when it is: same branch, head in our owner's repository, no other metawsm marker. */
function rejectionOf(
  pr: PullRequestInfo,
  expected: { branch: string; owner: string; marker: string },
): AdoptionRejection | null {
  if (pr.headRef !== expected.branch) return 'other_branch';
  // A deleted head repository (null) is a gone fork: not our branch either.
  if (pr.headRepoOwner === null || pr.headRepoOwner.toLowerCase() !== expected.owner.toLowerCase())
    return 'other_owner';
  if (ANY_MARKER.test(pr.body) && !pr.body.includes(expected.marker)) return 'foreign_marker';
  return null;
}

/**
 * Decide whether to adopt one of the PRs a lookup by head branch returned (issue 10
 * item 1). Never trust the lookup's filter: a proxy or an API that ignores `head` can hand back
 * someone else's PR. A PR is ours only when its head ref is our branch, its head repository
 * belongs to our owner, and it carries no metawsm marker other than ours. Among ours, an open or
 * draft PR wins, else the first (newest) one; none → create.
 */
export function decideAdoption(
  found: PullRequestInfo[],
  expected: { branch: string; owner: string; marker: string },
): AdoptionDecision {
  const rejected: { number: number; reason: AdoptionRejection }[] = [];
  const ours: PullRequestInfo[] = [];
  for (const pr of found) {
    const reason = rejectionOf(pr, expected);
    if (reason === null) ours.push(pr);
    else rejected.push({ number: pr.number, reason });
  }
  const pick = ours.find((p) => p.state === 'open' || p.state === 'draft') ?? ours[0];
  return pick ? { kind: 'adopt', pr: pick, rejected } : { kind: 'create', rejected };
}
