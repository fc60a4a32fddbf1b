import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errnoCode, gitFailed } from './errors.js';
import { LockFile } from './lock-file.js';

/** The two git directories refs are split across. */
export interface RefDirs {
  gitDir: string;
  commonDir: string;
}

const OID = /^[0-9a-f]{40}$/;

/** Where a ref is stored: HEAD-like and per-worktree refs in gitDir, all others in commonDir. */
function refBase(dirs: RefDirs, ref: string): string {
  if (!ref.startsWith('refs/')) return dirs.gitDir;
  const perWorktree = ['refs/worktree/', 'refs/bisect/', 'refs/rewritten/'].some((p) => ref.startsWith(p));
  return perWorktree ? dirs.gitDir : dirs.commonDir;
}

/** The raw value of a ref (`ref: <target>` or an oid) from its loose file or packed-refs; null when absent. */
export async function readRawRef(dirs: RefDirs, ref: string): Promise<string | null> {
  try {
    return (await readFile(join(refBase(dirs, ref), ...ref.split('/')), 'utf8')).trim();
  } catch (e) {
    const code = errnoCode(e);
    if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') throw e;
  }
  return ref.startsWith('refs/') ? ((await readPackedRefs(dirs.commonDir)).get(ref) ?? null) : null;
}

/** Parse `packed-refs` into ref → oid (peeled `^` lines and comments skipped). */
export async function readPackedRefs(commonDir: string): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  let text: string;
  try {
    text = await readFile(join(commonDir, 'packed-refs'), 'utf8');
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return refs;
    throw e;
  }
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{40}) (\S+)$/.exec(line.trimEnd());
    if (m?.[1] && m[2]) refs.set(m[2], m[1]);
  }
  return refs;
}

/** Follow `ref` (symbolic refs included) to an oid; null when it or its target does not exist. */
export async function resolveRef(dirs: RefDirs, ref: string): Promise<string | null> {
  let name = ref;
  for (let depth = 0; depth < 6; depth++) {
    const raw = await readRawRef(dirs, name);
    if (raw === null) return null;
    if (OID.test(raw)) return raw;
    const target = /^ref:\s*(\S+)$/.exec(raw)?.[1];
    if (!target)
      throw gitFailed(
        `ref ${name} holds unexpected data "${raw.slice(0, 60)}"`,
        'Repair the ref with `git update-ref`.',
      );
    name = target;
  }
  throw gitFailed(`ref ${ref} is a symbolic-ref loop`, 'Repair it with `git symbolic-ref`.');
}

/** What HEAD says: the branch it names (null when detached) and its commit (null when unborn). */
export interface HeadState {
  headRef: string | null;
  headSha: string | null;
}

/** Read the worktree's HEAD (in gitDir) and resolve it through loose or packed refs of commonDir. */
export async function readHead(dirs: RefDirs): Promise<HeadState> {
  const raw = await readRawRef(dirs, 'HEAD');
  if (raw === null)
    throw gitFailed(
      `${dirs.gitDir}/HEAD is missing`,
      'The repository looks damaged; run `git status` to check it.',
    );
  if (OID.test(raw)) return { headRef: null, headSha: raw };
  const target = /^ref:\s*(\S+)$/.exec(raw)?.[1];
  if (!target)
    throw gitFailed(
      `HEAD holds unexpected data "${raw.slice(0, 60)}"`,
      'Repair it with `git checkout <branch>`.',
    );
  return { headRef: target, headSha: await resolveRef(dirs, target) };
}

/** Point loose ref `ref` (under refs/) at `oid` through `<ref>.lock` and a rename, as git does. */
export async function writeLooseRef(dirs: RefDirs, ref: string, oid: string): Promise<void> {
  const lock = await LockFile.acquire(join(refBase(dirs, ref), ...ref.split('/')), { createDirs: true });
  await lock.commit(`${oid}\n`);
}

/** Make HEAD of the worktree a symbolic ref to `ref`, through `HEAD.lock`. */
export async function writeSymbolicHead(dirs: RefDirs, ref: string): Promise<void> {
  const lock = await LockFile.acquire(join(dirs.gitDir, 'HEAD'));
  await lock.commit(`ref: ${ref}\n`);
}
