import { feedbackItemId, type ReviewFeedbackItem } from '../../domain/feedback.js';
import { Journal } from '../journal.js';
import { withRunLock } from '../run-lock.js';
import type { SelectionInput } from '../select.js';
import type { ReviewDeps } from './review-connect.js';
import { resolveItems, selectedItems } from './review-list.js';

/** What `review ignore` did with one item. */
export interface IgnoreOutcome {
  id: string;
  ticket: string;
  repo: string;
  /** `ignored` now, or left as it was (already ignored or addressed). */
  outcome: 'ignored' | 'already_ignored' | 'already_addressed';
  reason: string | null;
}

/** Reason stored when `review ignore` is given none. */
export const DEFAULT_IGNORE_REASON = 'ignored by the operator';

/**
 * `metawsm review ignore ITEM... [--reason TEXT]` (docs/review-feedback.md), under the run lock: pending and
 * dispatched items become `ignored` with the reason; unknown ids fail before anything changes.
 */
export async function reviewIgnore(
  deps: Pick<ReviewDeps, 'store' | 'clock' | 'ids' | 'process'>,
  input: {
    selection: SelectionInput;
    items: string[];
    reason?: string | undefined;
    actor?: string | undefined;
  },
): Promise<{ runId: string; items: IgnoreOutcome[] }> {
  const { run, items } = await selectedItems(deps.store, input.selection);
  const chosen = resolveItems(items, input.items, run.id);
  const reason = input.reason?.trim() || DEFAULT_IGNORE_REASON;
  const journal = new Journal(deps, {
    runId: run.id,
    operationId: deps.ids.randomHex(),
    actor: input.actor ?? null,
  });
  return withRunLock(deps, { runId: run.id, operation: 'review ignore' }, async () => {
    const at = new Date(deps.clock.nowMs()).toISOString();
    const outcomes: IgnoreOutcome[] = [];
    const changed: { from: string; item: ReviewFeedbackItem }[] = [];
    for (const item of chosen) {
      // Read again under the lock: a sync may have changed it since.
      const current = (await deps.store.getFeedback(item)) ?? item;
      const base = { id: feedbackItemId(current), ticket: current.ticket, repo: current.repo };
      if (current.status === 'ignored' || current.status === 'addressed') {
        outcomes.push({ ...base, outcome: `already_${current.status}`, reason: current.ignoreReason });
        continue;
      }
      changed.push({
        from: current.status,
        item: { ...current, status: 'ignored', ignoreReason: reason, updatedAt: at },
      });
      outcomes.push({ ...base, outcome: 'ignored', reason });
    }
    await deps.store.putFeedback(changed.map((c) => c.item));
    for (const { from, item } of changed)
      await journal.info('review.ignore', item, { item: feedbackItemId(item), from, to: 'ignored', reason });
    return { runId: run.id, items: outcomes };
  });
}
