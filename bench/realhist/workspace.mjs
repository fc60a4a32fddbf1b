// An agent workspace for one case: a local clone (objects hard-linked, so even a 300 MB pack costs
// nothing) on branch `agent` at P, whose remote-tracking base ref still points at P (as when the agent
// cloned), with X's diff applied: part of it as local agent commits, part staged, the rest unstaged or
// untracked. The split is seeded per case so a case can be replayed alone.
import { execFileSync } from 'node:child_process';
import { hashSeed, makeRng } from '../lib/rng.mjs';

const git = (cwd, args, env, input) =>
  execFileSync('git', args, { cwd, env, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });

/** Thrown when the patch applies to P's index but not to the checked-out files (e.g. eol attributes). */
export class SkipCase extends Error {}

/**
 * Clone `bare` into `dir` for case `c` and apply the agent's change. Returns the split:
 * `{ commits: string[][], staged: string[], rest: string[] }` (paths).
 */
export function prepareWorkspace({ bare, dir, env, c, seed, name, defaultBranch, baseBranch, url }) {
  git(bare, ['clone', '-q', '-n', '--no-tags', '--single-branch', '--branch', defaultBranch, bare, dir], env);
  git(dir, ['checkout', '-q', '-B', 'agent', c.P], env);
  git(dir, ['branch', '-q', '-D', defaultBranch], env);
  git(dir, ['update-ref', '-d', `refs/remotes/origin/${defaultBranch}`], env);
  git(dir, ['update-ref', `refs/remotes/origin/${baseBranch}`, c.P], env);
  git(dir, ['remote', 'set-url', 'origin', url], env);
  try {
    git(dir, ['apply', '--whitespace=nowarn', '-'], env, c.patch);
  } catch (e) {
    throw new SkipCase(`patch does not apply to the working tree: ${e.stderr ?? e.message}`);
  }
  const split = splitChange(c, seed, name);
  const literal = { ...env, GIT_LITERAL_PATHSPECS: '1' };
  const add = (paths) =>
    git(dir, ['add', '-A', '--pathspec-from-file=-', '--pathspec-file-nul'], literal, paths.join('\0'));
  split.commits.forEach((paths, i) => {
    add(paths);
    git(dir, ['commit', '-q', '--no-verify', '-m', `agent commit ${i + 1}`], env);
  });
  if (split.staged.length) add(split.staged);
  // What an agent's editor or `git status` would leave: a refreshed index (stat data of the clean files).
  git(dir, ['update-index', '-q', '--refresh'], env);
  return split;
}

/** Seeded split of the changed paths into 0–2 agent commits, staged paths and the rest (unstaged/untracked). */
export function splitChange(c, seed, name) {
  const rng = makeRng(hashSeed(String(seed), name, c.P, c.X, 'split'));
  const paths = rng.shuffle(c.files.map((f) => f.path).sort());
  const n = paths.length;
  // Keep at least one path outside the commits, so every case has uncommitted work too.
  const nCommits = n < 2 ? 0 : Math.min(rng.int(0, 2), n - 1);
  const committed = nCommits ? rng.int(nCommits, n - 1) : 0;
  const commits = [];
  for (let i = 0; i < nCommits; i++) {
    const from = Math.floor((committed * i) / nCommits);
    const to = Math.floor((committed * (i + 1)) / nCommits);
    commits.push(paths.slice(from, to));
  }
  const rest = paths.slice(committed);
  const nStaged = rng.int(0, rest.length);
  return { commits, staged: rest.slice(0, nStaged), rest: rest.slice(nStaged) };
}
