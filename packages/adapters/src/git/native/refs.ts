import { MetawsmError, refFormatProblem, type Oid, type Workspace } from '@metawsm/core';
import type { NativeContext } from './context.js';
import { stderrSummary } from './git-runner.js';
import { assertOid } from './object-text.js';

const ZERO = '0'.repeat(40);

/** Throw INVALID_REF unless `ref` is `HEAD` or a valid full ref name under `refs/`. */
export function assertFullRef(ref: string): void {
  const problem =
    ref === 'HEAD' ? null : !ref.startsWith('refs/') ? 'does not start with "refs/"' : refFormatProblem(ref);
  if (problem !== null)
    throw new MetawsmError('INVALID_REF', `"${ref}" is not a valid full ref name: it ${problem}`, {
      hint: 'Use a full ref name such as refs/heads/main.',
      data: { ref, problem },
    });
}

/**
 * The object a full ref name points at (symbolic refs followed), or null when it does not exist.
 * Asked through the worktree's `cat-file` reader (no process per read): git resolves a full
 * `refs/...` name (or `HEAD`) to that ref first; only a repository holding refs named like
 * `refs/heads/refs/heads/x` could make a missing ref resolve elsewhere, and then a
 * compare-and-swap based on it fails safely.
 */
export async function readRef(ctx: NativeContext, ws: Workspace, ref: string): Promise<Oid | null> {
  assertFullRef(ref);
  return (await ctx.objects(ws).info(ref))?.oid ?? null;
}

/**
 * Compare-and-swap with `git update-ref <ref> <new> <old>` (old = zeros: must not exist); git
 * checks the old value while holding `<ref>.lock`. REF_CHANGED when the ref was elsewhere.
 */
export async function updateRef(
  ctx: NativeContext,
  ws: Workspace,
  req: { ref: string; newOid: Oid; expectedOld: Oid | null | undefined; message?: string },
): Promise<void> {
  assertFullRef(req.ref);
  assertOid(req.newOid, 'newOid');
  if (req.expectedOld) assertOid(req.expectedOld, 'expectedOld');
  const args = ['update-ref', '-m', req.message ?? 'metawsm', req.ref, req.newOid];
  if (req.expectedOld !== undefined) args.push(req.expectedOld ?? ZERO);
  const r = await ctx.runner.run({ cwd: ws.path, args, ok: 'any' });
  if (r.code === 0) return;
  if (/is at [0-9a-f]+ but expected|reference already exists|unable to resolve reference/.test(r.stderr)) {
    const actual = await readRef(ctx, ws, req.ref);
    throw new MetawsmError(
      'REF_CHANGED',
      `ref ${req.ref} changed: expected ${req.expectedOld ?? 'no ref'}, found ${actual ?? 'no ref'}`,
      {
        hint: 'Another process updated the ref; re-run the command to start from its new value.',
        data: { ref: req.ref, expected: req.expectedOld ?? null, actual },
      },
    );
  }
  const busy = /Unable to create '(.+\.lock)': File exists/.exec(r.stderr);
  throw new MetawsmError(
    'GIT_FAILED',
    busy
      ? `ref ${req.ref} is locked by another process`
      : `cannot update ref ${req.ref}: ${stderrSummary(r.stderr)}`,
    {
      hint: busy
        ? `If no git process is running, remove the stale lock file ${busy[1]} and retry.`
        : 'Check the repository (a ref with a prefix of this name, permissions, disk space).',
      data: { ref: req.ref, exitCode: r.code },
    },
  );
}
