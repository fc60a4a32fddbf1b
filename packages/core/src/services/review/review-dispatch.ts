import { feedbackItemId, isOpenFeedback, type ReviewFeedbackItem } from '../../domain/feedback.js';
import { redactText } from '../../domain/redact.js';
import {
  feedbackFilePaths,
  itemMarker,
  markersIn,
  renderDispatchMarkdown,
  renderFeedbackJson,
} from '../../domain/review/feedback-files.js';
import type { Run, Target } from '../../domain/run.js';
import type { LoadedPolicy } from '../../policy/parse.js';
import type { Journal } from '../journal.js';
import type { ReviewDeps } from './review-connect.js';
import type { TargetDispatchResult } from './review-result.js';

/** How long `dispatch_command` may run before it is killed. */
export const DISPATCH_COMMAND_TIMEOUT_MS = 10 * 60 * 1000;
const OUTPUT_TAIL = 2000;

/** What one target's dispatch works with. */
export interface DispatchContext {
  deps: ReviewDeps;
  run: Run;
  target: Target;
  policy: LoadedPolicy;
  journal: Journal;
  prUrl: string | null;
}

const PREAMBLE = (t: Target, runId: string) =>
  `# Review feedback for ${t.ticket} / ${t.repo} (metawsm run ${runId})\n\n` +
  'Each dispatch appends a section below. `review-feedback.json` next to this file lists every item not yet addressed.\n';

/**
 * Write the pending items to the target's own `.metawsm/` files (docs/review-feedback.md): append each item to the
 * markdown once per version of its text (markers outside fenced text tell what is already there,
 * so a crash between the file and the store never duplicates), rewrite the JSON with every open
 * item, then mark the items dispatched.
 */
async function writeFiles(
  c: DispatchContext,
  dispatched: ReviewFeedbackItem[],
  open: ReviewFeedbackItem[],
  at: string,
) {
  const { files } = c.deps;
  const paths = feedbackFilePaths(c.target.path);
  const current = (await files.readText(paths.markdown)) ?? '';
  const present = markersIn(current);
  const fresh = dispatched.filter((i) => !present.has(itemMarker(i)));
  if (fresh.length > 0) {
    const section = renderDispatchMarkdown({ id: dispatched[0]!.dispatchId!, at, prUrl: c.prUrl }, fresh);
    await files.appendText(paths.markdown, `${current === '' ? PREAMBLE(c.target, c.run.id) : ''}${section}`);
  }
  const key = { runId: c.run.id, ticket: c.target.ticket, repo: c.target.repo, prUrl: c.prUrl };
  await files.writeTextAtomic(paths.json, renderFeedbackJson(key, open, at));
  return paths;
}

/** Dispatch a target's pending items; null when it has none. */
export async function dispatchTarget(c: DispatchContext): Promise<TargetDispatchResult | null> {
  const { store, clock, ids } = c.deps;
  const scope = { ticket: c.target.ticket, repo: c.target.repo };
  const all = await store.listFeedback({ runId: c.run.id, ...scope });
  const pending = all.filter((i) => i.status === 'pending');
  if (pending.length === 0) return null;
  const dispatchId = `dsp-${ids.randomHex(6)}`;
  const at = new Date(clock.nowMs()).toISOString();
  const dispatched = pending.map((i) => ({
    ...i,
    status: 'dispatched' as const,
    dispatchId,
    dispatchedAt: at,
    updatedAt: at,
  }));
  const byId = new Map(dispatched.map((i) => [feedbackItemId(i), i]));
  const open = all.filter(isOpenFeedback).map((i) => byId.get(feedbackItemId(i)) ?? i);
  const itemIds = dispatched.map(feedbackItemId);
  const paths = await c.journal.step('review.dispatch', scope, { dispatchId, items: itemIds }, async () => {
    const written = await writeFiles(c, dispatched, open, at);
    await store.putFeedback(dispatched);
    return written;
  });
  const command = await runDispatchCommand(c, dispatchId, paths);
  return { dispatchId, items: itemIds, markdownFile: paths.markdown, jsonFile: paths.json, command };
}

/** `dispatch_command` (argv, no shell) in the workspace, with the METAWSM_* variables and no token. */
async function runDispatchCommand(
  c: DispatchContext,
  dispatchId: string,
  paths: { markdown: string; json: string },
): Promise<TargetDispatchResult['command']> {
  const argv = c.policy.policy.git_pr.review_feedback.dispatch_command;
  if (!argv) return null;
  const scope = { ticket: c.target.ticket, repo: c.target.repo };
  await c.journal.write('review.dispatch_command', 'intent', scope, { dispatchId, program: argv[0] });
  const r = await c.deps.process.run({
    argv,
    cwd: c.target.path,
    timeoutMs: DISPATCH_COMMAND_TIMEOUT_MS,
    env: {
      METAWSM_RUN_ID: c.run.id,
      METAWSM_TICKET: c.target.ticket,
      METAWSM_REPO: c.target.repo,
      METAWSM_DISPATCH_ID: dispatchId,
      METAWSM_FEEDBACK_FILE: paths.markdown,
      METAWSM_FEEDBACK_JSON: paths.json,
    },
  });
  const ok = r.exitCode === 0 && !r.timedOut && r.spawnError === null;
  const output = redactText(`${r.stdout}${r.stderr}${r.spawnError ? `\n${r.spawnError}` : ''}`);
  const outputTail = output.length > OUTPUT_TAIL ? `…${output.slice(-OUTPUT_TAIL)}` : output;
  const result = { argv, exitCode: r.exitCode, signal: r.signal, timedOut: r.timedOut, outputTail, ok };
  await c.journal.write('review.dispatch_command', ok ? 'done' : 'failed', scope, {
    dispatchId,
    program: argv[0],
    exitCode: r.exitCode,
    signal: r.signal,
    timedOut: r.timedOut,
    outputTail,
  });
  return result;
}
