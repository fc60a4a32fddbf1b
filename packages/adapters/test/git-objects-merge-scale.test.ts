import { git } from '@metawsm/testkit';
import { ObjectGit } from '../src/git/js/object-git.js';
import { ObjectStore } from '../src/git/js/repo/object-store.js';
import { gitMergeTree, makeObjectRepo, type ObjectRepo } from './support/object-repo.js';

const FILES = 10_000;
let repo: ObjectRepo;

const path = (i: number) =>
  `pkg${i % 10}/mod${Math.floor(i / 10) % 50}/sub${Math.floor(i / 500) % 10}/f${i}.ts`;
const body = (i: number, tag = '') =>
  Array.from({ length: 20 }, (_, j) => `export const v_${i}_${j} = ${j};${j === 10 ? tag : ''}\n`).join('');

/** fast-import stream for one commit on `ref` writing `files`. */
function commitStream(ref: string, from: string | null, files: [string, string][], date: number): string {
  const out: string[] = [`commit ${ref}`, `committer C <c@example.com> ${date} +0000`, 'data 1', 'x'];
  if (from) out.push(`from ${from}`);
  for (const [p, content] of files)
    out.push(`M 100644 inline ${p}`, `data ${Buffer.byteLength(content)}`, content);
  return `${out.join('\n')}\n\n`;
}

beforeAll(() => {
  repo = makeObjectRepo();
  const all = Array.from({ length: FILES }, (_, i): [string, string] => [path(i), body(i)]);
  git(repo.dir, ['fast-import', '--quiet'], {
    env: repo.env,
    input: commitStream('refs/heads/scale-base', null, all, 1_700_000_000),
  });
  const pick = (off: number) => Array.from({ length: 50 }, (_, k) => (k * 197 + off) % FILES);
  const both = [0, 1, 2, 3, 4].map((k) => k * 97);
  const ours = [
    ...pick(1).map((i): [string, string] => [path(i), body(i, ' // ours')]),
    ...both.map((i): [string, string] => [path(i), body(i).replace(`v_${i}_1 `, 'ours_1 ')]),
  ];
  const theirs = [
    ...pick(7).map((i): [string, string] => [path(i), body(i, ' // theirs')]),
    ...both.map((i): [string, string] => [path(i), body(i).replace(`v_${i}_18 `, 'theirs_18 ')]),
  ];
  const stream =
    commitStream('refs/heads/scale-ours', 'refs/heads/scale-base', ours, 1_700_000_001) +
    commitStream('refs/heads/scale-theirs', 'refs/heads/scale-base', theirs, 1_700_000_002);
  git(repo.dir, ['fast-import', '--quiet'], { env: repo.env, input: stream });
  git(repo.dir, ['repack', '-adq'], { env: repo.env });
}, 120_000);
afterAll(() => repo.cleanup());

describe('mergeTrees at scale', () => {
  it('merges 10k files with 55-vs-55 changes by reading only changed subtrees, like git', async () => {
    const trees = {
      base: repo.treeOf('scale-base'),
      ours: repo.treeOf('scale-ours'),
      theirs: repo.treeOf('scale-theirs'),
    };
    const original = ObjectStore.prototype.read;
    let reads = 0;
    ObjectStore.prototype.read = function (this: ObjectStore, oid: string) {
      reads++;
      return original.call(this, oid);
    };
    try {
      const started = performance.now();
      const result = await new ObjectGit().mergeTrees(repo.ws, trees);
      const elapsed = performance.now() - started;
      const oracle = gitMergeTree(repo, 'scale-ours', 'scale-theirs');
      expect(result).toEqual({ clean: true, tree: oracle.clean ? oracle.tree : 'conflict' });
      // ~110 changed files spread over 10 × 50 × 10 folders: a whole-tree walk would read > 5,000 trees.
      process.stdout.write(`scale merge: ${reads} object reads, ${Math.round(elapsed)} ms\n`);
      expect(reads).toBeLessThan(1200);
      expect(elapsed).toBeLessThan(3000);
    } finally {
      ObjectStore.prototype.read = original;
    }
  });
});
