import { MetawsmError, isMetawsmError } from '../../errors/metawsm-error.js';
import type { PrContext } from './pr-target.js';
import { saveRecord } from './pr-target.js';

/**
 * Push the recorded commit with a lease on the remote tip it was computed against. A remote that
 * already holds the commit (a crash after a push) counts as pushed; anything else moved → FOREIGN_COMMITS.
 */
export async function pushCommit(c: PrContext): Promise<void> {
  const commitSha = c.record.commitSha as string;
  const lease = c.record.leaseSha;
  c.result.actions.push('push');
  if (c.options.dryRun) return;
  c.options.onProgress?.({ ticket: c.target.ticket, repo: c.target.repo, stage: 'push' });
  const scope = { ticket: c.target.ticket, repo: c.target.repo };
  const data = { branch: c.record.branch, sha: commitSha, lease };
  const pushed = await c.journal.step(
    'pr.push',
    scope,
    data,
    async () => {
      try {
        return await c.deps.git.push(c.ws, {
          endpoint: c.endpoint,
          oid: commitSha,
          branch: c.record.branch,
          lease,
        });
      } catch (e) {
        if (isMetawsmError(e, 'REF_CHANGED') && e.data?.actual === commitSha)
          return { packBytes: 0, objectCount: 0 };
        if (isMetawsmError(e, 'REF_CHANGED')) {
          throw new MetawsmError(
            'FOREIGN_COMMITS',
            `someone else pushed to ${c.record.branch} since metawsm computed its commit`,
            {
              hint: `Run \`metawsm commit --run-id ${c.run.id}\` again to see the foreign commits; add --force to build on top of them.`,
              data: { branch: c.record.branch, expected: lease, actual: e.data?.actual ?? null },
              cause: e,
            },
          );
        }
        throw e;
      }
    },
    (r) => ({ packBytes: r.packBytes }),
  );
  c.result.packBytes = pushed.packBytes;
  c.result.pushedSha = commitSha;
  await saveRecord(c, {
    lastPushedSha: commitSha,
    leaseSha: commitSha,
    pushedAt: new Date(c.deps.clock.nowMs()).toISOString(),
    lastError: null,
  });
}
