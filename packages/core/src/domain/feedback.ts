import { MetawsmError } from '../errors/metawsm-error.js';

/** Where a feedback item came from on GitHub (docs/review-feedback.md). */
export const FEEDBACK_SOURCE_TYPES = ['review_comment', 'review', 'conversation', 'check'] as const;
/** See {@link FEEDBACK_SOURCE_TYPES}. */
export type FeedbackSourceType = (typeof FEEDBACK_SOURCE_TYPES)[number];

/** Lifecycle of a feedback item: pending → dispatched → addressed, or ignored. */
export const FEEDBACK_STATUSES = ['pending', 'dispatched', 'addressed', 'ignored'] as const;
/** See {@link FEEDBACK_STATUSES}. */
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/**
 * Why metawsm itself ignored an item: its thread was resolved, its PR closed or merged, or (for a
 * check) a newer head sha failed the same check again. `review ignore --reason` stores free text.
 */
export const SYSTEM_IGNORE_REASONS = ['resolved', 'pr_closed', 'superseded'] as const;

/** Whether a "Addressed in <sha>" reply is owed to, or was posted in, an item's review thread. */
export type FeedbackReplyState = 'none' | 'owed' | 'posted';

/** A reply in a review thread, kept in order under its root's item. */
export interface FeedbackReply {
  githubId: number;
  author: string;
  authorAssociation: string;
  body: string;
  url: string | null;
  /** When it was posted on GitHub. */
  postedAt: string;
}

/**
 * A review thread, top-level review body, conversation comment or failing check brought back to
 * the agent. Review text is untrusted input: it is stored and handed on, never interpreted.
 */
export interface ReviewFeedbackItem {
  runId: string;
  ticket: string;
  repo: string;
  sourceType: FeedbackSourceType;
  /** GitHub id of the item's root (thread root comment, review, comment, first failing check run or status). */
  githubId: number;
  prNumber: number;
  author: string;
  authorAssociation: string;
  body: string;
  /** Digest of `body` and the replies: a changed digest re-opens the item as pending. */
  bodyDigest: string;
  path: string | null;
  line: number | null;
  url: string | null;
  /** GraphQL node id of the review thread; null for other sources or when GraphQL did not answer. */
  threadId: string | null;
  /** The thread's later comments, oldest first (review comments only). */
  replies: FeedbackReply[];
  /** The diff context GitHub shows above an inline comment. */
  diffHunk: string | null;
  /** The code the thread is on changed since it was written. */
  outdated: boolean;
  /** Check run name or status context (checks only). */
  checkName: string | null;
  /** Head sha the check failed on (checks only). */
  checkSha: string | null;
  /** When the item was posted on GitHub (orders `max_items_per_sync`: oldest first). */
  postedAt: string | null;
  status: FeedbackStatus;
  /** Set when `ignored`: one of {@link SYSTEM_IGNORE_REASONS} or the operator's text. */
  ignoreReason: string | null;
  dispatchId: string | null;
  dispatchedAt: string | null;
  addressedAt: string | null;
  replyState: FeedbackReplyState;
  /** The reply metawsm posted in the thread on address, if any. */
  replyId: number | null;
  createdAt: string;
  updatedAt: string;
}

/** The id an operator types (`review ignore review_comment:123`): source type and root GitHub id. */
export function feedbackItemId(item: Pick<ReviewFeedbackItem, 'sourceType' | 'githubId'>): string {
  return `${item.sourceType}:${item.githubId}`;
}

/** A parsed item id: a bare number matches that GitHub id in any source type. */
export interface FeedbackItemRef {
  sourceType: FeedbackSourceType | null;
  githubId: number;
}

/** Parse `SOURCE:ID` or `ID`; INVALID_INPUT otherwise. */
export function parseFeedbackItemId(text: string): FeedbackItemRef {
  const m = /^(?:([a-z_]+):)?(\d{1,15})$/.exec(text.trim());
  const source = m?.[1];
  if (!m || (source !== undefined && !(FEEDBACK_SOURCE_TYPES as readonly string[]).includes(source))) {
    throw new MetawsmError('INVALID_INPUT', `"${text}" is not a feedback item id`, {
      hint: `Use the ids \`metawsm review list\` prints, e.g. review_comment:1234 (sources: ${FEEDBACK_SOURCE_TYPES.join(', ')}).`,
      data: { item: text },
    });
  }
  return { sourceType: (source as FeedbackSourceType | undefined) ?? null, githubId: Number(m[2]) };
}

/** Items not yet addressed or ignored: what the agent still has to work on. */
export function isOpenFeedback(item: Pick<ReviewFeedbackItem, 'status'>): boolean {
  return item.status === 'pending' || item.status === 'dispatched';
}

/** Counts per status, every status present. */
export function countFeedback(
  items: readonly Pick<ReviewFeedbackItem, 'status'>[],
): Record<FeedbackStatus, number> {
  const counts: Record<FeedbackStatus, number> = { pending: 0, dispatched: 0, addressed: 0, ignored: 0 };
  for (const i of items) counts[i.status]++;
  return counts;
}
