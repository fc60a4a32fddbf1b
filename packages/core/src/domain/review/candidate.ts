import { sha256Hex } from '../digest.js';
import type { FeedbackReply, FeedbackSourceType } from '../feedback.js';

/**
 * One item as GitHub shows it now, already filtered for trust and grouped into threads: what a
 * sync compares with the stored items. Key (with the target): `sourceType` + `githubId`.
 */
export interface FeedbackCandidate {
  sourceType: FeedbackSourceType;
  /** GitHub id of the item's root. */
  githubId: number;
  author: string;
  authorAssociation: string;
  body: string;
  path: string | null;
  line: number | null;
  url: string | null;
  threadId: string | null;
  replies: FeedbackReply[];
  diffHunk: string | null;
  outdated: boolean;
  /** The review thread is resolved on GitHub: not ingested, and a pending item becomes ignored. */
  resolved: boolean;
  checkName: string | null;
  checkSha: string | null;
  /** When it was posted on GitHub (ISO-8601), for oldest-first ordering. */
  postedAt: string;
}

/** The digest that tells an edit: body plus every reply (a new reply in a thread re-opens it too). */
export function feedbackDigest(c: Pick<FeedbackCandidate, 'body' | 'replies'>): string {
  return sha256Hex(JSON.stringify([c.body, c.replies.map((r) => [r.githubId, r.body])]));
}

/** A candidate with every optional field empty (builders for the source-specific mappers). */
export function baseCandidate(
  c: Pick<
    FeedbackCandidate,
    'sourceType' | 'githubId' | 'author' | 'authorAssociation' | 'body' | 'postedAt'
  > &
    Partial<FeedbackCandidate>,
): FeedbackCandidate {
  return {
    path: null,
    line: null,
    url: null,
    threadId: null,
    replies: [],
    diffHunk: null,
    outdated: false,
    resolved: false,
    checkName: null,
    checkSha: null,
    ...c,
  };
}
