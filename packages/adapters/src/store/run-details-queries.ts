import type { RunDetails } from '@metawsm/core';
import type { Kysely } from 'kysely';
import { toFeedback, toPullRequest } from './record-rows.js';
import { toLock } from './row-mapping.js';
import type { StoreDatabase } from './store-schema.js';

/* Several runs' rows in three queries per chunk of runs (dialect-neutral builder calls). */

type Db = Kysely<StoreDatabase>;

/** Keeps `in (...)` lists well under every dialect's bound-parameter limit. */
const IN_CHUNK = 500;

/** Records, feedback items and locks of `runIds`; each run's rows in their single-run order. */
export async function selectRunDetails(db: Db, runIds: readonly string[]): Promise<RunDetails> {
  const details: RunDetails = { records: [], feedback: [], locks: [] };
  const ids = [...new Set(runIds)];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const chunk = ids.slice(i, i + IN_CHUNK);
    const records = await db
      .selectFrom('pull_requests')
      .selectAll()
      .where('run_id', 'in', chunk)
      .orderBy('run_id')
      .orderBy('ticket')
      .orderBy('repo')
      .execute();
    const feedback = await db
      .selectFrom('review_feedback')
      .selectAll()
      .where('run_id', 'in', chunk)
      .orderBy('run_id')
      .orderBy('ticket')
      .orderBy('repo')
      .orderBy('source_type')
      .orderBy('github_id')
      .execute();
    const locks = await db.selectFrom('run_locks').selectAll().where('run_id', 'in', chunk).execute();
    details.records.push(...records.map(toPullRequest));
    details.feedback.push(...feedback.map(toFeedback));
    details.locks.push(...locks.map(toLock));
  }
  return details;
}
