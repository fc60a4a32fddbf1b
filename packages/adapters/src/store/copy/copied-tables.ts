import type { StoreDatabase } from '../store-schema.js';

/** How `metawsm store copy` carries one table. */
export interface CopiedTable {
  name: keyof StoreDatabase;
  /** Primary key columns: the copy reads in this order, and `--merge` compares them. */
  key: readonly string[];
  /**
   * The column naming the run a row belongs to. With `--merge`, a run the destination already has
   * keeps its rows: the source's rows of that run are skipped.
   */
  runColumn?: string;
  /**
   * The key is generated (events.id): an empty destination gets the same ids; `--merge` gives
   * rows new ids and skips rows identical to one already there.
   */
  generatedKey?: boolean;
}

/**
 * Every table `metawsm store copy` carries, parents before children. A new table is one more
 * entry here (test/store-copy.test.ts fails while a migrated table is in neither list).
 */
export const COPIED_TABLES: readonly CopiedTable[] = [
  { name: 'runs', key: ['id'], runColumn: 'id' },
  { name: 'targets', key: ['run_id', 'ticket', 'repo'], runColumn: 'run_id' },
  { name: 'pull_requests', key: ['run_id', 'ticket', 'repo'], runColumn: 'run_id' },
  {
    name: 'review_feedback',
    key: ['run_id', 'ticket', 'repo', 'source_type', 'github_id'],
    runColumn: 'run_id',
  },
  { name: 'events', key: ['id'], runColumn: 'run_id', generatedKey: true },
];

/**
 * State that is never copied: a lock belongs to a process on one machine, not to the data; the
 * HTTP cache (ETags) is keyed by token digest and is refilled by the next poll.
 */
export const NOT_COPIED_TABLES: readonly (keyof StoreDatabase)[] = ['run_locks', 'http_cache'];
