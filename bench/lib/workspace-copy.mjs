// Fresh copies of a prepared workspace, one per measured run, so every sequence starts from the same state
// (base not yet fetched, nothing promoted yet). Packs are hard-linked (git never rewrites a pack file and
// the benches turn gc off), everything else is copied; then the copy's stat cache is refreshed, because a
// copy has new inode numbers and ctimes and git would otherwise re-hash every file (a cost no real
// workspace pays).
import { execFileSync } from 'node:child_process';
import { cpSync, linkSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Copy workspace `src` to `dst` (not timed by the benches) and refresh the copy's index stat data. */
export function copyWorkspace(src, dst, env) {
  const packDir = join('.git', 'objects', 'pack');
  cpSync(src, dst, {
    recursive: true,
    verbatimSymlinks: true,
    preserveTimestamps: true,
    filter: (from) => !from.startsWith(join(src, packDir)),
  });
  mkdirSync(join(dst, packDir), { recursive: true });
  for (const f of readdirSync(join(src, packDir))) linkSync(join(src, packDir, f), join(dst, packDir, f));
  // -q: modified files stay modified; only the clean entries get their stat data refreshed.
  execFileSync('git', ['update-index', '-q', '--refresh'], { cwd: dst, env, stdio: 'ignore' });
}
