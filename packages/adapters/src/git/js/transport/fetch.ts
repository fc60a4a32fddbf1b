import { MetawsmError, type Oid, type RemoteEndpoint, type Workspace } from '@metawsm/core';
import { packObjectCount, storePack } from '../objects/pack-store.js';
import type { LockWait } from '../repo/lock-file.js';
import type { ObjectStore } from '../repo/object-store.js';
import { lockedRefUpdate } from '../repo/ref-update.js';
import { assertFullRef, listRefs } from '../repo/refs.js';
import { readShallow } from '../repo/shallow.js';
import type { Advertisement } from './advertisement.js';
import type { SmartHttpClient } from './smart-http.js';
import { packFromUploadPackResponse, uploadPackRequest } from './upload-pack.js';

/** Haves sent in the single negotiation round; enough for the tips a workspace usually holds. */
const MAX_HAVES = 256;

/** What a fetch needs. */
export interface FetchContext {
  http: SmartHttpClient;
  store: ObjectStore;
  ws: Workspace;
  refLock: LockWait;
}

function branchRef(branch: string): string {
  const ref = `refs/heads/${branch}`;
  assertFullRef(ref);
  return ref;
}

/** Tips of `branches` on the remote (null: absent), from the upload-pack advertisement. */
export async function listRemoteBranches(
  http: SmartHttpClient,
  req: { endpoint: RemoteEndpoint; branches: string[] },
): Promise<Record<string, Oid | null>> {
  const refs = req.branches.map(branchRef);
  const adv = await http.discover(req.endpoint, 'git-upload-pack');
  return Object.fromEntries(req.branches.map((b, i) => [b, adv.refs.get(refs[i]!) ?? null]));
}

/**
 * Download `branches` (objects only, no tags) and record each present one as
 * `refs/remotes/<remote>/<branch>`. Never touches HEAD, the index or the working tree.
 */
export async function fetchBranches(
  ctx: FetchContext,
  req: { remote: string; endpoint: RemoteEndpoint; branches: string[] },
): Promise<Record<string, Oid | null>> {
  const refs = req.branches.map(branchRef);
  const tracking = req.branches.map((b) => `refs/remotes/${req.remote}/${b}`);
  tracking.forEach(assertFullRef);
  const adv = await ctx.http.discover(req.endpoint, 'git-upload-pack');
  const tips = refs.map((r) => adv.refs.get(r) ?? null);
  const wants: Oid[] = [];
  for (const tip of new Set(tips)) if (tip !== null && !(await ctx.store.has(tip))) wants.push(tip);
  if (wants.length > 0) {
    const haves = await collectHaves(ctx, adv, req.remote, tracking);
    await download(ctx, adv, { endpoint: req.endpoint, wants, haves });
  }
  for (const [i, tip] of tips.entries()) {
    if (tip !== null) await lockedRefUpdate(ctx.ws, { ref: tracking[i]!, newOid: tip }, ctx.refLock);
  }
  return Object.fromEntries(req.branches.map((b, i) => [b, tips[i]!]));
}

async function download(
  ctx: FetchContext,
  adv: Advertisement,
  req: { endpoint: RemoteEndpoint; wants: Oid[]; haves: Oid[] },
): Promise<void> {
  const body = uploadPackRequest(adv, req.wants, req.haves, [...readShallow(ctx.ws.commonDir)]);
  const response = await ctx.http.post(req.endpoint, 'git-upload-pack', body);
  const pack = packFromUploadPackResponse(response, adv);
  packObjectCount(pack);
  await storePack(ctx.store, pack);
  for (const w of req.wants) {
    if (!(await ctx.store.has(w))) {
      throw new MetawsmError('REMOTE_FAILED', `the remote did not send commit ${w}`, {
        hint: 'Retry the fetch.',
        data: { oid: w },
      });
    }
  }
}

/**
 * Local tips the server may know: our remote-tracking refs of this remote (the fetched branches
 * first), local branches, and advertised branch tips we already have.
 */
async function collectHaves(
  ctx: FetchContext,
  adv: Advertisement,
  remote: string,
  fetched: string[],
): Promise<Oid[]> {
  const tracking = await listRefs(ctx.ws.commonDir, `refs/remotes/${remote}/`);
  const candidates = new Set<Oid>();
  for (const ref of fetched) {
    const oid = tracking.get(ref);
    if (oid !== undefined) candidates.add(oid);
  }
  for (const oid of tracking.values()) candidates.add(oid);
  for (const oid of (await listRefs(ctx.ws.commonDir, 'refs/heads/')).values()) candidates.add(oid);
  for (const [name, oid] of adv.refs) if (name.startsWith('refs/heads/')) candidates.add(oid);
  const haves: Oid[] = [];
  for (const oid of candidates) {
    if (haves.length >= MAX_HAVES) break;
    if (await ctx.store.has(oid)) haves.push(oid);
  }
  return haves;
}
