import { statusReport } from '@metawsm/core';
import { BaseCommand, selectionFlags } from '../base-command.js';
import { short, table } from '../render/text.js';

/** `2 pending, 1 dispatched` (only non-zero statuses), or `-`. */
function feedbackCounts(f: Record<string, number>): string {
  const parts = Object.entries(f)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  return parts.length ? parts.join(', ') : '-';
}

export default class Status extends BaseCommand<typeof Status> {
  static override summary =
    'Show runs, their targets, branches, commits, PRs, feedback and the next command to run.';
  static override description = 'Without --run-id/--ticket, shows every run that is not closed.';
  static override examples = ['<%= config.bin %> status', '<%= config.bin %> status --ticket PROJ-12 --json'];
  static override flags = { ...selectionFlags };

  async run() {
    const ctx = await this.context();
    const report = await statusReport(
      await ctx.readStore(),
      { runId: this.flags['run-id'], ticket: this.flags.ticket },
      { git: ctx.ports.git },
    );
    const store = ctx.storeDescription();
    // Rendering a thousand runs as text costs time that --json output never shows.
    if (this.jsonEnabled()) return { home: ctx.paths.home, store, ...report };
    this.say(`home: ${ctx.paths.home}`);
    this.say(`store: ${store.kind} ${store.location}`);
    if (report.runs.length === 0) this.say('No open runs. Create one with `metawsm run create`.');
    for (const run of report.runs) {
      this.say(
        `\n${run.id}  ${run.status}${run.title ? `  "${run.title}"` : ''}  base ${run.baseBranch}${run.lock ? `  [locked by ${run.lock.operation}, pid ${run.lock.pid} on ${run.lock.host}]` : ''}`,
      );
      const rows = run.targets.map((t) => [
        `${t.ticket}/${t.repo}`,
        t.branch ?? '-',
        t.commitSha
          ? `${short(t.commitSha)}${t.signed ? ` signed (${t.signingFormat ?? 'unknown'})` : ''}`
          : '-',
        t.pushedSha && t.pushedSha === t.commitSha ? 'pushed' : t.commitSha ? 'unpushed' : '-',
        t.pr ? `#${t.pr.number} ${t.pr.state ?? ''}` : '-',
        feedbackCounts(t.feedback),
        t.lastError ? `${t.lastError.code}` : '',
        t.engine ?? '-',
        `→ ${t.next}`,
      ]);
      const style = this.style;
      // ERROR in red; NEXT stays plain (it is a command to copy).
      this.say(
        table(
          [['TARGET', 'BRANCH', 'COMMIT', 'PUSH', 'PR', 'FEEDBACK', 'ERROR', 'GIT', 'NEXT'], ...rows],
          (cell, row, col) => (row > 0 && col === 6 ? style.bad(cell) : cell),
        ),
      );
    }
    return { home: ctx.paths.home, store, ...report };
  }
}
