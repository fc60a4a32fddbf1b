// Object reads on a long real history: the js engine's pack reader vs isomorphic-git's readObject.
// Usage: node bench/pack-read/run.mjs <bare clone of a long-history repo> [--reps 3]
// Each measurement runs in a fresh process (cold in-process caches, warm page cache) and reports
// the median op time and the largest peak RSS. Build first (`pnpm build`).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const gitdir = args[0];
if (!gitdir) throw new Error('usage: run.mjs <git dir> [--reps N]');
const reps = Number(args[args.indexOf('--reps') + 1] || 3) || 3;
const rev = (r) =>
  execFileSync('git', ['--git-dir', gitdir, 'rev-parse', `${r}^{commit}`])
    .toString()
    .trim();
const head = rev('HEAD');
const other = args.includes('--other') ? rev(args[args.indexOf('--other') + 1]) : rev('HEAD~1');
const once = fileURLToPath(new URL('read-once.mjs', import.meta.url));

const ops = [
  ['tree', [head], "HEAD's tree, every subtree"],
  ['checkout', [head], "HEAD's tree and every blob"],
  ['merge-base', [head, other], 'merge base over the history between the two tips'],
];
const commits = execFileSync('git', ['--git-dir', gitdir, 'rev-list', '--count', `${other}...${head}`])
  .toString()
  .trim();
console.log(
  `repo ${gitdir}: merge-base walks ${head.slice(0, 8)}...${other.slice(0, 8)} (${commits} commits in the symmetric difference)`,
);
console.log('op          variant          median ms   objects   peak RSS MB');
for (const [op, oids, what] of ops) {
  for (const variant of ['pack-reader', 'isomorphic-git']) {
    const runs = [];
    for (let i = 0; i < reps; i++)
      runs.push(
        JSON.parse(
          execFileSync('node', [once, variant, op, gitdir, ...oids], { maxBuffer: 1 << 20 }).toString(),
        ),
      );
    runs.sort((a, b) => a.ms - b.ms);
    const med = runs[Math.floor(runs.length / 2)];
    const rss = Math.max(...runs.map((r) => r.rssMB));
    console.log(
      `${op.padEnd(11)} ${variant.padEnd(16)} ${String(med.ms).padStart(9)} ${String(med.objects).padStart(9)} ${String(rss).padStart(13)}   ${variant === 'pack-reader' ? what : ''}`,
    );
  }
}
