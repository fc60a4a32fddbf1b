import { MetawsmError, type Run, type RunPatch, type RunStatus } from '@metawsm/core';
import type { Kysely, Selectable, Updateable } from 'kysely';
import { fromRun, fromTargets, toRun } from './row-mapping.js';
import type { RunsTable, StoreDatabase, TargetsTable } from './store-schema.js';

/*
 * Run queries over any Kysely<StoreDatabase> (root, pinned connection or transaction). Plain
 * builder calls only, so a PostgreSQL store can share them.
 */

type Db = Kysely<StoreDatabase>;

/** Keeps `in (...)` lists well under every dialect's bound-parameter limit. */
const IN_CHUNK = 500;

/** Insert a run and its targets; call inside a transaction. RUN_EXISTS / DUPLICATE_TARGET. */
export async function insertRun(db: Db, run: Run): Promise<void> {
  const existing = await db.selectFrom('runs').select('id').where('id', '=', run.id).executeTakeFirst();
  if (existing !== undefined)
    throw new MetawsmError('RUN_EXISTS', `run ${run.id} already exists`, { data: { runId: run.id } });
  const targets = fromTargets(run);
  if (new Set(targets.map((t) => JSON.stringify([t.ticket, t.repo]))).size !== targets.length) {
    throw new MetawsmError('DUPLICATE_TARGET', `run ${run.id} lists a ticket/repo pair twice`, {
      data: { runId: run.id },
    });
  }
  await db.insertInto('runs').values(fromRun(run)).execute();
  if (targets.length > 0) await db.insertInto('targets').values(targets).execute();
}

/** One run with its targets, or null. */
export async function selectRun(db: Db, id: string): Promise<Run | null> {
  const row = await db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return null;
  const targets = await selectTargets(db, [id]);
  return toRun(row, targets.get(id) ?? []);
}

/** Runs newest first (created_at, then id, descending), filtered by status and ticket. */
export async function selectRuns(db: Db, filter: { status?: RunStatus; ticket?: string }): Promise<Run[]> {
  let query = db.selectFrom('runs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  // Tickets live in a JSON column; filtering them in code keeps the SQL dialect-neutral.
  const rows = (await query.execute()).filter(
    (r) => filter.ticket === undefined || (JSON.parse(r.tickets) as string[]).includes(filter.ticket),
  );
  const targets = await selectTargets(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRun(r, targets.get(r.id) ?? []));
}

/** Apply a patch; call inside a transaction. RUN_NOT_FOUND when absent. */
export async function updateRunRow(db: Db, id: string, patch: RunPatch): Promise<Run> {
  const set: Updateable<RunsTable> = {};
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.updatedAt !== undefined) set.updated_at = patch.updatedAt;
  if (patch.completedAt !== undefined) set.completed_at = patch.completedAt;
  if (patch.closedAt !== undefined) set.closed_at = patch.closedAt;
  if (Object.keys(set).length > 0) await db.updateTable('runs').set(set).where('id', '=', id).execute();
  const run = await selectRun(db, id);
  if (run === null) throw runNotFound(id);
  return run;
}

/** RUN_NOT_FOUND unless the run exists. */
export async function requireRunExists(db: Db, id: string): Promise<void> {
  const row = await db.selectFrom('runs').select('id').where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw runNotFound(id);
}

function runNotFound(id: string): MetawsmError {
  return new MetawsmError('RUN_NOT_FOUND', `run ${id} not found`, { data: { runId: id } });
}

async function selectTargets(db: Db, runIds: string[]): Promise<Map<string, Selectable<TargetsTable>[]>> {
  const byRun = new Map<string, Selectable<TargetsTable>[]>();
  for (let i = 0; i < runIds.length; i += IN_CHUNK) {
    const chunk = runIds.slice(i, i + IN_CHUNK);
    const rows = await db
      .selectFrom('targets')
      .selectAll()
      .where('run_id', 'in', chunk)
      .orderBy('run_id')
      .orderBy('position')
      .execute();
    for (const row of rows) {
      const list = byRun.get(row.run_id) ?? [];
      list.push(row);
      byRun.set(row.run_id, list);
    }
  }
  return byRun;
}
