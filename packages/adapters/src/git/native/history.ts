import {
  FileModes,
  type CommitInfo,
  type FileChange,
  type FileMode,
  type Oid,
  type Workspace,
} from '@metawsm/core';
import type { NativeContext } from './context.js';
import { readCommit } from './objects.js';
import { assertOid } from './object-text.js';

/** `git merge-base a b`: the best common ancestor (the first, for criss-cross histories), or null. */
export async function mergeBase(ctx: NativeContext, ws: Workspace, a: Oid, b: Oid): Promise<Oid | null> {
  assertOid(a, 'a');
  assertOid(b, 'b');
  const r = await ctx.runner.run({ cwd: ws.path, args: ['merge-base', a, b], ok: [0, 1] });
  return r.code === 0 ? r.stdout.toString('utf8').trim() : null;
}

/** `git merge-base --is-ancestor`. */
export async function isAncestor(
  ctx: NativeContext,
  ws: Workspace,
  ancestor: Oid,
  descendant: Oid,
): Promise<boolean> {
  assertOid(ancestor, 'ancestor');
  assertOid(descendant, 'descendant');
  const r = await ctx.runner.run({
    cwd: ws.path,
    args: ['merge-base', '--is-ancestor', ancestor, descendant],
    ok: [0, 1],
  });
  return r.code === 0;
}

/** `git rev-list --topo-order` (children before parents), then each commit read through cat-file. */
export async function listCommits(
  ctx: NativeContext,
  ws: Workspace,
  req: { tip: Oid; exclude: Oid[]; limit: number },
): Promise<CommitInfo[]> {
  assertOid(req.tip, 'tip');
  req.exclude.forEach((x) => assertOid(x, 'exclude'));
  if (req.limit <= 0) return [];
  // Excluded commits we do not have cannot hide anything; git would fail on them.
  const known: Oid[] = [];
  for (const x of req.exclude) if ((await ctx.objects(ws).info(x)) !== null) known.push(x);
  const r = await ctx.runner.run({
    cwd: ws.path,
    args: [
      'rev-list',
      '--topo-order',
      `--max-count=${req.limit}`,
      req.tip,
      ...known.map((x) => `^${x}`),
      '--',
    ],
  });
  const oids = r.stdout.toString('utf8').split('\n').filter(Boolean);
  return Promise.all(oids.map((oid) => readCommit(ctx, ws, oid)));
}

const MODES = new Set<string>(Object.values(FileModes));

function fileMode(m: string): FileMode | null {
  return m === '000000' ? null : MODES.has(m) ? (m as FileMode) : FileModes.FILE;
}

/** `git diff-tree -r -z --no-renames` between two trees, as FileChanges sorted by path bytes. */
export async function diffTrees(
  ctx: NativeContext,
  ws: Workspace,
  from: Oid,
  to: Oid,
): Promise<FileChange[]> {
  assertOid(from, 'from');
  assertOid(to, 'to');
  const r = await ctx.runner.run({
    cwd: ws.path,
    args: ['diff-tree', '-r', '-z', '--no-renames', '--no-ext-diff', '--full-index', from, to],
  });
  const parts = r.stdout.toString('utf8').split('\0');
  const out: { change: FileChange; raw: Buffer }[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const m = /^:(\d{6}) (\d{6}) ([0-9a-f]{40}) ([0-9a-f]{40}) ([A-Z])/.exec(parts[i]!);
    if (!m) continue;
    const path = parts[i + 1]!;
    const [oldMode, newMode] = [fileMode(m[1]!), fileMode(m[2]!)];
    const status = oldMode === null ? 'added' : newMode === null ? 'deleted' : 'modified';
    out.push({
      change: {
        path,
        status,
        oldMode,
        newMode,
        oldOid: oldMode === null ? null : m[3]!,
        newOid: newMode === null ? null : m[4]!,
      },
      raw: Buffer.from(path, 'utf8'),
    });
  }
  return out.sort((a, b) => Buffer.compare(a.raw, b.raw)).map((x) => x.change);
}
