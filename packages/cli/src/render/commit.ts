import type { CommitResult, TargetCommitResult } from '@metawsm/core';
import { PLAIN, outcome, type Style } from './color.js';
import { outputLines, paddedOutcome, short } from './text.js';

function detail(t: TargetCommitResult, style: Style): string[] {
  const lines: string[] = [];
  if (t.engine) lines.push(`    engine   ${t.engine}`);
  if (t.branch) lines.push(`    branch   ${t.branch}${t.updateKind ? ` (${t.updateKind})` : ''}`);
  lines.push(`    base     ${t.baseRef} @ ${short(t.baseSha)}`);
  if (t.commitSha)
    lines.push(
      `    commit   ${short(t.commitSha)}${t.parents.length ? ` (parent ${t.parents.map(short).join(', ')})` : ''}`,
    );
  if (t.commitSha && (t.outcome === 'committed' || t.outcome === 'unchanged'))
    lines.push(
      `    signed   ${t.signed ? `yes (${t.signingFormat ?? 'unknown'})` : 'no'}${t.dryRun && t.signed ? ' (the signer runs on the real commit)' : ''}`,
    );
  if (t.snapshotSha)
    lines.push(`    snapshot ${short(t.snapshotSha)}${t.dryRun ? '' : ` → ${t.snapshotRef ?? ''}`}`);
  if (t.files.length)
    lines.push(
      `    files    ${t.files.length} changed: ${t.files
        .slice(0, 6)
        .map((f) => f.path)
        .join(', ')}${t.files.length > 6 ? ', …' : ''}`,
    );
  for (const c of t.conflicts)
    lines.push(
      `    ${style.bad('conflict')} ${c.kind.padEnd(13)} ${c.path}${c.originalPath ? ` (from ${c.originalPath})` : ''}`,
    );
  for (const f of t.foreignCommits) lines.push(`    foreign  ${short(f.sha)} ${f.subject} (${f.author})`);
  for (const r of t.checks?.results ?? []) {
    lines.push(`    check    ${paddedOutcome(style, r.status, 7)} ${r.name}: ${r.summary}`);
    lines.push(...outputLines(r, 13));
  }
  if (t.switched) lines.push(`    switched the workspace to ${t.branch ?? ''}`);
  for (const w of t.warnings) lines.push(`    ${style.warn('warning')}  ${w}`);
  if (t.error)
    lines.push(
      `    ${style.bad('error')}    [${t.error.code}] ${t.error.message}${t.error.hint ? `\n    hint     ${t.error.hint}` : ''}`,
    );
  return lines;
}

const NEXT: Partial<Record<TargetCommitResult['outcome'], (runId: string) => string>> = {
  conflict: (id) =>
    `resolve the conflicting paths in the workspace (rebase it onto the base), then \`metawsm commit --run-id ${id}\``,
  foreign_commits: (id) =>
    `inspect the foreign commits; \`metawsm commit --run-id ${id} --force\` builds on top of them`,
  checks_failed: (id) => `fix the failing checks in the workspace, then \`metawsm commit --run-id ${id}\``,
};

/** Human rendering of `metawsm commit` (coloured by `style` on a terminal). */
export function renderCommit(r: CommitResult, style: Style = PLAIN): string {
  const out = [`${r.dryRun ? 'Dry run: nothing written. ' : ''}Run ${r.runId}:`];
  for (const w of r.warnings) out.push(`${style.warn('warning')}: ${w}`);
  for (const t of r.targets) {
    out.push(
      `  ${t.ticket}/${t.repo}: ${outcome(style, t.outcome)}${t.dryRun && t.outcome === 'committed' ? ' (would commit)' : ''}`,
    );
    out.push(...detail(t, style));
    const next = NEXT[t.outcome];
    if (next) out.push(`    next     ${next(r.runId)}`);
  }
  if (!r.dryRun && r.targets.some((t) => t.outcome === 'committed'))
    out.push(`Next: metawsm pr --run-id ${r.runId}`);
  return out.join('\n');
}
