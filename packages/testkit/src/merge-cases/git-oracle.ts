import { runGit } from './case-repo.js';

/** What `git merge-tree --write-tree` says about one merge. */
export interface GitMergeOutcome {
  clean: boolean;
  /** The merged tree (with conflict markers when not clean). */
  tree: string;
  /** Conflicted paths, with git's `~<branch>` side names (file/directory, distinct types) removed. */
  paths: string[];
}

/** Strip the `~<sha>[_n]` suffix git gives a path it moved aside (e.g. a file in a directory's way). */
export function withoutSideSuffix(path: string, sides: readonly string[]): string {
  for (const side of sides) {
    const m = new RegExp(`~${side}(_\\d+)?$`).exec(path);
    if (m) return path.slice(0, m.index);
  }
  return path;
}

/** Parse the NUL-separated output of `merge-tree --stdin --name-only --no-messages`. */
export function parseMergeTreeStdin(
  out: Buffer,
  pairs: readonly { ours: string; theirs: string }[],
): GitMergeOutcome[] {
  const tokens = out.toString('utf8').split('\0');
  const results: GitMergeOutcome[] = [];
  let at = 0;
  for (const pair of pairs) {
    const clean = tokens[at++] === '1';
    const tree = tokens[at++]!;
    const paths = new Set<string>();
    while (at < tokens.length && tokens[at] !== '')
      paths.add(withoutSideSuffix(tokens[at++]!, [pair.ours, pair.theirs]));
    at++;
    results.push({ clean, tree, paths: [...paths].sort() });
  }
  return results;
}

/**
 * The oracle: git's own merge (merge-ort, default options, renames on) of each `ours`/`theirs`
 * commit pair, batched through `git merge-tree --stdin` in `workers` parallel processes.
 */
export async function gitMergeOutcomes(
  dir: string,
  pairs: readonly { ours: string; theirs: string }[],
  env: NodeJS.ProcessEnv,
  workers = 2,
): Promise<GitMergeOutcome[]> {
  const size = Math.ceil(pairs.length / workers);
  const batches = Array.from({ length: workers }, (_, w) => pairs.slice(w * size, (w + 1) * size));
  const outputs = await Promise.all(
    batches.map(async (batch) => {
      if (batch.length === 0) return [];
      const input = batch.map((p) => `${p.ours} ${p.theirs}\n`).join('');
      const args = [
        '-c',
        'core.quotePath=false',
        'merge-tree',
        '--write-tree',
        '--stdin',
        '--name-only',
        '--no-messages',
      ];
      return parseMergeTreeStdin(await runGit(dir, args, env, input), batch);
    }),
  );
  return outputs.flat();
}
