import { existsSync, readdirSync, rmSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { ObjectGit } from '../src/git/js/object-git.js';
import { makeObjectRepo, type ObjectRepo } from './support/object-repo.js';

const fastLock = { timeoutMs: 100, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
const objects = new ObjectGit({ refLock: fastLock });
let repo: ObjectRepo;
let c1: string;
let c2: string;
let c3: string;

beforeAll(() => {
  repo = makeObjectRepo();
  c1 = repo.commit({ 'a.txt': '1\n' });
  c2 = repo.commit({ 'a.txt': '2\n' });
  c3 = repo.commit({ 'a.txt': '3\n' });
});
afterAll(() => repo.cleanup());

function lockFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.lock')) out.push(join(dir, e.name));
    }
  };
  walk(join(repo.dir, '.git', 'refs'));
  return out;
}

describe('ObjectGit.readRef', () => {
  it('reads loose, packed and symbolic refs; null when absent', async () => {
    repo.git(['update-ref', 'refs/heads/loose', c1]);
    repo.git(['update-ref', 'refs/heads/packed', c2]);
    repo.git(['pack-refs', '--all']);
    repo.git(['update-ref', 'refs/heads/loose2', c3]);
    expect(await objects.readRef(repo.ws, 'refs/heads/packed')).toBe(c2);
    expect(await objects.readRef(repo.ws, 'refs/heads/loose2')).toBe(c3);
    expect(await objects.readRef(repo.ws, 'refs/heads/loose')).toBe(c1);
    expect(await objects.readRef(repo.ws, 'HEAD')).toBe(repo.git(['rev-parse', 'HEAD']));
    repo.git(['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/heads/packed']);
    expect(await objects.readRef(repo.ws, 'refs/remotes/origin/HEAD')).toBe(c2);
    expect(await objects.readRef(repo.ws, 'refs/heads/missing')).toBeNull();
    expect(await objects.readRef(repo.ws, 'refs/heads/loose/below')).toBeNull();
  });

  it('rejects invalid ref names', async () => {
    for (const bad of [
      'heads/main',
      'refs/heads/../x',
      'refs/heads/a..b',
      'refs/heads/x.lock',
      'refs/heads/a b',
    ]) {
      await expect(objects.readRef(repo.ws, bad)).rejects.toMatchObject({ code: 'INVALID_REF' });
    }
  });

  it('reads per-worktree HEAD from a linked worktree and shared refs from the common dir', async () => {
    const wt = join(dirname(repo.dir), 'linked');
    repo.git(['worktree', 'add', '-q', '-b', 'wt-branch', wt, c1]);
    const ws = {
      path: wt,
      gitDir: join(repo.dir, '.git', 'worktrees', 'linked'),
      commonDir: join(repo.dir, '.git'),
      headRef: 'refs/heads/wt-branch',
      headSha: c1,
    };
    expect(await objects.readRef(ws, 'HEAD')).toBe(c1);
    expect(await objects.readRef(ws, 'refs/heads/packed')).toBe(c2);
    await objects.updateRef(ws, { ref: 'refs/heads/from-worktree', newOid: c3, expectedOld: null });
    expect(repo.git(['rev-parse', 'refs/heads/from-worktree'])).toBe(c3);
  });
});

describe('ObjectGit.updateRef (compare-and-swap)', () => {
  it('creates a ref only when it must not exist, and reports the actual value otherwise', async () => {
    await objects.updateRef(repo.ws, { ref: 'refs/heads/cas', newOid: c1, expectedOld: null });
    expect(repo.git(['rev-parse', 'refs/heads/cas'])).toBe(c1);
    await expect(
      objects.updateRef(repo.ws, { ref: 'refs/heads/cas', newOid: c2, expectedOld: null }),
    ).rejects.toMatchObject({
      code: 'REF_CHANGED',
      data: { ref: 'refs/heads/cas', expected: null, actual: c1 },
    });
    expect(repo.git(['rev-parse', 'refs/heads/cas'])).toBe(c1);
    expect(lockFiles()).toEqual([]);
  });

  it('updates only from the expected value', async () => {
    await objects.updateRef(repo.ws, { ref: 'refs/heads/cas', newOid: c2, expectedOld: c1 });
    await expect(
      objects.updateRef(repo.ws, { ref: 'refs/heads/cas', newOid: c3, expectedOld: c1 }),
    ).rejects.toMatchObject({
      code: 'REF_CHANGED',
      data: { expected: c1, actual: c2 },
    });
    expect(repo.git(['rev-parse', 'refs/heads/cas'])).toBe(c2);
    expect(repo.gitStatus(['fsck', '--strict']).status).toBe(0);
  });

  it('compares against packed refs and overrides them with a loose ref', async () => {
    await expect(
      objects.updateRef(repo.ws, { ref: 'refs/heads/packed', newOid: c3, expectedOld: c1 }),
    ).rejects.toMatchObject({
      code: 'REF_CHANGED',
      data: { actual: c2 },
    });
    await objects.updateRef(repo.ws, { ref: 'refs/heads/packed', newOid: c3, expectedOld: c2 });
    expect(repo.git(['rev-parse', 'refs/heads/packed'])).toBe(c3);
  });

  it('lets exactly one of many concurrent updates win', async () => {
    await objects.updateRef(repo.ws, { ref: 'refs/heads/race', newOid: c1, expectedOld: null });
    const targets = [c2, c3, c2, c3, c2, c3, c2, c3];
    const results = await Promise.allSettled(
      targets.map((newOid) =>
        objects.updateRef(repo.ws, { ref: 'refs/heads/race', newOid, expectedOld: c1 }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'REF_CHANGED' });
    expect([c2, c3]).toContain(repo.git(['rev-parse', 'refs/heads/race']));
    expect(lockFiles()).toEqual([]);
  });

  it('waits for a concurrent git-style writer holding the lock, then sees its value', async () => {
    await objects.updateRef(repo.ws, { ref: 'refs/heads/held', newOid: c1, expectedOld: null });
    const path = join(repo.dir, '.git', 'refs', 'heads', 'held');
    writeFileSync(`${path}.lock`, `${c2}\n`, { flag: 'wx' });
    setTimeout(() => renameSync(`${path}.lock`, path), 40);
    await expect(
      objects.updateRef(repo.ws, { ref: 'refs/heads/held', newOid: c3, expectedOld: c1 }),
    ).rejects.toMatchObject({
      code: 'REF_CHANGED',
      data: { actual: c2 },
    });
    expect(repo.git(['rev-parse', 'refs/heads/held'])).toBe(c2);
  });

  it('leaves a foreign stale lock alone and fails with a hint', async () => {
    const path = join(repo.dir, '.git', 'refs', 'heads', 'held');
    writeFileSync(`${path}.lock`, 'stale\n');
    await expect(
      objects.updateRef(repo.ws, { ref: 'refs/heads/held', newOid: c3, expectedOld: c2 }),
    ).rejects.toMatchObject({
      code: 'GIT_FAILED',
      hint: expect.stringContaining('.lock'),
    });
    expect(existsSync(`${path}.lock`)).toBe(true);
    rmSync(`${path}.lock`);
  });

  it('refuses names clashing with existing refs, missing objects and bad ids, leaving no lock', async () => {
    await expect(
      objects.updateRef(repo.ws, { ref: 'refs/heads/cas/child', newOid: c1, expectedOld: null }),
    ).rejects.toMatchObject({ code: 'GIT_FAILED' });
    mkdirSync(join(repo.dir, '.git', 'refs', 'heads', 'dirref', 'x'), { recursive: true });
    writeFileSync(join(repo.dir, '.git', 'refs', 'heads', 'dirref', 'x', 'y'), `${c1}\n`);
    await expect(
      objects.updateRef(repo.ws, { ref: 'refs/heads/dirref', newOid: c1, expectedOld: null }),
    ).rejects.toMatchObject({ code: 'GIT_FAILED' });
    await expect(
      objects.updateRef(repo.ws, { ref: 'refs/heads/ghost', newOid: 'e'.repeat(40), expectedOld: null }),
    ).rejects.toMatchObject({ code: 'GIT_FAILED' });
    await expect(
      objects.updateRef(repo.ws, { ref: 'refs/heads/bad', newOid: 'xyz', expectedOld: null }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      objects.updateRef(repo.ws, { ref: 'refs/heads/..', newOid: c1, expectedOld: null }),
    ).rejects.toMatchObject({ code: 'INVALID_REF' });
    expect(lockFiles()).toEqual([]);
    expect(repo.gitStatus(['show-ref', '--verify', 'refs/heads/ghost']).status).not.toBe(0);
  });

  it('follows a symbolic ref to its target', async () => {
    repo.git(['symbolic-ref', 'refs/heads/alias', 'refs/heads/cas']);
    await objects.updateRef(repo.ws, { ref: 'refs/heads/alias', newOid: c3, expectedOld: c2 });
    expect(repo.git(['rev-parse', 'refs/heads/cas'])).toBe(c3);
    expect(repo.git(['symbolic-ref', 'refs/heads/alias'])).toBe('refs/heads/cas');
  });
});
