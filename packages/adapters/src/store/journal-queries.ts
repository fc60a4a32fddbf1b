import type { LockAttempt, MetawsmEvent, NewEvent, RunLock } from '@metawsm/core';
import type { Kysely } from 'kysely';
import { fromEvent, fromLock, toEvent, toLock } from './row-mapping.js';
import type { StoreDatabase } from './store-schema.js';

/* Event journal and run-lock queries (dialect-neutral builder calls). */

type Db = Kysely<StoreDatabase>;

/** Append an event; returns its generated id. */
export async function insertEvent(db: Db, event: NewEvent): Promise<number> {
  const row = await db
    .insertInto('events')
    .values(fromEvent(event))
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Events in id order, narrowed; `limit` keeps the first rows. */
export async function selectEvents(
  db: Db,
  filter: { runId?: string; type?: string; operationId?: string; limit?: number },
): Promise<MetawsmEvent[]> {
  let query = db.selectFrom('events').selectAll().orderBy('id', 'asc');
  if (filter.runId !== undefined) query = query.where('run_id', '=', filter.runId);
  if (filter.type !== undefined) query = query.where('type', '=', filter.type);
  if (filter.operationId !== undefined) query = query.where('operation_id', '=', filter.operationId);
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return (await query.execute()).map(toEvent);
}

/** The holder of a run's lock, or null. */
export async function selectLock(db: Db, runId: string): Promise<RunLock | null> {
  const row = await db.selectFrom('run_locks').selectAll().where('run_id', '=', runId).executeTakeFirst();
  return row === undefined ? null : toLock(row);
}

/** Take the lock if free or takeable; call inside a serializable/immediate transaction so read and write are atomic. */
export async function takeLock(
  db: Db,
  candidate: RunLock,
  canTakeOver: (holder: RunLock) => boolean,
): Promise<LockAttempt> {
  const holder = await selectLock(db, candidate.runId);
  if (holder === null) {
    await db.insertInto('run_locks').values(fromLock(candidate)).execute();
    return { acquired: true, lock: { ...candidate }, tookOverFrom: null };
  }
  // Our own row: a retry after a commit whose outcome was unknown (owner ids are random per attempt).
  if (holder.ownerId === candidate.ownerId) return { acquired: true, lock: holder, tookOverFrom: null };
  if (!canTakeOver(holder)) return { acquired: false, holder };
  const { run_id: _r, ...rest } = fromLock(candidate);
  await db.updateTable('run_locks').set(rest).where('run_id', '=', candidate.runId).execute();
  return { acquired: true, lock: { ...candidate }, tookOverFrom: holder };
}

/** Extend the lease if `ownerId` holds the lock; true when it did. */
export async function extendLease(
  db: Db,
  runId: string,
  ownerId: string,
  leaseExpiresAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable('run_locks')
    .set({ lease_expires_at: leaseExpiresAt })
    .where('run_id', '=', runId)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Delete the lock if `ownerId` holds it. */
export async function deleteLock(db: Db, runId: string, ownerId: string): Promise<void> {
  await db.deleteFrom('run_locks').where('run_id', '=', runId).where('owner_id', '=', ownerId).execute();
}
