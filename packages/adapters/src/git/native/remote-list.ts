import { assertValidBranchName, type Oid, type RemoteEndpoint, type Workspace } from '@metawsm/core';
import type { NativeContext } from './context.js';
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
