import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MetawsmError, refFormatProblem, type Oid, type Workspace } from '@metawsm/core';
import { errnoCode, gitFailed } from './errors.js';
import { isOid } from './object-id.js';

/** The two git directories refs are split across: a worktree's own and the shared common dir. */
export type GitDirs = Pick<Workspace, 'gitDir' | 'commonDir'>;

/** Symbolic refs followed after the first read (git's own limit is 5). */
const MAX_SYMREF_DEPTH = 5;

/** Throw INVALID_REF unless `ref` is `HEAD` or a valid full ref name under `refs/`. */
export function assertFullRef(ref: string): void {
  const problem =
    ref === 'HEAD' ? null : !ref.startsWith('refs/') ? 'does not start with "refs/"' : refFormatProblem(ref);
  if (problem !== null) {
    throw new MetawsmError('INVALID_REF', `"${ref}" is not a valid full ref name: it ${problem}`, {
      hint: 'Use a full ref name such as refs/heads/main.',
      data: { ref, problem },
    });
  }
}

/** HEAD-like refs and refs/{bisect,worktree,rewritten}/ live in a worktree's git dir (gitrepository-layout). */
function isPerWorktree(ref: string): boolean {
  return !ref.startsWith('refs/') || /^refs\/(bisect|worktree|rewritten)\//.test(ref);
}

/** The file holding a loose ref. */
export function loosePath(dirs: GitDirs, ref: string): string {
  return join(isPerWorktree(ref) ? dirs.gitDir : dirs.commonDir, ...ref.split('/'));
}

/** A file's text; null when it (or a directory on its path) does not exist, or is a directory. */
async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw gitFailed(`cannot read ${path}`, 'Check the permissions of the repository.', e);
  }
}

/** All entries of `packed-refs` (comments and peeled `^` lines skipped). */
export async function readPackedRefs(commonDir: string): Promise<Map<string, Oid>> {
  const map = new Map<string, Oid>();
  const text = await readText(join(commonDir, 'packed-refs'));
  for (const line of text?.split('\n') ?? []) {
    const m = /^([0-9a-f]{40}) (\S+)$/.exec(line.trimEnd());
    if (m?.[1] && m[2]) map.set(m[2], m[1]);
  }
  return map;
}

/** What a ref holds without following symbolic refs: an oid, a target ref, or nothing. */
export type RawRef = { kind: 'oid'; oid: Oid } | { kind: 'symbolic'; target: string } | { kind: 'missing' };

/** Read one ref as stored: the loose file first, then (for shared refs) packed-refs. */
export async function readRawRef(dirs: GitDirs, ref: string): Promise<RawRef> {
  const text = await readText(loosePath(dirs, ref));
  if (text !== null) {
    const value = text.trim();
    if (isOid(value)) return { kind: 'oid', oid: value };
    // Like git, accept `ref:` with or without whitespace before the target.
    const target = /^ref:\s*(\S+)$/.exec(value)?.[1];
    if (target) return { kind: 'symbolic', target };
    throw new MetawsmError('GIT_FAILED', `ref ${ref} is corrupt: it holds "${value.slice(0, 60)}"`, {
      hint:
        ref === 'HEAD' ? 'Repair it with `git checkout <branch>`.' : 'Repair the ref with `git update-ref`.',
      data: { ref },
    });
  }
  // Per-worktree refs are never packed into the common dir's packed-refs.
  if (isPerWorktree(ref)) return { kind: 'missing' };
  const packed = (await readPackedRefs(dirs.commonDir)).get(ref);
  return packed === undefined ? { kind: 'missing' } : { kind: 'oid', oid: packed };
}

/** Follow symbolic refs from `ref` (each target must be a valid full ref) to the ref that holds an oid or is missing. */
export async function resolveRefName(dirs: GitDirs, ref: string): Promise<{ ref: string; raw: RawRef }> {
  let name = ref;
  for (let depth = 0; depth <= MAX_SYMREF_DEPTH; depth++) {
    const raw = await readRawRef(dirs, name);
    if (raw.kind !== 'symbolic') return { ref: name, raw };
    assertFullRef(raw.target);
    name = raw.target;
  }
  throw new MetawsmError('GIT_FAILED', `symbolic ref ${ref} nests too deeply (or loops)`, {
    hint: 'Repair it with `git symbolic-ref`.',
    data: { ref },
  });
}

/** The oid `ref` points at (symbolic refs followed), or null when it or its target does not exist. */
export async function resolveRef(dirs: GitDirs, ref: string): Promise<Oid | null> {
  const { raw } = await resolveRefName(dirs, ref);
  return raw.kind === 'oid' ? raw.oid : null;
}

/** What HEAD says: the branch it names (null when detached) and its commit (null when unborn). */
export interface HeadState {
  headRef: string | null;
  headSha: Oid | null;
}

/** Read a worktree's HEAD (in its git dir) and resolve the branch it names through loose or packed refs. */
export async function readHead(dirs: GitDirs): Promise<HeadState> {
  const raw = await readRawRef(dirs, 'HEAD');
  switch (raw.kind) {
    case 'missing':
      throw gitFailed(
        `${dirs.gitDir}/HEAD is missing`,
        'The repository looks damaged; run `git status` to check it.',
      );
    case 'oid':
      return { headRef: null, headSha: raw.oid };
    case 'symbolic':
      return { headRef: raw.target, headSha: await resolveRef(dirs, raw.target) };
  }
}

/** Loose and packed refs under `prefix` (e.g. `refs/remotes/origin/`) in the common dir. */
export async function listRefs(commonDir: string, prefix: string): Promise<Map<string, Oid>> {
  const out = new Map<string, Oid>();
  for (const [name, oid] of await readPackedRefs(commonDir)) if (name.startsWith(prefix)) out.set(name, oid);
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(commonDir, ...rel.split('/')), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const name = `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(name);
      else if (!e.name.endsWith('.lock')) {
        const value = (await readText(join(commonDir, ...name.split('/'))))?.trim() ?? '';
        if (isOid(value)) out.set(name, value);
      }
    }
  };
  await walk(prefix.replace(/\/$/, ''));
  return out;
}
