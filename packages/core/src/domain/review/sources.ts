import type {
  IssueCommentInfo,
  ReviewCommentInfo,
  ReviewInfo,
  ReviewThreadInfo,
} from '../../ports/github-types.js';
import type { FeedbackReply } from '../feedback.js';
import { baseCandidate, type FeedbackCandidate } from './candidate.js';
import { tally, trustVerdict, type FilterCounts, type TrustRules } from './trust.js';

/** Thread state by root comment id (GraphQL); null when GraphQL did not answer. */
export type ThreadStates = ReadonlyMap<number, ReviewThreadInfo> | null;

/** Index GraphQL threads by their root comment (the first comment id). */
export function threadsByRoot(threads: readonly ReviewThreadInfo[]): Map<number, ReviewThreadInfo> {
  const byRoot = new Map<number, ReviewThreadInfo>();
  for (const t of threads) {
    const root = t.commentIds[0];
    if (root !== undefined) byRoot.set(root, t);
  }
  return byRoot;
}

const byTime =
  <T extends { id: number }>(at: (x: T) => string) =>
  (a: T, b: T) =>
    at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : a.id - b.id;

/** Group comments by thread root (`in_reply_to_id`, followed to the root), each thread oldest first. */
export function groupThreads(comments: readonly ReviewCommentInfo[]): Map<number, ReviewCommentInfo[]> {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const rootOf = (c: ReviewCommentInfo): number => {
    let cur = c;
    // GitHub points replies at the root already; the bound guards against a malformed cycle.
    for (let hops = 0; cur.inReplyToId !== null && hops < 64; hops++) {
      const parent = byId.get(cur.inReplyToId);
      if (!parent) return cur.inReplyToId;
      cur = parent;
    }
    return cur.id;
  };
  const threads = new Map<number, ReviewCommentInfo[]>();
  for (const c of comments) {
    const root = rootOf(c);
    const list = threads.get(root) ?? [];
    list.push(c);
    threads.set(root, list);
  }
  for (const list of threads.values()) list.sort(byTime((c) => c.createdAt));
  return threads;
}

function reply(c: ReviewCommentInfo): FeedbackReply {
  const { id, author, authorAssociation, body, url, createdAt } = c;
  return { githubId: id, author, authorAssociation, body, url, postedAt: createdAt };
}

/**
 * One candidate per review thread: keyed by the root's id; body from the first trusted comment,
 * the later trusted ones as replies in order. Untrusted comments never reach the agent, so a thread
 * with no trusted comment yields nothing.
 */
export function threadCandidates(
  comments: readonly ReviewCommentInfo[],
  states: ThreadStates,
  rules: TrustRules,
  filtered: FilterCounts,
): FeedbackCandidate[] {
  const out: FeedbackCandidate[] = [];
  for (const [rootId, thread] of groupThreads(comments)) {
    const trusted = thread.filter((c) => tally(filtered, trustVerdict(c, rules)));
    const [first, ...rest] = trusted;
    if (!first) continue;
    const root = thread.find((c) => c.id === rootId) ?? first;
    const state = states?.get(rootId);
    out.push(
      baseCandidate({
        sourceType: 'review_comment',
        githubId: rootId,
        author: first.author,
        authorAssociation: first.authorAssociation,
        body: first.body,
        postedAt: first.createdAt,
        path: root.path,
        line: root.line ?? root.originalLine,
        url: first.url,
        threadId: state?.id ?? null,
        replies: rest.map(reply),
        diffHunk: root.diffHunk,
        // Without GraphQL, a comment GitHub no longer places on a line is outdated.
        outdated: state ? state.isOutdated : root.line === null,
        resolved: state?.isResolved ?? false,
      }),
    );
  }
  return out;
}

/** Top-level review bodies: submitted (not pending), non-empty, trusted. */
export function reviewCandidates(
  reviews: readonly ReviewInfo[],
  rules: TrustRules,
  filtered: FilterCounts,
): FeedbackCandidate[] {
  return reviews
    .filter((r) => r.state !== 'PENDING' && r.submittedAt !== null)
    .filter((r) => tally(filtered, trustVerdict(r, rules)))
    .map((r) =>
      baseCandidate({
        sourceType: 'review',
        githubId: r.id,
        author: r.author,
        authorAssociation: r.authorAssociation,
        body: r.body,
        postedAt: r.submittedAt ?? '',
        url: r.url,
      }),
    );
}

/** PR conversation comments that pass the trust filter. */
export function conversationCandidates(
  comments: readonly IssueCommentInfo[],
  rules: TrustRules,
  filtered: FilterCounts,
): FeedbackCandidate[] {
  return comments
    .filter((c) => tally(filtered, trustVerdict(c, rules)))
    .map((c) =>
      baseCandidate({
        sourceType: 'conversation',
        githubId: c.id,
        author: c.author,
        authorAssociation: c.authorAssociation,
        body: c.body,
        postedAt: c.createdAt,
        url: c.url,
      }),
    );
}
