import type { EventPhase, MetawsmEvent, NewEvent, Run, RunLock, RunStatus, Target } from '@metawsm/core';
import type { Selectable } from 'kysely';
import type { EventsTable, RunLocksTable, RunsTable, TargetsTable } from './store-schema.js';

// Enum-like TEXT columns are only ever written from the domain types, so reading them back casts.

/** A run row and its target rows (already in position order) as a domain Run. */
export function toRun(row: Selectable<RunsTable>, targets: Selectable<TargetsTable>[]): Run {
  return {
    id: row.id,
    title: row.title,
    status: row.status as RunStatus,
    tickets: JSON.parse(row.tickets) as string[],
    targets: targets.map(toTarget),
    baseBranch: row.base_branch,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
    closedAt: row.closed_at,
  };
}

function toTarget(row: Selectable<TargetsTable>): Target {
  return {
    ticket: row.ticket,
    repo: row.repo,
    path: row.path,
    remote: row.remote,
    baseBranch: row.base_branch,
  };
}

/** A run's row (without targets). */
export function fromRun(run: Run): RunsTable {
  return {
    id: run.id,
    title: run.title,
    status: run.status,
    tickets: JSON.stringify(run.tickets),
    base_branch: run.baseBranch,
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    completed_at: run.completedAt,
    closed_at: run.closedAt,
  };
}

/** The target rows of a run. */
export function fromTargets(run: Run): TargetsTable[] {
  return run.targets.map((t, position) => ({
    run_id: run.id,
    ticket: t.ticket,
    repo: t.repo,
    position,
    path: t.path,
    remote: t.remote,
    base_branch: t.baseBranch,
  }));
}

/** An events row as a domain event. */
export function toEvent(row: Selectable<EventsTable>): MetawsmEvent {
  return {
    id: row.id,
    runId: row.run_id,
    ticket: row.ticket,
    repo: row.repo,
    type: row.type,
    phase: row.phase as EventPhase,
    operationId: row.operation_id,
    actor: row.actor,
    data: JSON.parse(row.data) as Record<string, unknown>,
    at: row.at,
  };
}

/** A new event as an events row (the id is generated). */
export function fromEvent(e: NewEvent): Omit<EventsTable, 'id'> {
  return {
    run_id: e.runId,
    ticket: e.ticket,
    repo: e.repo,
    type: e.type,
    phase: e.phase,
    operation_id: e.operationId,
    actor: e.actor,
    data: JSON.stringify(e.data),
    at: e.at,
  };
}

/** A run_locks row as a domain lock. */
export function toLock(row: Selectable<RunLocksTable>): RunLock {
  return {
    runId: row.run_id,
    ownerId: row.owner_id,
    operation: row.operation,
    pid: row.pid,
    host: row.host,
    startedAt: row.started_at,
    leaseExpiresAt: row.lease_expires_at,
  };
}

/** A domain lock as a run_locks row. */
export function fromLock(l: RunLock): RunLocksTable {
  return {
    run_id: l.runId,
    owner_id: l.ownerId,
    operation: l.operation,
    pid: l.pid,
    host: l.host,
    started_at: l.startedAt,
    lease_expires_at: l.leaseExpiresAt,
  };
}
