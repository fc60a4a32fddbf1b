import type { Run, Target } from '../domain/run.js';
import { MetawsmError } from '../errors/metawsm-error.js';
import type { StorePort } from '../ports/store.port.js';
import { runNotFound } from './runs.js';

/** How a command picked its run and targets. */
export interface Selection {
  run: Run;
  targets: Target[];
}

/** `--run-id` / `--ticket` / `--repo` as given on the command line. */
export interface SelectionInput {
  runId?: string | undefined;
  ticket?: string | undefined;
  repos?: readonly string[] | undefined;
}

async function pickRun(store: StorePort, input: SelectionInput): Promise<Run> {
  if (input.runId) {
    const run = await store.getRun(input.runId);
    if (!run) throw runNotFound(input.runId);
    return run;
  }
  if (input.ticket) {
    const [latest] = await store.listRuns({ ticket: input.ticket });
    if (!latest) {
      throw new MetawsmError('TICKET_NOT_FOUND', `no run has ticket "${input.ticket}"`, {
        hint: 'List runs with `metawsm run list`, or create one with `metawsm run create`.',
        data: { ticket: input.ticket },
      });
    }
    return latest;
  }
  const open = (await store.listRuns()).filter((r) => r.status !== 'closed');
  if (open.length === 1 && open[0]) return open[0];
  throw new MetawsmError(
    'USAGE',
    open.length === 0 ? 'there is no open run' : `${open.length} open runs: say which one`,
    {
      hint:
        open.length === 0
          ? 'Create one with `metawsm run create`.'
          : `Pass --run-id (one of ${open
              .map((r) => r.id)
              .slice(0, 5)
              .join(', ')}) or --ticket.`,
    },
  );
}

/**
 * Resolve `--run-id` or `--ticket` (a ticket selects its latest run and only its targets), then
 * narrow by `--repo`. Without either, the only open run is used.
 */
export async function selectTargets(store: StorePort, input: SelectionInput): Promise<Selection> {
  const run = await pickRun(store, input);
  let targets = input.ticket ? run.targets.filter((t) => t.ticket === input.ticket) : run.targets;
  if (input.ticket && !run.tickets.includes(input.ticket)) {
    throw new MetawsmError('TICKET_NOT_FOUND', `run ${run.id} has no ticket "${input.ticket}"`, {
      hint: `Its tickets: ${run.tickets.join(', ')}.`,
      data: { runId: run.id, ticket: input.ticket },
    });
  }
  const repos = input.repos ?? [];
  if (repos.length > 0) {
    const known = new Set(targets.map((t) => t.repo));
    const unknown = repos.filter((r) => !known.has(r));
    if (unknown.length > 0) {
      throw new MetawsmError(
        'REPO_NOT_FOUND',
        `run ${run.id} has no repo ${unknown.map((r) => `"${r}"`).join(', ')}`,
        {
          hint: `Its repos: ${[...known].join(', ') || '(none)'}.`,
          data: { runId: run.id, unknown },
        },
      );
    }
    targets = targets.filter((t) => repos.includes(t.repo));
  }
  return { run, targets };
}

/**
 * Guard for commit / pr / review: the run must be `completed` (agents stopped writing); with
 * `allowRunning` a running run passes with a warning, and so does a `preview` (a dry run writes
 * nothing, so it is always allowed). Closed runs never pass.
 */
export function assertRunReady(run: Run, allowRunning: boolean, preview = false): string[] {
  if (run.status === 'closed') {
    throw new MetawsmError('RUN_CLOSED', `run ${run.id} is closed`, {
      hint: 'Create a new run for new work.',
      data: { runId: run.id },
    });
  }
  if (run.status === 'running') {
    if (allowRunning)
      return [`run ${run.id} is still running: agents may still be writing (--allow-running)`];
    if (preview)
      return [`run ${run.id} is still running: this preview may differ once the agents stop writing`];
    throw new MetawsmError('RUN_NOT_COMPLETED', `run ${run.id} is still running`, {
      hint: `Mark it done with \`metawsm run complete ${run.id}\` once the agents stopped, or pass --allow-running.`,
      data: { runId: run.id, status: run.status },
    });
  }
  return [];
}
