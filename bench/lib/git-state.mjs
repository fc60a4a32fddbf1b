// Putting a workspace's `.git` back as it was, so the sequences that never touch the working tree
// (metawsm's promotion, git's plumbing) can each run on the same prepared workspace, from the same state,
// without a copy: a copy changes every file's inode and ctime, and the stat cache no longer matches.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Remember `ws/.git`: every file under `objects/` by name, and a copy of everything else (refs, index,
 * config, logs: small). Returns the handle for {@link restoreGitState} and {@link discardGitState}.
 */
export function saveGitState(ws) {
  const gitDir = join(ws, '.git');
  const objects = new Set(readdirSync(join(gitDir, 'objects'), { recursive: true }));
  const saved = mkdtempSync(join(tmpdir(), 'metawsm-bench-gitstate-'));
  cpSync(gitDir, saved, {
    recursive: true,
    preserveTimestamps: true,
    filter: (from) => from !== join(gitDir, 'objects'),
  });
  return { gitDir, objects, saved };
}

/** Remove every object file added since {@link saveGitState} and put everything else back. */
export function restoreGitState({ gitDir, objects, saved }) {
  const objectsDir = join(gitDir, 'objects');
  for (const f of readdirSync(objectsDir, { recursive: true }))
    if (!objects.has(f)) rmSync(join(objectsDir, f), { recursive: true, force: true });
  for (const entry of readdirSync(gitDir))
    if (entry !== 'objects') rmSync(join(gitDir, entry), { recursive: true, force: true });
  cpSync(saved, gitDir, { recursive: true, preserveTimestamps: true });
}

/** Delete the saved copy. */
export function discardGitState({ saved }) {
  rmSync(saved, { recursive: true, force: true });
}
