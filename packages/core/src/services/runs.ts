import { isAbsolute, resolve } from 'node:path';
import { assertValidBranchName } from '../domain/refs.js';
import type { Run, RunStatus, Target } from '../domain/run.js';
import { MetawsmError, isMetawsmError } from '../errors/metawsm-error.js';
import type { GitPrPolicy } from '../policy/schema.js';
import type { Ports } from '../ports/index.js';
import { Journal } from './journal.js';
import { assertDistinctRefs, assertInputLengths } from './run-validation.js';

const NAME = /^[A-Za-z0-9._-]+$/;

/** Input of {@link createRun}. */
export interface CreateRunInput {
  tickets: string[];
  /** `[TICKET:]NAME=PATH` specs; without a ticket the repo belongs to every ticket. */
  repos: string[];
  base?: string | undefined;
  runId?: string | undefined;
  title?: string | undefined;
  status?: 'running' | 'completed' | undefined;
  remote?: string | undefined;
  /** Directory relative paths are resolved against. */
  cwd: string;
  actor?: string | undefined;
}

function invalid(message: string, hint: string, data?: Record<string, unknown>): MetawsmError {
  return new MetawsmError('INVALID_INPUT', message, data ? { hint, data } : { hint });
}

/** Validate a user-chosen run id or repo name: `[A-Za-z0-9._-]+`, not `.` or `..`. */
export function assertSafeName(value: string, what: string): void {
  if (!NAME.test(value) || value === '.' || value === '..') {
    throw invalid(
      `${what} "${value}" is invalid`,
      `${what} must match [A-Za-z0-9._-]+ and must not be "." or "..".`,
      { value },
    );
  }
}

/** Parse one `--repo [TICKET:]NAME=PATH` spec. */
export function parseRepoSpec(
  spec: string,
  cwd: string,
): { ticket: string | null; repo: string; path: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw invalid(
      `--repo "${spec}" is not of the form [TICKET:]NAME=PATH`,
      'Example: --repo api=../work/api or --repo T-1:api=/abs/path.',
    );
  }
  const left = spec.slice(0, eq);
  const path = spec.slice(eq + 1);
  const colon = left.lastIndexOf(':');
  const ticket = colon >= 0 ? left.slice(0, colon).trim() : null;
  const repo = colon >= 0 ? left.slice(colon + 1) : left;
  if (ticket === '')
    throw invalid(`--repo "${spec}" has an empty ticket before ":"`, 'Write TICKET:NAME=PATH or NAME=PATH.');
  assertSafeName(repo, 'repo name');
  return { ticket, repo, path: isAbsolute(path) ? resolve(path) : resolve(cwd, path) };
}

function validateTickets(tickets: string[]): string[] {
  const out = tickets.map((t) => t.trim());
  if (out.length === 0)
    throw invalid(
      'at least one --ticket is required',
      'Example: metawsm run create --ticket T-1 --repo api=./api',
    );
  for (const t of out) {
    // eslint-disable-next-line no-control-regex
    if (t === '' || /[\x00-\x1f\x7f]/.test(t))
      throw invalid(
        'tickets must be non-empty text without control characters',
        'Example: --ticket PROJ-123',
        { ticket: t },
      );
  }
  return [...new Set(out)];
}

function newRunId(nowMs: number, hex: string): string {
  const iso = new Date(nowMs).toISOString();
  return `run-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${hex}`;
}

/** Build the targets, checking every workspace is a git working tree with the remote. */
async function buildTargets(
  deps: Pick<Ports, 'git'>,
  input: CreateRunInput,
  tickets: string[],
  policy: GitPrPolicy,
  base: string,
): Promise<Target[]> {
  const remote = input.remote ?? 'origin';
  const targets: Target[] = [];
  const seen = new Set<string>();
  if (input.repos.length === 0)
    throw invalid('at least one --repo is required', 'Example: --repo api=./work/api');
  for (const spec of input.repos) {
    const parsed = parseRepoSpec(spec, input.cwd);
    if (parsed.ticket !== null && !tickets.includes(parsed.ticket)) {
      throw invalid(
        `--repo "${spec}" names ticket "${parsed.ticket}", which is not one of --ticket ${tickets.join(', ')}`,
        'Add --ticket for it, or fix the prefix.',
      );
    }
    if (policy.allowed_repos.length > 0 && !policy.allowed_repos.includes(parsed.repo)) {
      throw new MetawsmError('REPO_NOT_ALLOWED', `repo "${parsed.repo}" is not in git_pr.allowed_repos`, {
        hint: `Allowed: ${policy.allowed_repos.join(', ')}. Edit .metawsm/policy.json to allow it.`,
        data: { repo: parsed.repo },
      });
    }
    const ws = await deps.git.openWorkspace(parsed.path);
    if ((await deps.git.remoteUrl(ws, remote)) === null) {
      throw new MetawsmError('REMOTE_NOT_FOUND', `${ws.path} has no remote "${remote}"`, {
        hint: `Add it with \`git -C ${ws.path} remote add ${remote} <url>\`, or pass --remote.`,
        data: { path: ws.path, remote },
      });
    }
    for (const ticket of parsed.ticket === null ? tickets : [parsed.ticket]) {
      const key = `${ticket}\u0000${parsed.repo}`;
      if (seen.has(key)) {
        throw new MetawsmError(
          'DUPLICATE_TARGET',
          `repo "${parsed.repo}" is given twice for ticket "${ticket}"`,
          {
            hint: 'Each (ticket, repo) pair may appear once; give the second one another NAME.',
            data: { ticket, repo: parsed.repo },
          },
        );
      }
      seen.add(key);
      targets.push({ ticket, repo: parsed.repo, path: ws.path, remote, baseBranch: base });
    }
  }
  return targets;
}

/** Register a run (`metawsm run create`). Run ids stay unique even when runs start in the same second. */
export async function createRun(
  deps: Pick<Ports, 'git' | 'store' | 'clock' | 'ids'>,
  input: CreateRunInput,
  policy: GitPrPolicy,
): Promise<Run> {
  const tickets = validateTickets(input.tickets);
  const base = input.base ?? policy.base_branch;
  assertValidBranchName(base, 'base branch');
  if (input.runId !== undefined) assertSafeName(input.runId, 'run id');
  assertInputLengths({
    tickets,
    repos: input.repos.map((spec) => parseRepoSpec(spec, input.cwd).repo),
    runId: input.runId,
    title: input.title,
  });
  const targets = await buildTargets(deps, input, tickets, policy, base);
  // The run id is the same in every target's names, so a placeholder finds the same collisions.
  assertDistinctRefs(targets, policy.branch_template, input.runId ?? 'run');
  const status: RunStatus = input.status ?? 'running';
  for (let attempt = 0; ; attempt++) {
    const now = deps.clock.nowMs();
    const at = new Date(now).toISOString();
    const id = input.runId ?? newRunId(now, deps.ids.randomHex(3));
    const run: Run = {
      id,
      title: input.title?.trim() || null,
      status,
      tickets,
      targets,
      baseBranch: base,
      createdAt: at,
      updatedAt: at,
      completedAt: status === 'completed' ? at : null,
      closedAt: null,
    };
    try {
      await deps.store.createRun(run);
    } catch (e) {
      if (isMetawsmError(e, 'RUN_EXISTS') && input.runId === undefined && attempt < 8) continue;
      throw e;
    }
    const journal = new Journal(deps, {
      runId: id,
      operationId: deps.ids.randomHex(),
      actor: input.actor ?? null,
    });
    await journal.info(
      'run.create',
      {},
      { tickets, targets: targets.map((t) => ({ ticket: t.ticket, repo: t.repo, path: t.path })), status },
    );
    return run;
  }
}

/** Move a run to `completed` or `closed`; closed runs cannot be reopened. */
export async function setRunStatus(
  deps: Pick<Ports, 'store' | 'clock' | 'ids'>,
  input: { runId: string; status: 'completed' | 'closed'; actor?: string | undefined },
): Promise<Run> {
  const run = await deps.store.getRun(input.runId);
  if (!run) throw runNotFound(input.runId);
  if (run.status === 'closed') {
    throw new MetawsmError('RUN_CLOSED', `run ${run.id} is closed`, {
      hint: 'Closed runs cannot change; create a new run.',
      data: { runId: run.id },
    });
  }
  const at = new Date(deps.clock.nowMs()).toISOString();
  const patch =
    input.status === 'completed'
      ? { status: input.status, updatedAt: at, completedAt: run.completedAt ?? at }
      : { status: input.status, updatedAt: at, closedAt: at };
  const updated = await deps.store.updateRun(run.id, patch);
  const journal = new Journal(deps, {
    runId: run.id,
    operationId: deps.ids.randomHex(),
    actor: input.actor ?? null,
  });
  await journal.info(
    `run.${input.status === 'completed' ? 'complete' : 'close'}`,
    {},
    { from: run.status, to: input.status },
  );
  return updated;
}

/** RUN_NOT_FOUND with a hint. */
export function runNotFound(runId: string): MetawsmError {
  return new MetawsmError('RUN_NOT_FOUND', `run "${runId}" does not exist`, {
    hint: 'List runs with `metawsm run list`.',
    data: { runId },
  });
}
