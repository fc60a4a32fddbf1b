import {
  assertValidBranchName,
  MetawsmError,
  type Oid,
  type RemoteEndpoint,
  type Workspace,
} from '@metawsm/core';
import type { NativeContext } from './context.js';
import { assertFullRef } from './refs.js';
import { remoteAccess } from './remote-auth.js';
import { remoteFailure, withRemoteRetry, type RemoteRetry } from './remote-errors.js';

/** Options of the remote calls. */
export interface RemoteOptions {
  retry: RemoteRetry;
}

/** `git ls-remote <url> refs/heads/<b>...`: the branches' tips (null: absent), without downloading objects. */
export async function listRemoteBranches(
  ctx: NativeContext,
  ws: Workspace,
  req: { endpoint: RemoteEndpoint; branches: string[]; options: RemoteOptions },
): Promise<Record<string, Oid | null>> {
  req.branches.forEach((b) => assertValidBranchName(b));
  const access = remoteAccess(ctx.runner.env, req.endpoint);
  const refs = req.branches.map((b) => `refs/heads/${b}`);
  const stdout = await withRemoteRetry(
    req.options.retry,
    { url: access.url, what: 'ls-remote' },
    async () => {
      const r = await ctx.runner.run({
        cwd: ws.path,
        args: ['ls-remote', '--heads', '--', access.url, ...refs],
        env: access.env,
        secrets: access.secrets,
        ok: 'any',
      });
      if (r.code !== 0)
        throw remoteFailure(r, {
          url: access.url,
          authenticated: access.secrets.length > 0,
          what: 'ls-remote',
        });
      return r.stdout.toString('utf8');
    },
  );
  const found = new Map<string, Oid>();
  for (const line of stdout.split('\n')) {
    const [oid, ref] = line.split('\t');
    if (oid && ref) found.set(ref, oid);
  }
  return Object.fromEntries(req.branches.map((b, i) => [b, found.get(refs[i]!) ?? null]));
}

const MISSING_REF = /couldn't find remote ref (refs\/heads\/\S+)/;

/**
 * `git fetch <url> +refs/heads/<b>:refs/remotes/<remote>/<b>...` (no tags, no FETCH_HEAD, no
 * auto-gc, no submodules), then the recorded tips. git refuses a refspec whose branch is absent,
 * so an absent branch is dropped and the fetch repeated without it: one round trip when every
 * branch exists, two when one is new (as many as listing first would always cost).
 */
export async function fetchBranches(
  ctx: NativeContext,
  ws: Workspace,
  req: { remote: string; endpoint: RemoteEndpoint; branches: string[]; options: RemoteOptions },
): Promise<Record<string, Oid | null>> {
  req.branches.forEach((b) => assertValidBranchName(b));
  const tracking = (b: string) => `refs/remotes/${req.remote}/${b}`;
  req.branches.forEach((b) => assertFullRef(tracking(b)));
  const access = remoteAccess(ctx.runner.env, req.endpoint);
  const present = new Set(req.branches);
  while (present.size > 0) {
    const refspecs = [...present].map((b) => `+refs/heads/${b}:${tracking(b)}`);
    const missing = await withRemoteRetry(req.options.retry, { url: access.url, what: 'fetch' }, async () => {
      const r = await ctx.runner.run({
        cwd: ws.path,
        args: [
          'fetch',
          '--quiet',
          '--no-tags',
          '--no-write-fetch-head',
          '--no-recurse-submodules',
          '--no-auto-gc',
          '--no-show-forced-updates',
          '--',
          access.url,
          ...refspecs,
        ],
        env: access.env,
        secrets: access.secrets,
        ok: 'any',
      });
      if (r.code === 0) return null;
      const m = MISSING_REF.exec(r.stderr);
      if (m) return m[1]!.slice('refs/heads/'.length);
      throw remoteFailure(r, { url: access.url, authenticated: access.secrets.length > 0, what: 'fetch' });
    });
    if (missing === null) break;
    if (!present.delete(missing))
      throw new MetawsmError('REMOTE_FAILED', `fetch reported an unexpected missing ref ${missing}`, {
        data: { branch: missing },
      });
  }
  const tips = await readTracking(ctx, ws, [...present].map(tracking));
  return Object.fromEntries(
    req.branches.map((b) => [b, present.has(b) ? (tips.get(tracking(b)) ?? null) : null]),
  );
}

async function readTracking(ctx: NativeContext, ws: Workspace, refs: string[]): Promise<Map<string, Oid>> {
  if (refs.length === 0) return new Map();
  const r = await ctx.runner.run({
    cwd: ws.path,
    args: ['for-each-ref', '--format=%(objectname) %(refname)', ...refs],
  });
  const out = new Map<string, Oid>();
  for (const line of r.stdout.toString('utf8').split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0) out.set(line.slice(sp + 1), line.slice(0, sp));
  }
  return out;
}
