import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from '../../../testkit/src/git-fixtures.js';

/** A change to apply on top of a tree: new content (with mode) or null to delete. */
export type TreeEdit = { content: string; mode?: '100644' | '100755' | '120000' } | null;

/**
 * Create `refs/heads/<branch>` as a commit (parent `parent`) whose tree is `baseTree` with `edits`
 * applied, using git plumbing and a scratch index (the workspace's own index is not touched).
 */
export function branchFromTree(
  work: string,
  env: NodeJS.ProcessEnv,
  opts: { branch: string; baseTree: string; parent: string; edits: Record<string, TreeEdit> },
): string {
  const scratch = mkdtempSync(join(tmpdir(), 'metawsm-branch-'));
  try {
    const ienv = { ...env, GIT_INDEX_FILE: join(scratch, 'index') };
    git(work, ['read-tree', opts.baseTree], { env: ienv });
    for (const [path, edit] of Object.entries(opts.edits)) {
      if (edit === null) {
        git(work, ['update-index', '--force-remove', '--', path], { env: ienv });
        continue;
      }
      const oid = git(work, ['hash-object', '-w', '--stdin'], { env: ienv, input: edit.content });
      git(work, ['update-index', '--add', '--cacheinfo', `${edit.mode ?? '100644'},${oid},${path}`], {
        env: ienv,
      });
    }
    const tree = git(work, ['write-tree'], { env: ienv });
    const commit = git(work, ['commit-tree', '-p', opts.parent, '-m', `branch ${opts.branch}`, tree], {
      env: ienv,
    });
    git(work, ['update-ref', `refs/heads/${opts.branch}`, commit], { env: ienv });
    return commit;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
