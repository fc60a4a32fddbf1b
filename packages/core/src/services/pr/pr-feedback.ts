import { feedbackItemId, type ReviewFeedbackItem } from '../../domain/feedback.js';
import type { ReviewCommentInfo } from '../../ports/github.port.js';
import type { PrContext } from './pr-target.js';

/** The hidden marker of metawsm's "Addressed in" reply in a review thread (one per thread and dispatch). */
export function addressedMarker(item: Pick<ReviewFeedbackItem, 'githubId' | 'dispatchId'>): string {
  return `<!-- metawsm:addressed thread=${item.githubId};dispatch=${item.dispatchId ?? 'none'} -->`;
}

/** The reply posted in an addressed thread. */
export function addressedReply(
  item: Pick<ReviewFeedbackItem, 'githubId' | 'dispatchId'>,
  sha: string,
): string {
  return `Addressed in ${sha}.\n\n${addressedMarker(item)}`;
}

/**
 * Feedback dispatched before the pushed commit was made is addressed by pushing it (docs/review-feedback.md). With
 * `reply_on_address`, each addressed review thread is owed one reply (posted by {@link postOwedReplies}).
 */
export async function markAddressed(c: PrContext): Promise<void> {
  const committedAt = c.record.committedAt;
  if (!committedAt) return;
  const scope = { ticket: c.target.ticket, repo: c.target.repo };
  const items = await c.deps.store.listFeedback({ runId: c.run.id, ...scope, status: ['dispatched'] });
  const at = new Date(c.deps.clock.nowMs()).toISOString();
  const reply = c.policy.policy.git_pr.review_feedback.reply_on_address;
  const addressed = items
    .filter((i) => i.dispatchedAt !== null && i.dispatchedAt < committedAt)
    .map((i) => ({
      ...i,
      status: 'addressed' as const,
      addressedAt: at,
      replyState: reply && i.sourceType === 'review_comment' ? ('owed' as const) : i.replyState,
      updatedAt: at,
    }));
  if (addressed.length === 0) return;
  await c.deps.store.putFeedback(addressed);
  await c.journal.info('review.addressed', scope, {
    sha: c.record.lastPushedSha,
    items: addressed.map(feedbackItemId),
  });
}

function findMarked(
  comments: readonly ReviewCommentInfo[],
  item: ReviewFeedbackItem,
): ReviewCommentInfo | undefined {
  const marker = addressedMarker(item);
  return comments.find(
    (x) => (x.id === item.githubId || x.inReplyToId === item.githubId) && x.body.includes(marker),
  );
}

/**
 * Post the replies owed to addressed threads: exactly one per thread and dispatch. The thread is
 * read first, so a reply posted by a run that was killed before recording it is found (by its
 * marker) and recorded instead of posted again.
 */
export async function postOwedReplies(c: PrContext): Promise<void> {
  if (c.options.dryRun || c.gh === null || c.record.prNumber === null || c.record.lastPushedSha === null)
    return;
  const scope = { ticket: c.target.ticket, repo: c.target.repo };
  const owed = (await c.deps.store.listFeedback({ runId: c.run.id, ...scope, status: ['addressed'] })).filter(
    (i) => i.replyState === 'owed',
  );
  if (owed.length === 0) return;
  const gh = c.gh;
  const num = c.record.prNumber;
  const sha = c.record.lastPushedSha;
  const comments = await c.deps.github.listReviewComments(gh, num);
  for (const item of owed) {
    const posted =
      findMarked(comments, item) ??
      (await c.journal.step(
        'pr.reply',
        scope,
        { item: feedbackItemId(item), number: num },
        () => c.deps.github.replyToReviewComment(gh, num, item.githubId, addressedReply(item, sha)),
        (r) => ({ replyId: r.id }),
      ));
    const at = new Date(c.deps.clock.nowMs()).toISOString();
    await c.deps.store.putFeedback([{ ...item, replyState: 'posted', replyId: posted.id, updatedAt: at }]);
    c.result.actions.push('reply');
  }
}
