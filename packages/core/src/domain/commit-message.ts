import type { FileChange } from './git.js';

/** Cut `text` to at most `max` characters (code points, never bytes, never half a surrogate pair). */
export function truncateChars(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** The summary line of a run's commits and PRs: the run title, else `update <repo> for <run>`. */
export function runSummary(run: { id: string; title: string | null }, repo: string): string {
  const title = run.title?.trim();
  return title ? title : `update ${repo} for ${run.id}`;
}

const STATUS_LETTER = { added: 'A', modified: 'M', deleted: 'D' } as const;
const MAX_LISTED_FILES = 200;

/** `3 files changed: 1 added, 1 modified, 1 deleted`. */
export function changeStats(changes: readonly FileChange[]): string {
  const count = (s: FileChange['status']) => changes.filter((c) => c.status === s).length;
  const n = changes.length;
  return `${n} file${n === 1 ? '' : 's'} changed: ${count('added')} added, ${count('modified')} modified, ${count('deleted')} deleted`;
}

/** One line per changed file (`A  path`), capped. */
export function changeList(changes: readonly FileChange[], max = MAX_LISTED_FILES): string[] {
  const lines = changes.slice(0, max).map((c) => `${STATUS_LETTER[c.status]}  ${c.path}`);
  if (changes.length > max) lines.push(`… and ${changes.length - max} more`);
  return lines;
}

/** Inputs of {@link buildCommitMessage}. */
export interface CommitMessageInput {
  runId: string;
  runTitle: string | null;
  ticket: string;
  repo: string;
  changes: readonly FileChange[];
  /** `--message`: replaces the subject (and body when it has one); trailers are still added. */
  override?: string | undefined;
}

/**
 * The default message: `[<ticket>] <summary>` truncated to 72 characters, a body with the changed-file
 * stats, and `Metawsm-Run` / `Metawsm-Ticket` trailers.
 */
export function buildCommitMessage(input: CommitMessageInput): string {
  const trailers = `Metawsm-Run: ${input.runId}\nMetawsm-Ticket: ${input.ticket}`;
  const override = input.override?.trim();
  if (override) return `${override}\n\n${trailers}\n`;
  const subject = truncateChars(
    `[${input.ticket}] ${runSummary({ id: input.runId, title: input.runTitle }, input.repo)}`,
    72,
  );
  const body = [changeStats(input.changes), '', ...changeList(input.changes)].join('\n');
  return `${subject}\n\n${body}\n\n${trailers}\n`;
}
