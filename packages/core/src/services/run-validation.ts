import { renderBranchName, snapshotRefName, utf8Length } from '../domain/refs.js';
import { INPUT_LIMITS, type Target } from '../domain/run.js';
import { MetawsmError } from '../errors/metawsm-error.js';

/** The `run create` inputs that have a length limit (see {@link INPUT_LIMITS}). */
export interface LimitedRunInput {
  tickets: readonly string[];
  repos: readonly string[];
  runId?: string | undefined;
  title?: string | undefined;
}

function tooLong(field: string, value: string, length: number, limit: number, unit: string): MetawsmError {
  const shown = value.length > 40 ? `${Array.from(value).slice(0, 40).join('')}…` : value;
  return new MetawsmError(
    'INVALID_INPUT',
    `${field} "${shown}" is ${length} ${unit} long; the limit is ${limit} ${unit}`,
    {
      hint: `Use a ${field} of at most ${limit} ${unit}: metawsm builds branch and ref names from it.`,
      data: { field, limit, unit, length },
    },
  );
}

/** INVALID_INPUT (exit 2, naming the limit) when a ticket, repo name, run id or title is too long. */
export function assertInputLengths(input: LimitedRunInput): void {
  for (const ticket of input.tickets) {
    const bytes = utf8Length(ticket);
    if (bytes > INPUT_LIMITS.ticketBytes)
      throw tooLong('ticket', ticket, bytes, INPUT_LIMITS.ticketBytes, 'bytes');
  }
  for (const repo of input.repos) {
    if (repo.length > INPUT_LIMITS.repoNameChars)
      throw tooLong('repo name', repo, repo.length, INPUT_LIMITS.repoNameChars, 'characters');
  }
  const { runId, title } = input;
  if (runId !== undefined && runId.length > INPUT_LIMITS.runIdChars)
    throw tooLong('run id', runId, runId.length, INPUT_LIMITS.runIdChars, 'characters');
  const titleChars = title === undefined ? 0 : Array.from(title.trim()).length;
  if (title !== undefined && titleChars > INPUT_LIMITS.titleChars)
    throw tooLong('title', title, titleChars, INPUT_LIMITS.titleChars, 'characters');
}

/**
 * DUPLICATE_TARGET (exit 2, naming both) when two targets would share a PR branch or a snapshot
 * ref once their names are normalised (e.g. tickets "PROJ 1" and "proj-1"): one branch per target.
 * Also fails with INVALID_REF when the branch template yields no valid ref, before anything is stored.
 */
export function assertDistinctRefs(targets: readonly Target[], template: string, runId: string): void {
  const owners = new Map<string, Target>();
  for (const t of targets) {
    const values = { ticket: t.ticket, repo: t.repo, run: runId };
    for (const [kind, ref] of [
      ['branch', renderBranchName(template, values)],
      ['snapshot ref', snapshotRefName(values)],
    ] as const) {
      const other = owners.get(`${kind}\u0000${ref}`);
      if (other !== undefined) throw sharedRef(kind, ref, other, t);
      owners.set(`${kind}\u0000${ref}`, t);
    }
  }
}

function sharedRef(kind: string, ref: string, a: Target, b: Target): MetawsmError {
  const label = (t: Target) => `"${t.ticket}" / "${t.repo}"`;
  return new MetawsmError(
    'DUPLICATE_TARGET',
    `targets ${label(a)} and ${label(b)} would share the ${kind} ${ref}`,
    {
      hint: 'Ticket and repo names are lowercased and punctuation becomes "-" in ref names: make them differ after that, or split them into two runs.',
      data: {
        [kind === 'branch' ? 'branch' : 'snapshotRef']: ref,
        targets: [a, b].map((t) => ({ ticket: t.ticket, repo: t.repo })),
      },
    },
  );
}
