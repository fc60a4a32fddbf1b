import type { FeedbackStatus, ReviewFeedbackItem } from '../feedback.js';
import { feedbackItemId, isOpenFeedback } from '../feedback.js';
import type { TargetKey } from '../run.js';
import { feedbackDigest, type FeedbackCandidate } from './candidate.js';

/** Why an item changed status in a sync. */
export type SyncReason =
  'new' | 'edited' | 'resolved' | 'unresolved' | 'pr_closed' | 'check_passed' | 'superseded';

/** One status change a sync decided (journalled). */
export interface FeedbackDecision {
  item: string;
  from: FeedbackStatus | null;
  to: FeedbackStatus;
  reason: SyncReason;
}

/** What a sync knows about one target's PR now. */
export interface TargetSyncInput {
  key: TargetKey;
  prNumber: number;
  nowIso: string;
  /** Every stored item of the target. */
  existing: readonly ReviewFeedbackItem[];
  headSha: string;
  /** Everything GitHub shows now (trusted, grouped); null when the PR is closed or merged. */
  candidates: readonly FeedbackCandidate[] | null;
  /** Checks and status contexts that pass on the head sha. */
  passingChecks: ReadonlySet<string>;
}

/** A target's sync decision, before the `max_items_per_sync` cap admits new items. */
export interface TargetSyncPlan {
  /** Stored items that change (status or content). */
  updates: ReviewFeedbackItem[];
  /** Items not stored yet; the cap decides which are created now. */
  fresh: FeedbackCandidate[];
  decisions: FeedbackDecision[];
  /** Resolved threads that were never ingested. */
  resolvedSkipped: number;
}

const keyOf = (c: Pick<FeedbackCandidate, 'sourceType' | 'githubId'>) => feedbackItemId(c);
const checkKey = (name: string | null, sha: string | null) => JSON.stringify([name, sha]);

/** A status change with its decision; clears what no longer holds in the new status. */
function move(
  item: ReviewFeedbackItem,
  to: FeedbackStatus,
  reason: SyncReason,
  now: string,
  out: TargetSyncPlan,
  ignoreReason: string | null = null,
): ReviewFeedbackItem {
  out.decisions.push({ item: feedbackItemId(item), from: item.status, to, reason });
  const reopened = to === 'pending';
  return {
    ...item,
    status: to,
    ignoreReason: to === 'ignored' ? ignoreReason : null,
    addressedAt: to === 'addressed' ? now : reopened ? null : item.addressedAt,
    dispatchId: reopened ? null : item.dispatchId,
    dispatchedAt: reopened ? null : item.dispatchedAt,
    replyState: reopened ? 'none' : item.replyState,
    replyId: reopened ? null : item.replyId,
    updatedAt: now,
  };
}

/** The candidate's content (whose digest is `digest`) on a stored item (same key). */
function withContent(
  item: ReviewFeedbackItem,
  c: FeedbackCandidate,
  digest: string,
  now: string,
): ReviewFeedbackItem {
  const { resolved: _r, postedAt: _p, githubId: _g, sourceType: _s, ...content } = c;
  return { ...item, ...content, bodyDigest: digest, updatedAt: now };
}

/** The stored item's body and replies (ids and bodies: what the digest covers) are the candidate's. */
function sameText(item: ReviewFeedbackItem, c: FeedbackCandidate): boolean {
  if (item.body !== c.body || item.replies.length !== c.replies.length) return false;
  return c.replies.every(
    (r, i) => r.githubId === item.replies[i]!.githubId && r.body === item.replies[i]!.body,
  );
}

/** Same body and replies (already compared by digest) and the same place in the diff. */
function samePlace(item: ReviewFeedbackItem, c: FeedbackCandidate): boolean {
  return (
    item.outdated === c.outdated &&
    item.threadId === c.threadId &&
    item.line === c.line &&
    item.path === c.path
  );
}

/** One candidate against its stored item (or none). */
function decideOne(
  c: FeedbackCandidate,
  item: ReviewFeedbackItem | undefined,
  now: string,
  out: TargetSyncPlan,
): ReviewFeedbackItem | null {
  if (c.resolved) {
    if (!item) out.resolvedSkipped++;
    return item?.status === 'pending' ? move(item, 'ignored', 'resolved', now, out, 'resolved') : null;
  }
  if (!item) {
    out.fresh.push(c);
    return null;
  }
  // A closed PR's items stay closed; a reopened PR is a new run's business.
  if (item.status === 'ignored' && item.ignoreReason === 'pr_closed') return null;
  // An idle sync compares thousands of candidates: equal text needs no digest (the stored digest
  // is of the stored text); otherwise one digest decides, as it always did.
  const digest = sameText(item, c) ? item.bodyDigest : feedbackDigest(c);
  if (item.bodyDigest !== digest) {
    const updated = withContent(item, c, digest, now);
    return item.status === 'pending' ? updated : move(updated, 'pending', 'edited', now, out);
  }
  if (item.status === 'ignored' && item.ignoreReason === 'resolved')
    return move(withContent(item, c, digest, now), 'pending', 'unresolved', now, out);
  return samePlace(item, c) ? null : withContent(item, c, digest, now);
}

/** Check items on older shas: addressed when the check now passes, superseded when it fails again. */
function decideOldChecks(input: TargetSyncInput, failingNow: Set<string>, now: string, out: TargetSyncPlan) {
  const changed: ReviewFeedbackItem[] = [];
  for (const item of input.existing) {
    if (item.sourceType !== 'check' || item.checkSha === input.headSha || item.checkName === null) continue;
    if (isOpenFeedback(item) && input.passingChecks.has(item.checkName))
      changed.push(move(item, 'addressed', 'check_passed', now, out));
    else if (item.status === 'pending' && failingNow.has(item.checkName))
      changed.push(move(item, 'ignored', 'superseded', now, out, 'superseded'));
  }
  return changed;
}

/**
 * The sync decision for one target (docs/review-feedback.md), pure: new items (to be capped), edits re-opening
 * items as pending, resolved threads (not ingested; pending → ignored), outdated flags, checks
 * passing on a newer head sha (→ addressed), and a closed or merged PR (open items → ignored).
 */
export function planTargetSync(input: TargetSyncInput): TargetSyncPlan {
  const now = input.nowIso;
  const out: TargetSyncPlan = { updates: [], fresh: [], decisions: [], resolvedSkipped: 0 };
  if (input.candidates === null) {
    for (const item of input.existing)
      if (isOpenFeedback(item)) out.updates.push(move(item, 'ignored', 'pr_closed', now, out, 'pr_closed'));
    return out;
  }
  const byKey = new Map(input.existing.map((i) => [keyOf(i), i]));
  const checks = new Map(
    input.existing.filter((i) => i.sourceType === 'check').map((i) => [checkKey(i.checkName, i.checkSha), i]),
  );
  const seen = new Set<string>();
  for (const c of input.candidates) {
    const item =
      c.sourceType === 'check' ? checks.get(checkKey(c.checkName, c.checkSha)) : byKey.get(keyOf(c));
    const key = item ? keyOf(item) : keyOf(c);
    if (seen.has(key)) continue;
    seen.add(key);
    const updated = decideOne(c, item, now, out);
    if (updated) out.updates.push(updated);
  }
  const failingNow = new Set(
    input.candidates.filter((c) => c.sourceType === 'check').map((c) => c.checkName ?? ''),
  );
  out.updates.push(...decideOldChecks(input, failingNow, now, out));
  return out;
}

/** A fresh candidate as a new pending item of a target. */
export function newFeedbackItem(
  c: FeedbackCandidate,
  target: { key: TargetKey; prNumber: number },
  now: string,
): ReviewFeedbackItem {
  const { resolved: _r, ...rest } = c;
  return {
    ...target.key,
    ...rest,
    prNumber: target.prNumber,
    bodyDigest: feedbackDigest(c),
    status: 'pending',
    ignoreReason: null,
    dispatchId: null,
    dispatchedAt: null,
    addressedAt: null,
    replyState: 'none',
    replyId: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * `max_items_per_sync` (docs/review-feedback.md): of every target's fresh candidates, the `cap` oldest (posted
 * time, then id) are admitted now; the rest are deferred to the next sync.
 */
export function admitOldestFirst<T>(
  fresh: readonly { owner: T; candidate: FeedbackCandidate }[],
  cap: number,
): {
  admitted: { owner: T; candidate: FeedbackCandidate }[];
  deferred: { owner: T; candidate: FeedbackCandidate }[];
} {
  const sorted = [...fresh].sort((a, b) => {
    const x = a.candidate;
    const y = b.candidate;
    return x.postedAt < y.postedAt ? -1 : x.postedAt > y.postedAt ? 1 : x.githubId - y.githubId;
  });
  return { admitted: sorted.slice(0, cap), deferred: sorted.slice(cap) };
}
