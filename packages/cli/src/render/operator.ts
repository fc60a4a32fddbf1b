import type { OperatorTickReport } from '@metawsm/core';
import { PLAIN, type Style } from './color.js';

/** Human rendering of one operator tick: each run's intents with their commands, and what `auto` did (coloured by `style`). */
export function renderOperatorTick(r: OperatorTickReport, style: Style = PLAIN): string {
  const out = [`tick ${r.tick} at ${r.at}${r.dryRun ? ' (dry run: nothing executed)' : ''}`];
  if (r.runs.length === 0) out.push('  no open runs');
  for (const run of r.runs) {
    out.push(`  ${run.runId} (${run.status})${run.actions.length === 0 ? ': nothing to do' : ''}`);
    for (const a of run.actions) {
      const targets = a.targets.map((t) => `${t.ticket}/${t.repo}`).join(', ');
      out.push(`    ${a.kind.padEnd(15)} ${targets}: ${a.mode === 'auto' ? 'auto' : 'run'}  ${a.command}`);
    }
    const e = run.executed;
    if (e) {
      const what =
        e.outcome === 'skipped_locked'
          ? style.warn('skipped: another command holds the run lock')
          : e.outcome === 'failed'
            ? `${style.bad('failed')} [${e.error?.code ?? '?'}] ${e.error?.message ?? ''}`
            : `${e.exitCode === 0 ? style.ok('done') : style.bad('done')} (exit ${e.exitCode})`;
      out.push(`    executed  ${e.command}: ${what}`);
    }
    for (const p of run.problems)
      out.push(`    ${style.warn('warning')}  ${p.ticket}/${p.repo}: ${p.problem}`);
  }
  return out.join('\n');
}
