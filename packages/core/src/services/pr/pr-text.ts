import type { ChecksReport } from '../../domain/checks.js';
import { changeList, runSummary, truncateChars } from '../../domain/commit-message.js';
import type { FileChange, Oid } from '../../domain/git.js';
import type { SigningFormat } from '../../domain/signing.js';

/** The hidden marker identifying a metawsm PR: `<!-- metawsm:run=<run>;ticket=<ticket>;repo=<repo> -->`. */
export function prMarker(k: { runId: string; ticket: string; repo: string }): string {
  return `<!-- metawsm:run=${k.runId};ticket=${k.ticket};repo=${k.repo} -->`;
}

/** `[<ticket>] <summary>` (+ ` (<repo>)` when the run has several repos), or `--title`. */
export function prTitle(input: {
  override?: string | undefined;
  ticket: string;
  repo: string;
  run: { id: string; title: string | null };
  multiRepo: boolean;
}): string {
  const override = input.override?.trim();
  if (override) return truncateChars(override, 256);
  const base = `[${input.ticket}] ${runSummary(input.run, input.repo)}`;
  return truncateChars(input.multiRepo ? `${base} (${input.repo})` : base, 256);
}

const ICON = { passed: '✅', failed: '❌', skipped: '⏭️' } as const;

function checksSection(reports: (ChecksReport | null)[]): string[] {
  const rows = reports
    .filter((r): r is ChecksReport => r !== null)
    .flatMap((r) =>
      r.results.map(
        (c) => `- ${ICON[c.status]} \`${c.name}\` (${r.phase}): ${c.summary.replace(/\n/g, ' ')}`,
      ),
    );
  return ['### Checks', '', ...(rows.length > 0 ? rows : ['- none configured'])];
}

/** Inputs of {@link prBody}. */
export interface PrBodyInput {
  runId: string;
  runTitle: string | null;
  ticket: string;
  repo: string;
  baseBranch: string;
  baseSha: Oid | null;
  branch: string;
  headSha: Oid;
  /** The head commit's signature format (SPEC 4.1a); null or absent: unsigned, and the body says nothing. */
  signature?: SigningFormat | 'unknown' | null;
  checks: (ChecksReport | null)[];
  changes: readonly FileChange[];
}

/** Summary, run/ticket/repo, base and head shas, the checks report, changed files and the marker. */
export function prBody(input: PrBodyInput): string {
  const short = (s: string | null) => (s ? s.slice(0, 12) : 'unknown');
  return [
    runSummary({ id: input.runId, title: input.runTitle }, input.repo),
    '',
    '| | |',
    '|---|---|',
    `| Run | \`${input.runId}\` |`,
    `| Ticket | ${input.ticket} |`,
    `| Repo | ${input.repo} |`,
    `| Base | \`${input.baseBranch}\` @ \`${short(input.baseSha)}\` |`,
    `| Head | \`${input.branch}\` @ \`${short(input.headSha)}\` |`,
    ...(input.signature ? [`| Signing | Commits signed (${input.signature}) |`] : []),
    '',
    ...checksSection(input.checks),
    '',
    `### Changed files (${input.changes.length})`,
    '',
    '```',
    ...changeList(input.changes, 100),
    '```',
    '',
    '_Opened by metawsm from an agent workspace._',
    '',
    prMarker({ runId: input.runId, ticket: input.ticket, repo: input.repo }),
    '',
  ].join('\n');
}

/** Digest used to tell whether a PR body still is what metawsm wrote (line endings normalised). */
export function normalizeBody(body: string): string {
  return body.replace(/\r\n/g, '\n').trimEnd();
}
