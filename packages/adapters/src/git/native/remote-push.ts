import {
  assertValidBranchName,
  MetawsmError,
  redactUrl,
  type Oid,
  type PushResult,
  type RemoteEndpoint,
  type Workspace,
} from '@metawsm/core';
import type { NativeContext } from './context.js';
import { scrub } from './git-runner.js';
import { readTyped } from './objects.js';
import { assertOid } from './object-text.js';
import { remoteAccess, type RemoteAccess } from './remote-auth.js';
import { remoteFailure, withRemoteRetry } from './remote-errors.js';
import { listRemoteBranches, type RemoteOptions } from './remote-list.js';

/** One ref line of `git push --porcelain`: `<flag>\t<src>:<dst>\t<summary>`. */
export interface PushedRef {
  flag: string;
  ref: string;
  summary: string;
}

/** The ref lines of `git push --porcelain` output. */
export function parsePorcelain(stdout: string): PushedRef[] {
  const out: PushedRef[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^([ +\-*!=])\t[^:\t]*:([^\t]+)\t(.*)$/.exec(line);
    if (m) out.push({ flag: m[1]!, ref: m[2]!, summary: m[3]! });
  }
  return out;
}

const UNITS: Record<string, number> = { bytes: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/**
 * Objects and bytes git sent, from its progress output: `Total <n>` and the final
 * `Writing objects: 100% (n/n), <size>` (git prints the size rounded to 0.01 of its unit above 1 KiB).
 */
export function packStats(stderr: string): PushResult {
  const lines = stderr.split(/[\r\n]/);
  let objectCount = 0;
  let packBytes = 0;
  for (const l of lines) {
    const total = /^Total (\d+) /.exec(l);
    if (total) objectCount += Number(total[1]);
    const w = /^Writing objects: 100% \(\d+\/\d+\), ([\d.]+) (bytes|KiB|MiB|GiB)/.exec(l);
    if (w) packBytes = Math.round(Number(w[1]) * UNITS[w[2]!]!);
  }
  return { objectCount, packBytes: objectCount === 0 ? 0 : packBytes };
}

function refChanged(ref: string, expected: Oid | null, actual: Oid | null | undefined): MetawsmError {
  const found = actual === undefined ? 'moved' : `is at ${actual ?? 'nothing (deleted)'}`;
  return new MetawsmError('REF_CHANGED', `remote ${ref} ${found}; expected ${expected ?? 'no branch'}`, {
    hint: 'Someone else pushed to this branch. Fetch, review their commits, and re-run.',
    data: actual === undefined ? { ref, expected } : { ref, expected, actual },
  });
}

type PushRequest = {
  endpoint: RemoteEndpoint;
  oid: Oid;
  branch: string;
  lease: Oid | null;
  options: RemoteOptions;
};

/**
 * `git push --porcelain --force-with-lease=<ref>:<lease> <url> <oid>:<ref>`: git sends only what
 * the remote lacks, and the server applies the update only if the branch is still at the lease
 * (empty lease: must not exist). A remote already at `oid` is success, so a retried push that
 * landed the first time succeeds. No hooks, no signing, no tags.
 */
export async function pushBranch(ctx: NativeContext, ws: Workspace, req: PushRequest): Promise<PushResult> {
  assertOid(req.oid, 'oid');
  if (req.lease !== null) assertOid(req.lease, 'lease');
  assertValidBranchName(req.branch);
  await readTyped(ctx, ws, req.oid, 'commit');
  const ref = `refs/heads/${req.branch}`;
  const access = remoteAccess(ctx.runner.env, req.endpoint);
  const r = await withRemoteRetry(req.options.retry, { url: access.url, what: 'push' }, async () => {
    const res = await ctx.runner.run({
      cwd: ws.path,
      args: [
        'push',
        '--porcelain',
        '--progress',
        '--no-verify',
        '--no-signed',
        '--no-follow-tags',
        '--no-recurse-submodules',
        `--force-with-lease=${ref}:${req.lease ?? ''}`,
        '--',
        access.url,
        `${req.oid}:${ref}`,
      ],
      env: access.env,
      secrets: access.secrets,
      ok: 'any',
    });
    const line = parsePorcelain(res.stdout.toString('utf8')).find((p) => p.ref === ref);
    if (!line)
      throw remoteFailure(res, { url: access.url, authenticated: access.secrets.length > 0, what: 'push' });
    return { res, line };
  });
  if (r.line.flag === '=') return { packBytes: 0, objectCount: 0 };
  if (r.line.flag !== '!' && r.res.code === 0) return packStats(r.res.stderr);
  throw await rejected(ctx, ws, { ...req, ref, access, summary: r.line.summary });
}

async function rejected(
  ctx: NativeContext,
  ws: Workspace,
  p: PushRequest & { ref: string; access: RemoteAccess; summary: string },
): Promise<MetawsmError> {
  const actual = await listRemoteBranches(ctx, ws, {
    endpoint: p.endpoint,
    branches: [p.branch],
    options: p.options,
  }).then(
    (t) => t[p.branch] ?? null,
    () => undefined,
  );
  // git checks the lease itself ("stale info"); the server refuses a stale old value under its lock.
  const lease = /stale info|fetch first|non-fast-forward|already exists/.test(p.summary);
  if (lease || (actual !== undefined && actual !== p.lease && actual !== p.oid))
    return refChanged(p.ref, p.lease, actual);
  // The server's reason comes back on stdout, which the runner does not redact.
  const reason = scrub(p.summary.replace(/^\[[^\]]*\]\s*/, '').replace(/^\((.*)\)$/, '$1'), p.access.secrets);
  return new MetawsmError('REMOTE_FAILED', `${redactUrl(p.access.url)} rejected ${p.ref}: ${reason}`, {
    hint: 'Check branch protection rules and hooks on the remote.',
    data: { ref: p.ref, reason },
  });
}
