import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Hash of what promotion must leave alone: HEAD, the index (bytes and mtime), every working-tree
 * file, and every git-dir file other than objects, refs, logs, `packed-refs`, `FETCH_HEAD` and
 * `shallow` (which fetch and ref writes legitimately change). A split index's shared file counts by
 * its bytes only: every git command that reads it refreshes its mtime.
 */
export function gitDirFingerprint(work: string): string {
  const h = createHash('sha256');
  const changing = /^\.git\/(objects|refs|logs|packed-refs|FETCH_HEAD|shallow)(\/|$)/;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const rel = relative(work, abs);
      if (changing.test(rel)) continue;
      const st = lstatSync(abs);
      const mtime = st.isFile() && !name.startsWith('sharedindex.') ? st.mtimeMs : 0;
      h.update(`${rel}:${st.mode}:${mtime}\n`);
      if (st.isSymbolicLink()) h.update(readlinkSync(abs));
      else if (st.isDirectory()) walk(abs);
      else h.update(readFileSync(abs));
    }
  };
  walk(work);
  return h.digest('hex');
}

/** Lock files anywhere under `dir`. */
export function lockFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((p) => p.endsWith('.lock'));
}
