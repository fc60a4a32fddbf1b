import type { PrResult } from '@metawsm/core';
import { PLAIN, outcome, type Style } from './color.js';
import { outputLines, short } from './text.js';

/** Human rendering of `metawsm pr` (coloured by `style` on a terminal). */
export function renderPr(r: PrResult, style: Style = PLAIN): string {
  const out = [`${r.dryRun ? 'Dry run: no remote writes. ' : ''}Run ${r.runId}:`];
  for (const w of r.warnings) out.push(`${style.warn('warning')}: ${w}`);
  for (const t of r.targets) {
    const pr = t.number !== null ? ` PR #${t.number} (${t.state ?? '?'}) ${t.url ?? ''}` : '';
    out.push(`  ${t.ticket}/${t.repo}: ${outcome(style, t.outcome)}${pr}`);
    if (t.branch)
      out.push(
        `    branch   ${t.branch} @ ${short(t.commitSha)}${t.commitSha !== null && t.pushedSha === t.commitSha ? ' (pushed)' : ''}`,
      );
    if (t.actions.length)
      out.push(
        `    ${(t.dryRun ? 'would' : 'did').padEnd(8)} ${t.actions.join(', ')}${t.packBytes ? ` (${t.packBytes} bytes pushed)` : ''}`,
      );
    if (t.actor) out.push(`    actor    ${t.actor} (${t.actorSource ?? '?'})`);
    for (const c of t.checks?.results.filter((x) => x.status === 'failed') ?? []) {
      out.push(`    check    ${style.bad('failed')} ${c.name}: ${c.summary}`);
      out.push(...outputLines(c, 13));
    }
    for (const w of t.warnings) out.push(`    ${style.warn('warning')}  ${w}`);
    if (t.error)
      out.push(
        `    ${style.bad('error')}    [${t.error.code}] ${t.error.message}${t.error.hint ? `\n    hint     ${t.error.hint}` : ''}`,
      );
  }
  return out.join('\n');
}
