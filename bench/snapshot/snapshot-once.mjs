// One snapshot in a fresh process: prints {ms, maxRssMB} as JSON. Used by run.mjs.
import { performance } from 'node:perf_hooks';

const [, , path, mode = 'snapshot', entry = 'barrel'] = process.argv;
// 'barrel': the package entry point (loads every adapter); 'workspace': only the workspace half.
const git =
  entry === 'barrel'
    ? new (await import('../../packages/adapters/dist/index.js')).IsomorphicGitAdapter()
    : new (await import('../../packages/adapters/dist/git/workspace-git.js')).WorkspaceGit();
const sig = { name: 'Bench', email: 'bench@example.com', timestamp: 1_700_000_000, timezoneOffset: 0 };
const t0 = performance.now();
const ws = await git.openWorkspace(path);
const result =
  mode === 'tree'
    ? { tree: await git.workspaceTree(ws) }
    : await git.snapshot(ws, {
        ref: 'refs/metawsm/snapshots/bench/t/repo',
        message: 'bench',
        author: sig,
        committer: sig,
      });
const ms = performance.now() - t0;
process.stdout.write(
  JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, tree: result.tree }),
);
