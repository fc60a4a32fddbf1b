import {
  describeStoreLocation,
  MetawsmError,
  sameStoreLocation,
  type StoreDescription,
  type StoreLocation,
} from '@metawsm/core';
import { COPIED_TABLES, NOT_COPIED_TABLES, type CopiedTable } from './copied-tables.js';
import { openStoreHandle, type AnyDb, type StoreHandle } from './store-handle.js';

/** Rows of one table: how many were written to the destination and how many left out (`--merge`). */
export interface CopiedCount {
  table: string;
  copied: number;
  skipped: number;
}

/** What {@link copyStore} did. */
export interface CopyReport {
  from: StoreDescription;
  to: StoreDescription;
  merge: boolean;
  tables: CopiedCount[];
  /** Run locks in the source, never copied (a lock belongs to a process, not to the data). */
  locksNotCopied: number;
}

type Row = Record<string, unknown>;

const PAGE = 500;

/**
 * Copy every run, target, record, feedback item and event from `from` to `to` in one transaction
 * on the destination (all or nothing), reading the source in one snapshot. The destination must be
 * empty (STORE_NOT_EMPTY) unless `merge`: then it gains the runs it lacks with all their rows, keeps
 * the runs it has as they are, and gains the source's events it lacks (under new ids).
 */
export async function copyStore(input: {
  from: StoreLocation;
  to: StoreLocation;
  merge: boolean;
}): Promise<CopyReport> {
  if (sameStoreLocation(input.from, input.to)) {
    throw new MetawsmError('INVALID_INPUT', 'the source and the destination are the same store', {
      hint: 'Name another destination with --to (or another source with --from).',
    });
  }
  const source = await openStoreHandle(input.from, false);
  try {
    const destination = await openStoreHandle(input.to, true);
    try {
      const { tables, locksNotCopied } = await source.read((src) =>
        destination.write((dst) =>
          copyAll({ src, dst, source, destination, merge: input.merge }).catch((e: unknown) => {
            throw destination.translate(e);
          }),
        ),
      );
      return {
        from: describeStoreLocation(input.from),
        to: describeStoreLocation(input.to),
        merge: input.merge,
        tables,
        locksNotCopied,
      };
    } finally {
      await destination.close();
    }
  } finally {
    await source.close();
  }
}

async function copyAll(c: {
  src: AnyDb;
  dst: AnyDb;
  source: StoreHandle;
  destination: StoreHandle;
  merge: boolean;
}): Promise<{ tables: CopiedCount[]; locksNotCopied: number }> {
  if (!c.merge) await assertEmpty(c.dst);
  // A failing read is the source's failure (its dialect's error), not the destination's.
  const read = <T>(p: Promise<T>): Promise<T> =>
    p.catch((e: unknown) => {
      throw c.source.translate(e);
    });
  const skippedRuns = new Set<string>();
  const tables: CopiedCount[] = [];
  for (const table of COPIED_TABLES) {
    const count: CopiedCount = { table: table.name, copied: 0, skipped: 0 };
    for (let offset = 0; ; offset += PAGE) {
      const rows = await read(page(c.src, table, offset));
      if (rows.length === 0) break;
      if (c.merge) await mergeRows(c.dst, table, rows, skippedRuns, count);
      else await insertRows(c.dst, table.name, rows, count);
    }
    if (table.generatedKey === true) await c.destination.syncGeneratedKey(c.dst, table.name, table.key[0]!);
    tables.push(count);
  }
  const locks = await read(
    c.src
      .selectFrom('run_locks')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
  );
  return { tables, locksNotCopied: Number(locks?.n ?? 0) };
}

/** STORE_NOT_EMPTY when any table of the destination has a row. */
async function assertEmpty(dst: AnyDb): Promise<void> {
  for (const name of [...COPIED_TABLES.map((t) => t.name), ...NOT_COPIED_TABLES]) {
    const row = await dst.selectFrom(name).selectAll().limit(1).executeTakeFirst();
    if (row === undefined) continue;
    throw new MetawsmError('STORE_NOT_EMPTY', `the destination store already holds data (table ${name})`, {
      hint: 'Copy into an empty store, or add --merge to add only the runs it does not have yet.',
      data: { table: name },
    });
  }
}

/** One page of a table in key order (stable: the source is read in one snapshot). */
function page(src: AnyDb, table: CopiedTable, offset: number): Promise<Row[]> {
  let query = src.selectFrom(table.name).selectAll();
  for (const column of table.key) query = query.orderBy(column);
  return query.limit(PAGE).offset(offset).execute();
}

/** Insert rows as they are, in statements that stay under every dialect's parameter limit. */
async function insertRows(dst: AnyDb, table: string, rows: Row[], count: CopiedCount): Promise<void> {
  const perStatement = Math.max(1, Math.floor(30_000 / Math.max(1, Object.keys(rows[0] ?? {}).length)));
  for (let i = 0; i < rows.length; i += perStatement) {
    await dst
      .insertInto(table)
      .values(rows.slice(i, i + perStatement))
      .execute();
  }
  count.copied += rows.length;
}

/** `--merge`: row by row, leaving what the destination already has. */
async function mergeRows(
  dst: AnyDb,
  table: CopiedTable,
  rows: Row[],
  skippedRuns: Set<string>,
  count: CopiedCount,
): Promise<void> {
  for (const row of rows) {
    const runId = table.runColumn === undefined ? null : row[table.runColumn];
    let copied: boolean;
    if (typeof runId === 'string' && skippedRuns.has(runId)) copied = false;
    else if (table.generatedKey === true) copied = await appendUnlessPresent(dst, table, row);
    else copied = await insertUnlessPresent(dst, table, row);
    if (copied) count.copied++;
    else count.skipped++;
    // The runs table is keyed by the run itself: a run already there keeps its rows.
    if (!copied && table.runColumn === table.key[0] && table.key.length === 1 && typeof runId === 'string')
      skippedRuns.add(runId);
  }
}

async function insertUnlessPresent(dst: AnyDb, table: CopiedTable, row: Row): Promise<boolean> {
  const result = await dst
    .insertInto(table.name)
    .values(row)
    .onConflict((oc) => oc.columns(table.key).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** A row with a generated key: appended under a new key unless an identical row (all other columns) exists. */
async function appendUnlessPresent(dst: AnyDb, table: CopiedTable, row: Row): Promise<boolean> {
  const rest = Object.fromEntries(Object.entries(row).filter(([column]) => !table.key.includes(column)));
  let query = dst.selectFrom(table.name).select(table.key[0]!);
  for (const [column, value] of Object.entries(rest))
    query = value === null ? query.where(column, 'is', null) : query.where(column, '=', value);
  if ((await query.limit(1).executeTakeFirst()) !== undefined) return false;
  await dst.insertInto(table.name).values(rest).execute();
  return true;
}
