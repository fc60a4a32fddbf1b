import { git } from '@metawsm/testkit';
import { ObjectGit } from '../src/git/js/object-git.js';
import { ObjectStore } from '../src/git/js/repo/object-store.js';
import { makeObjectRepo, type ObjectRepo } from './support/object-repo.js';

const objects = new ObjectGit();
let repo: ObjectRepo;
let tree: string;
const commits: string[] = [];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function commitTree(parents: string[], date: number, message: string): string {
  const args = ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-m', message];
  return git(repo.dir, args, {
    env: { ...repo.env, GIT_COMMITTER_DATE: `${date} +0000`, GIT_AUTHOR_DATE: `${date} +0000` },
  });
}

/** A random DAG: mostly linear steps on several lines of development, merges, two roots. */
beforeAll(() => {
  repo = makeObjectRepo();
  tree = repo.treeOf(repo.commit({ 'f.txt': 'f\n' }));
  const next = rng(11);
  for (let i = 0; i < 60; i++) {
    const date = 1_700_000_000 + i * 60;
    const pick = () => commits[Math.max(0, commits.length - 1 - Math.floor(next() * 8))]!;
    if (i === 0 || i === 30) commits.push(commitTree([], date, `root ${i}`));
    else if (next() < 0.2 && commits.length > 2) {
      const a = pick();
      const b = pick();
      commits.push(commitTree(a === b ? [a] : [a, b], date, `merge ${i}`));
    } else commits.push(commitTree([pick()], date, `commit ${i}`));
  }
});
afterAll(() => repo.cleanup());

function pairs(n: number, seed: number): [string, string][] {
  const next = rng(seed);
  return Array.from({ length: n }, () => [
    commits[Math.floor(next() * commits.length)]!,
    commits[Math.floor(next() * commits.length)]!,
  ]);
}

describe('history walks agree with git', () => {
  it('mergeBase equals git merge-base (null for unrelated histories)', async () => {
    for (const [a, b] of pairs(80, 1)) {
      const r = repo.gitStatus(['merge-base', '--all', a, b]);
      const all = r.status === 0 ? r.stdout.trim().split('\n') : [];
      const ours = await objects.mergeBase(repo.ws, a, b);
      if (all.length === 0) expect(ours).toBeNull();
      else {
        expect(all).toContain(ours);
        expect(ours).toBe(repo.git(['merge-base', a, b]));
      }
    }
  });

  it('isAncestor equals git merge-base --is-ancestor (true for equal commits)', async () => {
    for (const [a, b] of pairs(120, 2)) {
      const expected = repo.gitStatus(['merge-base', '--is-ancestor', a, b]).status === 0;
      expect(await objects.isAncestor(repo.ws, a, b)).toBe(expected);
    }
    expect(await objects.isAncestor(repo.ws, commits[5]!, commits[5]!)).toBe(true);
  });

  it('listCommits equals git rev-list tip --not exclude… (order and limit)', async () => {
    const next = rng(3);
    for (let round = 0; round < 60; round++) {
      const tip = commits[Math.floor(next() * commits.length)]!;
      const exclude = Array.from(
        { length: Math.floor(next() * 3) },
        () => commits[Math.floor(next() * commits.length)]!,
      );
      const limit = next() < 0.3 ? 3 : 1000;
      const expected = repo.git([
        'rev-list',
        `--max-count=${limit}`,
        tip,
        ...(exclude.length ? ['--not', ...exclude] : []),
      ]);
      const got = await objects.listCommits(repo.ws, { tip, exclude, limit });
      expect(got.map((c) => c.oid)).toEqual(expected === '' ? [] : expected.split('\n'));
    }
  });

  it('listCommits returns full commit info', async () => {
    const [c] = await objects.listCommits(repo.ws, { tip: commits[10]!, exclude: [], limit: 1 });
    expect(c).toMatchObject({
      oid: commits[10],
      tree,
      message: expect.stringMatching(/^(commit|merge|root) 10\n$/),
    });
  });
});

describe('listCommits on a long history', () => {
  it('does not walk the history below the excluded commits', async () => {
    const stream: string[] = [];
    for (let i = 1; i <= 3000; i++) {
      stream.push(
        'commit refs/heads/long',
        `mark :${i}`,
        `committer C <c@example.com> ${1_600_000_000 + i} +0000`,
        `data ${`c${i}`.length}`,
        `c${i}`,
      );
      if (i > 1) stream.push(`from :${i - 1}`);
      stream.push('');
    }
    git(repo.dir, ['fast-import', '--quiet'], { env: repo.env, input: `${stream.join('\n')}\n` });
    const tip = repo.git(['rev-parse', 'long']);
    const base = repo.git(['rev-parse', 'long~3']);
    const original = ObjectStore.prototype.read;
    let count = 0;
    const reads = {
      get calls() {
        return count;
      },
      clear: () => (count = 0),
    };
    ObjectStore.prototype.read = function (this: ObjectStore, oid: string) {
      count++;
      return original.call(this, oid);
    };
    try {
      const got = await objects.listCommits(repo.ws, { tip, exclude: [base], limit: 100 });
      expect(got.map((c) => c.oid)).toEqual(repo.git(['rev-list', tip, '--not', base]).split('\n'));
      expect(reads.calls).toBeLessThan(30);
      reads.clear();
      expect(await objects.isAncestor(repo.ws, base, tip)).toBe(true);
      expect(await objects.mergeBase(repo.ws, base, tip)).toBe(base);
      expect(reads.calls).toBeLessThan(30);
      reads.clear();
      expect(await objects.listCommits(repo.ws, { tip, exclude: [], limit: 5 })).toHaveLength(5);
      expect(reads.calls).toBeLessThan(30);
    } finally {
      ObjectStore.prototype.read = original;
    }
  });
});
