import type { SnapshotResult, Workspace } from '@metawsm/core';
import { git } from '../../../testkit/src/git-fixtures.js';
import type { WorkspaceOps } from './workspace-sandbox.js';
import { captureWorkspace, expectFsckClean, objectCount, oracleTree, SIG } from './workspace-oracle.js';

/** The ref every snapshot test writes. */
export const SNAP_REF = 'refs/metawsm/snapshots/run-1/t-1/repo';

/**
 * Take a snapshot of `path` and check everything the port promises: workspaceTree writes nothing
 * and agrees with the snapshot; HEAD, index and working tree are untouched; the ref points at a
 * commit whose parent is HEAD; `git fsck --strict` is clean; and the tree equals git's own
 * `git add -A && git write-tree`.
 */
export async function checkSnapshot(
  adapter: Pick<WorkspaceOps, 'openWorkspace' | 'workspaceTree' | 'snapshot'>,
  path: string,
  env: NodeJS.ProcessEnv,
  options: { excludePaths?: string[] } = {},
): Promise<{ ws: Workspace; snap: SnapshotResult }> {
  const ws = await adapter.openWorkspace(path);
  const before = captureWorkspace(ws);
  const objectsBefore = objectCount(ws.path, env);
  const tree = await adapter.workspaceTree(ws);
  expect(objectCount(ws.path, env)).toBe(objectsBefore);
  const snap = await adapter.snapshot(ws, {
    ref: SNAP_REF,
    message: 'metawsm snapshot',
    author: SIG,
    committer: SIG,
  });
  expect(captureWorkspace(ws)).toEqual(before);
  expect(snap.tree).toBe(tree);
  expect(snap.head).toBe(ws.headSha);
  expect(git(ws.path, ['rev-parse', SNAP_REF], { env })).toBe(snap.commit);
  expect(git(ws.path, ['rev-parse', `${snap.commit}^{tree}`], { env })).toBe(snap.tree);
  const parents = git(ws.path, ['rev-list', '--parents', '-n', '1', snap.commit], { env })
    .split(' ')
    .slice(1);
  expect(parents).toEqual(ws.headSha ? [ws.headSha] : []);
  expectFsckClean(ws.path, env);
  expect(snap.tree).toBe(oracleTree(ws, env, options));
  expect(captureWorkspace(ws)).toEqual(before);
  return { ws, snap };
}

/** `git ls-tree -r` of a tree as "mode type oid\tpath" lines. */
export function lsTree(dir: string, tree: string, env: NodeJS.ProcessEnv): string[] {
  const out = git(dir, ['ls-tree', '-r', '--full-tree', tree], { env });
  return out === '' ? [] : out.split('\n');
}

/** The path → "mode oid" map of a tree. */
export function treeFiles(dir: string, tree: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lsTree(dir, tree, env)) {
    const [meta, path] = line.split('\t');
    const [mode, , oid] = (meta ?? '').split(' ');
    out[path ?? ''] = `${mode} ${oid}`;
  }
  return out;
}
