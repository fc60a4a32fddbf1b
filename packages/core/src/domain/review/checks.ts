import type { CheckAnnotationInfo, CheckRunInfo, CombinedStatusInfo } from '../../ports/github-types.js';
import { baseCandidate, type FeedbackCandidate } from './candidate.js';

/** Check-run conclusions that make a `check` item (docs/review-feedback.md). */
export const FAILING_CONCLUSIONS = ['failure', 'timed_out', 'action_required', 'cancelled'] as const;
/** Commit-status states that make a `check` item. */
export const FAILING_STATUS_STATES = ['failure', 'error'] as const;
/** At most this many annotations per check item. */
export const MAX_ANNOTATIONS = 50;
const SUMMARY_BYTES = 4096;

/** A failing check run on the head sha. */
export function isFailingRun(r: CheckRunInfo): boolean {
  return (
    r.status === 'completed' && (FAILING_CONCLUSIONS as readonly (string | null)[]).includes(r.conclusion)
  );
}

/** Cut text to at most `bytes` UTF-8 bytes, on a character boundary, marking the cut. */
export function capBytes(text: string, bytes: number): string {
  const enc = new TextEncoder();
  if (enc.encode(text).length <= bytes) return text;
  let out = '';
  let size = 0;
  for (const ch of text) {
    const n = enc.encode(ch).length;
    if (size + n > bytes - 3) break;
    out += ch;
    size += n;
  }
  return `${out}…`;
}

/** name, conclusion, output title/summary (≤ 4 KB) and details URL, then up to 50 annotations. */
export function checkRunBody(r: CheckRunInfo, annotations: readonly CheckAnnotationInfo[]): string {
  const output = [r.title, r.summary].filter((s): s is string => !!s && s.trim() !== '').join('\n\n');
  const lines = [`Check "${r.name}" concluded ${r.conclusion ?? 'unknown'} on ${r.headSha}.`];
  if (output) lines.push('', capBytes(output, SUMMARY_BYTES));
  if (r.detailsUrl ?? r.url) lines.push('', `Details: ${r.detailsUrl ?? r.url}`);
  const shown = annotations.slice(0, MAX_ANNOTATIONS);
  if (shown.length > 0) {
    lines.push('', 'Annotations:');
    for (const a of shown) {
      const where = a.endLine !== a.startLine ? `${a.startLine}-${a.endLine}` : `${a.startLine}`;
      lines.push(`- ${a.path}:${where}: ${a.title ? `${a.title}: ` : ''}${a.message}`);
    }
    if (r.annotationsCount > shown.length) lines.push(`- … ${r.annotationsCount - shown.length} more`);
  }
  return lines.join('\n');
}

/** A failing check run as a candidate (its own id; the sync matches existing items by name + sha). */
export function checkRunCandidate(
  r: CheckRunInfo,
  annotations: readonly CheckAnnotationInfo[],
): FeedbackCandidate {
  return baseCandidate({
    sourceType: 'check',
    githubId: r.id,
    author: r.name,
    authorAssociation: 'CI',
    body: checkRunBody(r, annotations),
    postedAt: r.completedAt ?? r.startedAt ?? '',
    url: r.detailsUrl ?? r.url,
    checkName: r.name,
    checkSha: r.headSha,
  });
}

/** Failing commit statuses (`failure`/`error`) as candidates. */
export function statusCandidates(combined: CombinedStatusInfo): FeedbackCandidate[] {
  return combined.statuses
    .filter((s) => (FAILING_STATUS_STATES as readonly string[]).includes(s.state))
    .map((s) => {
      const lines = [`Status "${s.context}" is ${s.state} on ${combined.sha}.`];
      if (s.description) lines.push('', capBytes(s.description, SUMMARY_BYTES));
      if (s.targetUrl) lines.push('', `Details: ${s.targetUrl}`);
      return baseCandidate({
        sourceType: 'check',
        githubId: s.id,
        author: s.context,
        authorAssociation: 'CI',
        body: lines.join('\n'),
        postedAt: s.updatedAt,
        url: s.targetUrl,
        checkName: s.context,
        checkSha: combined.sha,
      });
    });
}

/** Names of checks and status contexts that pass on a sha (success, neutral, skipped). */
export function passingCheckNames(
  runs: readonly CheckRunInfo[],
  combined: CombinedStatusInfo | null,
): Set<string> {
  const names = new Set<string>();
  for (const r of runs)
    if (r.status === 'completed' && ['success', 'neutral', 'skipped'].includes(r.conclusion ?? ''))
      names.add(r.name);
  for (const s of combined?.statuses ?? []) if (s.state === 'success') names.add(s.context);
  return names;
}
