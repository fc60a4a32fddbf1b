/**
 * Length limits of `run create` inputs. Every ref metawsm writes is built from them
 * (`<ticket>/<repo>/<run>` branches, `refs/metawsm/snapshots/<run>/<ticket>/<repo>`), and a ref path
 * component may not exceed 255 bytes on common file systems: these keep each component far below
 * that, even for templates combining placeholders (100 + 64 + 64 plus separators), and keep branch
 * names readable. The title is capped at GitHub's 256-character limit for PR titles.
 */
export const INPUT_LIMITS = {
  ticketBytes: 100,
  repoNameChars: 64,
  runIdChars: 64,
  titleChars: 256,
} as const;

/** Lifecycle of a run: agents write while `running`; commit/pr/review need `completed`. */
export const RUN_STATUSES = ['running', 'completed', 'closed'] as const;
/** See {@link RUN_STATUSES}. */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One (ticket, repo) pair of a run: one branch, one commit series and one PR. */
export interface Target {
  ticket: string;
  /** Short repo name, `[A-Za-z0-9._-]+`, unique per ticket within a run. */
  repo: string;
  /** Absolute path of the git working tree the agent used. */
  path: string;
  /** Name of the git remote to fetch from and push to (default `origin`). */
  remote: string;
  /** Base branch the change is promoted onto. */
  baseBranch: string;
}

/** One unit of agent work. */
export interface Run {
  id: string;
  title: string | null;
  status: RunStatus;
  tickets: string[];
  targets: Target[];
  baseBranch: string;
  /** ISO-8601 UTC timestamps. */
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  closedAt: string | null;
}

/** Identity of one target within the store. */
export interface TargetKey {
  runId: string;
  ticket: string;
  repo: string;
}

/** The key of a target of a run. */
export function targetKey(runId: string, t: Pick<Target, 'ticket' | 'repo'>): TargetKey {
  return { runId, ticket: t.ticket, repo: t.repo };
}

/** `ticket/repo`, for messages. */
export function targetLabel(t: Pick<Target, 'ticket' | 'repo'>): string {
  return `${t.ticket}/${t.repo}`;
}
