import { MetawsmError, type Oid, type PushResult, type RemoteEndpoint } from '@metawsm/core';
import type { CommitWalker } from '../objects/commit-walk.js';
import { buildPushPack } from '../objects/push-objects.js';
import { assertOid } from '../repo/object-id.js';
import type { ObjectStore } from '../repo/object-store.js';
import { assertFullRef } from '../repo/refs.js';
import type { Advertisement } from './advertisement.js';
import { isLeaseFailure, parsePushReport, receivePackRequest } from './receive-pack.js';
import { redactUrl, scrub } from './redact.js';
import { withRetry } from './retry.js';
import type { SmartHttpClient } from './smart-http.js';

/** What a push needs. */
export interface PushContext {
  http: SmartHttpClient;
  store: ObjectStore;
  walker: CommitWalker;
}

/** A push request as the port receives it. */
export interface PushRequest {
  endpoint: RemoteEndpoint;
  oid: Oid;
  branch: string;
  lease: Oid | null;
}

function refChanged(ref: string, expected: Oid | null, actual: Oid | null | undefined): MetawsmError {
  const found = actual === undefined ? 'moved' : `is at ${actual ?? 'nothing (deleted)'}`;
  return new MetawsmError('REF_CHANGED', `remote ${ref} ${found}; expected ${expected ?? 'no branch'}`, {
    hint: 'Someone else pushed to this branch. Fetch, review their commits, and re-run.',
    data: actual === undefined ? { ref, expected } : { ref, expected, actual },
  });
}

/**
 * Push `oid` to `refs/heads/<branch>` with our own receive-pack client: discovery, lease check,
 * a pack of only the objects the remote lacks, then a command whose old value is the lease, so
 * the server checks it atomically. A remote already at `oid` is success (also when a retried
 * POST turns out to have landed).
 */
export async function pushBranch(ctx: PushContext, req: PushRequest): Promise<PushResult> {
  assertOid(req.oid, 'oid');
  if (req.lease !== null) assertOid(req.lease, 'lease');
  const ref = `refs/heads/${req.branch}`;
  assertFullRef(ref);
  await ctx.store.readTyped(req.oid, 'commit');
  const adv = await ctx.http.discover(req.endpoint, 'git-receive-pack');
  const current = adv.refs.get(ref) ?? null;
  if (current === req.oid) return { packBytes: 0, objectCount: 0 };
  if (current !== req.lease) throw refChanged(ref, req.lease, current);
  const have = await localCommits(ctx.store, adv, ref);
  const { pack, objectCount } = await buildPushPack(ctx.store, ctx.walker, {
    tip: req.oid,
    have,
    thin: !adv.capabilities.has('no-thin'),
  });
  const body = receivePackRequest(adv, { old: req.lease, new: req.oid, ref }, pack);
  const result = { packBytes: objectCount === 0 ? 0 : pack.length, objectCount };
  const response = await sendPush(ctx, req, { ref, body });
  if (response === 'landed') return result;
  await checkReport(ctx, { response, adv, ref, req });
  return result;
}

/** Advertised tips checked locally at most (big remotes advertise thousands of tags). */
const MAX_HAVE_CANDIDATES = 1000;

/**
 * Advertised tips present locally as commits: what the new history is cut against. The pushed
 * branch and other branches come first; a tip we lack only makes the pack bigger, never wrong.
 */
async function localCommits(store: ObjectStore, adv: Advertisement, ref: string): Promise<Oid[]> {
  const rank = (name: string) => (name === ref ? 0 : name.startsWith('refs/heads/') ? 1 : 2);
  const ordered = [...adv.refs].sort((a, b) => rank(a[0]) - rank(b[0]));
  const candidates = [...new Set(ordered.map(([, oid]) => oid))].slice(0, MAX_HAVE_CANDIDATES);
  const out: Oid[] = [];
  for (const oid of candidates) {
    if ((await store.has(oid)) && (await store.read(oid)).type === 'commit') out.push(oid);
  }
  return out;
}

async function sendPush(
  ctx: PushContext,
  req: PushRequest,
  p: { ref: string; body: Buffer },
): Promise<Buffer | 'landed'> {
  const { http } = ctx;
  return withRetry<Buffer | 'landed'>(http.retry, {
    run: () => http.postOnce(req.endpoint, 'git-receive-pack', p.body),
    giveUp: (last) => {
      throw new MetawsmError(
        'REMOTE_FAILED',
        `push to ${redactUrl(req.endpoint.url)} failed after ${http.retry.attempts} attempts: ${last.message}`,
        {
          hint: 'The remote or the network is unavailable; re-run `metawsm pr` to resume.',
          data: { url: redactUrl(req.endpoint.url), status: last.status },
          cause: last,
        },
      );
    },
    // A failed POST may still have been applied: look before sending again.
    beforeRetry: async () => {
      const now = (await http.discover(req.endpoint, 'git-receive-pack')).refs.get(p.ref) ?? null;
      if (now === req.oid) return { done: true, value: 'landed' as const };
      if (now !== req.lease) throw refChanged(p.ref, req.lease, now);
      return { done: false };
    },
  });
}

/** The remote's value of `ref` now (undefined when it cannot be read). */
function currentValue(ctx: PushContext, req: PushRequest, ref: string): Promise<Oid | null | undefined> {
  return ctx.http.discoverOnce(req.endpoint, 'git-receive-pack').then(
    (a) => a.refs.get(ref) ?? null,
    () => undefined,
  );
}

async function checkReport(
  ctx: PushContext,
  p: { response: Buffer; adv: Advertisement; ref: string; req: PushRequest },
): Promise<void> {
  const { response, adv } = p;
  if (!adv.capabilities.has('report-status')) {
    // Without a report, the ref itself says whether the push landed.
    const now = await currentValue(ctx, p.req, p.ref);
    if (now === p.req.oid) return;
    if (now !== undefined && now !== p.req.lease) throw refChanged(p.ref, p.req.lease, now);
    throw new MetawsmError('REMOTE_FAILED', `the remote did not update ${p.ref}`, { data: { ref: p.ref } });
  }
  const secrets = p.req.endpoint.auth ? [p.req.endpoint.auth.password.reveal()] : [];
  const report = parsePushReport(response, adv);
  if (report.unpack !== 'ok' && report.unpack !== '') {
    throw new MetawsmError(
      'REMOTE_FAILED',
      `the remote could not unpack the pushed objects: ${scrub(report.unpack, secrets)}`,
      {
        hint: 'Check the remote repository (disk space, object checks) and retry.',
        data: { ref: p.ref },
      },
    );
  }
  const status = report.refs.get(p.ref);
  if (status?.ok) return;
  if (status) {
    // git 2.39 reports a stale old value only as "failed to update ref": compare with the lease.
    const actual = await currentValue(ctx, p.req, p.ref);
    const moved = actual !== undefined && actual !== p.req.lease;
    if (moved || isLeaseFailure(status.reason)) throw refChanged(p.ref, p.req.lease, actual);
  }
  const reason = scrub(status?.reason ?? 'no status reported', secrets);
  throw new MetawsmError('REMOTE_FAILED', `the remote rejected ${p.ref}: ${reason}`, {
    hint: 'Check branch protection rules and hooks on the remote.',
    data: { ref: p.ref, reason },
  });
}
