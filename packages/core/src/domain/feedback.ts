/** Where a feedback item came from on GitHub. */
export type FeedbackSourceType = 'review_comment' | 'review';

/** Lifecycle of a feedback item: pending → dispatched → addressed, or ignored. */
export const FEEDBACK_STATUSES = ['pending', 'dispatched', 'addressed', 'ignored'] as const;
/** See {@link FEEDBACK_STATUSES}. */
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** A PR review comment or top-level review body brought back to the agent. */
export interface ReviewFeedbackItem {
  runId: string;
  ticket: string;
  repo: string;
  sourceType: FeedbackSourceType;
  /** GitHub id of the comment or review; with target and source type, the item's key. */
  githubId: number;
  prNumber: number;
  author: string;
  authorAssociation: string;
  body: string;
  /** Digest of `body`: a changed digest re-opens the item as pending. */
  bodyDigest: string;
  path: string | null;
  line: number | null;
  url: string | null;
  status: FeedbackStatus;
  dispatchId: string | null;
  dispatchedAt: string | null;
  addressedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
