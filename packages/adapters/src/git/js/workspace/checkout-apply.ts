import { existsSync } from 'node:fs';
import { lstat, mkdir, rm, rmdir, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileModes } from '@metawsm/core';
import { gitFailed, nullIfMissing } from '../repo/errors.js';
import type { ObjectStore } from '../repo/object-store.js';
import type { CheckoutPlan, PlannedLeaf } from './checkout-plan.js';
import { parentOf } from './tracked-scan.js';

/**
 * Make the working tree match the plan: delete removed paths (and directories left empty), then
 * write changed files with their modes and symlinks. Ignored files are left alone unless one
 * stands exactly where a target path must go (git treats ignored files as expendable there).
 */
export async function applyCheckout(
  root: string,
  db: ObjectStore,
  plan: CheckoutPlan,
  symlinks: boolean,
): Promise<void> {
  await preflight(root, plan);
  const dirs = new RealDirs(root);
  for (const leaf of plan.removes) await removeLeaf(root, leaf, dirs);
  await pruneEmptyDirs(root, plan.removes);
  for (const leaf of plan.writes) await writeLeaf(root, db, leaf, dirs, symlinks);
}

/** Refuse before touching anything if a write would wipe a nested repository. */
async function preflight(root: string, plan: CheckoutPlan): Promise<void> {
  for (const leaf of plan.writes) {
    if (leaf.mode === FileModes.SUBMODULE) continue;
    const abs = join(root, leaf.path);
    if ((await lstatOrNull(abs))?.isDirectory() && existsSync(join(abs, '.git'))) {
      throw gitFailed(
        `checking out would replace the nested repository ${abs}`,
        'Move that repository away and retry.',
      );
    }
  }
}

async function removeLeaf(root: string, leaf: PlannedLeaf, dirs: RealDirs): Promise<void> {
  // Never follow a symlinked parent: the file would be deleted outside the workspace.
  if (!(await dirs.isReal(parentOf(leaf.path)))) return;
  const abs = join(root, leaf.path);
  const st = await lstatOrNull(abs);
  if (!st) return;
  // A submodule's directory goes only when empty, as git leaves populated ones behind.
  if (st.isDirectory()) await rmdir(abs).catch(() => undefined);
  else await unlink(abs);
}

async function pruneEmptyDirs(root: string, removed: readonly PlannedLeaf[]): Promise<void> {
  const dirs = new Set<string>();
  for (const leaf of removed)
    for (let d = parentOf(leaf.path); d !== '' && !dirs.has(d); d = parentOf(d)) dirs.add(d);
  const deepestFirst = [...dirs].sort((a, b) => b.split('/').length - a.split('/').length);
  for (const d of deepestFirst) await rmdir(join(root, d)).catch(() => undefined);
}

async function writeLeaf(
  root: string,
  db: ObjectStore,
  leaf: PlannedLeaf,
  dirs: RealDirs,
  symlinks: boolean,
): Promise<void> {
  await dirs.ensure(parentOf(leaf.path));
  const abs = join(root, leaf.path);
  const st = await lstatOrNull(abs);
  if (leaf.mode === FileModes.SUBMODULE) {
    if (st && !st.isDirectory()) await unlink(abs);
    if (!st?.isDirectory()) await mkdir(abs);
    return;
  }
  if (st?.isDirectory()) await rm(abs, { recursive: true, force: true });
  else if (st) await unlink(abs);
  const content = await db.readTyped(leaf.oid, 'blob');
  if (leaf.mode === FileModes.SYMLINK && symlinks) await symlink(Buffer.from(content), abs);
  else await writeFile(abs, content, { mode: leaf.mode === FileModes.EXECUTABLE ? 0o777 : 0o666 });
}

function lstatOrNull(abs: string) {
  return nullIfMissing(lstat(abs));
}

/** Directories known to be real (not symlinks), created on demand for writes. */
class RealDirs {
  readonly #root: string;
  readonly #real = new Set<string>(['']);

  constructor(root: string) {
    this.#root = root;
  }

  /** True when every component of `dir` is a real directory. */
  async isReal(dir: string): Promise<boolean> {
    if (this.#real.has(dir)) return true;
    if (!(await this.isReal(parentOf(dir)))) return false;
    const ok = (await lstatOrNull(join(this.#root, dir)))?.isDirectory() ?? false;
    if (ok) this.#real.add(dir);
    return ok;
  }

  /** Create `dir` and its parents, replacing files or symlinks in the way (git's create_directories). */
  async ensure(dir: string): Promise<void> {
    if (this.#real.has(dir)) return;
    await this.ensure(parentOf(dir));
    const abs = join(this.#root, dir);
    const st = await lstatOrNull(abs);
    if (st && !st.isDirectory()) await unlink(abs);
    if (!st?.isDirectory()) await mkdir(abs);
    this.#real.add(dir);
  }
}
