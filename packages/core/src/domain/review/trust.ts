import type { GitHubAuthored } from '../../ports/github-types.js';

/** Why a comment was left out (the trust filter: docs/review-feedback.md), or `trusted`. */
export type TrustVerdict = 'trusted' | 'empty' | 'actor' | 'ignored_author' | 'bot' | 'untrusted';

/** The filter's inputs: policy `review_feedback` keys plus who metawsm acts as. */
export interface TrustRules {
  ignoreAuthors: readonly string[];
  trustedAssociations: readonly string[];
  includeBots: boolean;
  /** Logins (and the `--actor` name) metawsm acts as: its own comments are never feedback. */
  actors: readonly string[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A GitHub App or bot account: GitHub's type `Bot`, or a `…[bot]` login. */
export function isBot(a: Pick<GitHubAuthored, 'author' | 'authorType'>): boolean {
  return a.authorType === 'Bot' || /\[bot\]$/i.test(a.author);
}

/**
 * The trust filter for every source but `check`: body non-empty; not the actor; author not in
 * `ignore_authors`; not a bot unless `include_bots`; `author_association` in `trusted_associations`.
 */
export function trustVerdict(c: GitHubAuthored & { body: string }, rules: TrustRules): TrustVerdict {
  if (c.body.trim() === '') return 'empty';
  if (rules.actors.some((a) => same(a, c.author))) return 'actor';
  if (rules.ignoreAuthors.some((a) => same(a, c.author))) return 'ignored_author';
  if (isBot(c) && !rules.includeBots) return 'bot';
  if (!rules.trustedAssociations.includes(c.authorAssociation.toUpperCase())) return 'untrusted';
  return 'trusted';
}

/** Counts of filtered comments by reason, for the sync report. */
export type FilterCounts = Partial<Record<Exclude<TrustVerdict, 'trusted'>, number>>;

/** Add one verdict to `counts` (trusted ones are not counted); returns whether it was trusted. */
export function tally(counts: FilterCounts, verdict: TrustVerdict): boolean {
  if (verdict === 'trusted') return true;
  counts[verdict] = (counts[verdict] ?? 0) + 1;
  return false;
}
