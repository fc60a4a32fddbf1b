import {
  feedbackItemId,
  parseFeedbackItemId,
  type FeedbackStatus,
  type ReviewFeedbackItem,
} from '../../domain/feedback.js';
import { oneLine } from '../../domain/review/fence.js';
import type { Target } from '../../domain/run.js';
import { MetawsmError } from '../../errors/metawsm-error.js';
import type { StorePort } from '../../ports/store.port.js';
import { selectTargets, type SelectionInput } from '../select.js';
import type { FeedbackListEntry } from './review-result.js';

const inTargets = (targets: readonly Target[]) => (i: ReviewFeedbackItem) =>
  targets.some((t) => t.ticket === i.ticket && t.repo === i.repo);

/** The list entry of an item: id, target, source, author, status and the first line of its text. */
export function listEntry(i: ReviewFeedbackItem): FeedbackListEntry {
  const first = i.body.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return {
    id: feedbackItemId(i),
    ticket: i.ticket,
    repo: i.repo,
    sourceType: i.sourceType,
    prNumber: i.prNumber,
    author: i.author,
    association: i.authorAssociation,
    status: i.status,
    ignoreReason: i.ignoreReason,
    dispatchId: i.dispatchId,
    path: i.path,
    line: i.line,
    outdated: i.outdated,
    url: i.url,
    replies: i.replies.length,
    firstLine: oneLine(first, 100),
  };
}

/** `metawsm review list [--status S]`: the selected run's items (of the selected targets). */
export async function reviewList(
  store: StorePort,
  input: { selection: SelectionInput; status?: FeedbackStatus[] | undefined },
): Promise<{ runId: string; items: FeedbackListEntry[] }> {
  const { run, targets } = await selectTargets(store, input.selection);
  const filter = input.status && input.status.length > 0 ? { status: input.status } : {};
  const items = (await store.listFeedback({ runId: run.id, ...filter })).filter(inTargets(targets));
  return { runId: run.id, items: items.map(listEntry) };
}

/** Resolve typed item ids against the run's items: FEEDBACK_NOT_FOUND or ambiguity is exit 2, before any change. */
export function resolveItems(
  items: readonly ReviewFeedbackItem[],
  ids: readonly string[],
  runId: string,
): ReviewFeedbackItem[] {
  const out = new Map<string, ReviewFeedbackItem>();
  for (const text of ids) {
    const ref = parseFeedbackItemId(text);
    const hits = items.filter(
      (i) => i.githubId === ref.githubId && (ref.sourceType === null || i.sourceType === ref.sourceType),
    );
    if (hits.length === 0)
      throw new MetawsmError('FEEDBACK_NOT_FOUND', `run ${runId} has no feedback item ${text}`, {
        hint: `List the items with \`metawsm review list --run-id ${runId}\`.`,
        data: { runId, item: text },
      });
    if (hits.length > 1)
      throw new MetawsmError('INVALID_INPUT', `feedback item ${text} is ambiguous`, {
        hint: `Say which: ${hits.map(feedbackItemId).join(', ')}.`,
        data: { item: text, matches: hits.map(feedbackItemId) },
      });
    out.set(feedbackItemId(hits[0]!), hits[0]!);
  }
  return [...out.values()];
}

/** Helper shared by list and ignore: the selection's run, targets and items. */
export async function selectedItems(store: StorePort, selection: SelectionInput) {
  const { run, targets } = await selectTargets(store, selection);
  const items = (await store.listFeedback({ runId: run.id })).filter(inTargets(targets));
  return { run, targets, items };
}
