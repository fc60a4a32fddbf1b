import type { FeedbackListEntry, ReviewSyncResult, TargetSyncResult } from '@metawsm/core';
import { PLAIN, outcome, type Style } from './color.js';
import { table } from './text.js';

function countsLine(t: TargetSyncResult): string {
  const c = t.counts;
  const parts = [`${c.new} new`];
  for (const [n, label] of [
    [c.reopened, 'reopened'],
    [c.updated, 'updated'],
    [c.ignored, 'ignored'],
    [c.addressed, 'addressed'],
    [c.deferred, 'deferred (max_items_per_sync)'],
    [c.resolvedSkipped, 'resolved, skipped'],
  ] as const)
    if (n > 0) parts.push(`${n} ${label}`);
  const filtered = Object.entries(t.filtered).map(([k, n]) => `${n} ${k}`);
  return `${parts.join(', ')}${filtered.length ? `; filtered: ${filtered.join(', ')}` : ''}`;
}

/** Human rendering of `metawsm review sync [--dispatch]` (coloured by `style` on a terminal). */
export function renderReviewSync(r: ReviewSyncResult, style: Style = PLAIN): string {
  const out = [`Run ${r.runId}${r.dispatch ? ` (now ${r.runStatus})` : ''}:`];
  for (const t of r.targets) {
    const pr = t.prNumber !== null ? ` PR #${t.prNumber} (${t.prState ?? '?'})` : '';
    out.push(
      `  ${t.ticket}/${t.repo}: ${outcome(style, t.outcome)}${pr}${t.outcome === 'synced' ? `: ${countsLine(t)}` : ''}`,
    );
    if (t.dispatch) {
      out.push(
        `    dispatch ${t.dispatch.dispatchId}: ${t.dispatch.items.length} item(s) → ${t.dispatch.markdownFile}`,
      );
      const cmd = t.dispatch.command;
      if (cmd)
        out.push(
          `    command  ${cmd.argv.join(' ')}: ${cmd.ok ? style.ok('ok') : `${style.bad('failed')} (exit ${cmd.exitCode ?? cmd.signal ?? '?'}${cmd.timedOut ? ', timed out' : ''})`}`,
        );
      if (cmd && !cmd.ok && cmd.outputTail)
        out.push(
          ...cmd.outputTail
            .trimEnd()
            .split('\n')
            .slice(-10)
            .map((l) => `      ${l}`),
        );
    }
    for (const w of t.warnings) out.push(`    ${style.warn('warning')}  ${w}`);
    if (t.error)
      out.push(
        `    ${style.bad('error')}    [${t.error.code}] ${t.error.message}${t.error.hint ? `\n    hint     ${t.error.hint}` : ''}`,
      );
  }
  return out.join('\n');
}

/** Human rendering of `metawsm review list`. */
export function renderFeedbackList(runId: string, items: FeedbackListEntry[]): string {
  if (items.length === 0) return `Run ${runId}: no feedback items.`;
  const rows = items.map((i) => [
    i.id,
    `${i.ticket}/${i.repo}`,
    i.sourceType,
    i.author,
    i.status === 'ignored' && i.ignoreReason ? `ignored (${i.ignoreReason})` : i.status,
    `${i.outdated ? '[outdated] ' : ''}${i.firstLine}`,
  ]);
  return table([['ID', 'TARGET', 'SOURCE', 'AUTHOR', 'STATUS', 'TEXT'], ...rows]);
}
