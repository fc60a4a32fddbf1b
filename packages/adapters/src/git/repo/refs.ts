import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MetawsmError, refFormatProblem, type Oid, type Workspace } from '@metawsm/core';

const OID_RE = /^[0-9a-f]{40}$/;
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

/** Refs that live in a worktree's own git dir rather than the common dir (gitrepository-layout). */
function isPerWorktree(ref: string): boolean {
  return ref === 'HEAD' || /^refs\/(bisect|worktree|rewritten)\//.test(ref);
}

/** The file holding a loose ref. */
export function loosePath(ws: Pick<Workspace, 'gitDir' | 'commonDir'>, ref: string): string {
  return join(isPerWorktree(ref) ? ws.gitDir : ws.commonDir, ...ref.split('/'));
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw new MetawsmError('GIT_FAILED', `cannot read ${path}`, { cause: e });
  }
}

/** All entries of `packed-refs` (peeled `^` lines skipped). */
export async function readPackedRefs(commonDir: string): Promise<Map<string, Oid>> {
  const map = new Map<string, Oid>();
  const text = await readText(join(commonDir, 'packed-refs'));
  for (const line of text?.split('\n') ?? []) {
    if (line === '' || line.startsWith('#') || line.startsWith('^')) continue;
    const sp = line.indexOf(' ');
    const oid = line.slice(0, sp);
    if (sp === 40 && OID_RE.test(oid)) map.set(line.slice(sp + 1), oid);
  }
  return map;
}

/** What a ref holds without following symbolic refs: an oid, a target ref, or nothing. */
export type RawRef = { kind: 'oid'; oid: Oid } | { kind: 'symbolic'; target: string } | { kind: 'missing' };

/** Read one ref as stored: the loose file first, then packed-refs. */
export async function readRawRef(ws: Pick<Workspace, 'gitDir' | 'commonDir'>, ref: string): Promise<RawRef> {
  const text = await readText(loosePath(ws, ref));
  if (text !== null) {
    const value = text.trim();
    if (value.startsWith('ref: ')) return { kind: 'symbolic', target: value.slice(5).trim() };
    if (OID_RE.test(value)) return { kind: 'oid', oid: value };
    throw new MetawsmError('GIT_FAILED', `ref ${ref} is corrupt`, { data: { ref } });
  }
  if (isPerWorktree(ref)) return { kind: 'missing' };
  const packed = (await readPackedRefs(ws.commonDir)).get(ref);
  return packed === undefined ? { kind: 'missing' } : { kind: 'oid', oid: packed };
}

/** Follow symbolic refs from `ref` to the ref that holds an oid (or is missing). */
export async function resolveRefName(
  ws: Pick<Workspace, 'gitDir' | 'commonDir'>,
  ref: string,
): Promise<{ ref: string; raw: RawRef }> {
  let name = ref;
  for (let depth = 0; depth <= MAX_SYMREF_DEPTH; depth++) {
    const raw = await readRawRef(ws, name);
    if (raw.kind !== 'symbolic') return { ref: name, raw };
    assertFullRef(raw.target);
    name = raw.target;
  }
  throw new MetawsmError('GIT_FAILED', `symbolic ref ${ref} nests too deeply`, { data: { ref } });
}

/** The oid `ref` points at (symbolic refs followed), or null. */
export async function readRef(ws: Pick<Workspace, 'gitDir' | 'commonDir'>, ref: string): Promise<Oid | null> {
  assertFullRef(ref);
  const { raw } = await resolveRefName(ws, ref);
  return raw.kind === 'oid' ? raw.oid : null;
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
        if (OID_RE.test(value)) out.set(name, value);
      }
    }
  };
  await walk(prefix.replace(/\/$/, ''));
  return out;
}
