import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  CheckRegistry,
  commitRun,
  defaultPolicy,
  policyDigest,
  type TargetCommitResult,
} from '@metawsm/core';
import { aRun, aTarget, FakeProcess, InMemoryStore, SequentialIds, TestClock } from '@metawsm/core/testing';
import {
  commitToBare,
  createRepoPair,
  git,
  gitAsync,
  isolatedGitEnv,
  makeTempDir,
  startGitHttpServer,
  writeTree,
  type FixtureFile,
  type GitHttpServer,
  type TempDir,
} from '@metawsm/testkit';
import { NativeGitAdapter } from '../src/git/native/native-git.adapter.js';
import { gitDirFingerprint, lockFiles } from './support/git-dir-fingerprint.js';

const TOKEN = 'tok_native_promote_1234';

/**
 * What the native engine newly promotes (SPEC 4.5): shallow clones, sparse and split indexes,
 * autocrlf with a clean filter, and renames merged like git. Each runs the real commit service
 * against a local git server; the promoted tree must be git's own merge of base tip and snapshot,
 * and the workspace (HEAD, index, every file, the git dir's own files) must not change.
 */
describe('native engine promotes what git handles', () => {
  let tmp: TempDir;
  let env: NodeJS.ProcessEnv;
  let server: GitHttpServer;
  let root: string;
  let git2: NativeGitAdapter;

  beforeEach(async () => {
    tmp = makeTempDir('metawsm-native-');
    env = isolatedGitEnv(tmp.path);
    git(tmp.path, ['config', '--global', 'user.name', 'Agent'], { env });
    git(tmp.path, ['config', '--global', 'user.email', 'agent@example.com'], { env });
    root = join(tmp.path, 'remotes');
    server = await startGitHttpServer({ root, token: TOKEN });
    git2 = new NativeGitAdapter({ env });
  });
  afterEach(async () => {
    git2.close();
    await server.close();
    tmp.cleanup();
  });

  /** A bare origin with `files` (and `history` more commits), served over HTTP. */
  function origin(
    files: Record<string, FixtureFile>,
    history = 0,
  ): { bare: string; url: string; work: string } {
    const pair = createRepoPair(root, 'acme/api', files, { env, remoteUrl: server.urlFor('acme/api') });
    for (let i = 0; i < history; i++)
      commitToBare(pair.bare, 'main', { [`history/${i}.txt`]: `${i}\n` }, { env, message: `history ${i}` });
    git(pair.work, ['pull', '-q', pair.bare, 'main'], { env });
    return { bare: pair.bare, url: server.urlFor('acme/api'), work: pair.work };
  }

  async function promote(work: string): Promise<TargetCommitResult> {
    const store = new InMemoryStore();
    const process = new FakeProcess();
    process.setEnv('METAWSM_GITHUB_TOKEN', TOKEN);
    const run = aRun({
      id: 'run-1',
      status: 'completed',
      tickets: ['T-1'],
      targets: [aTarget({ ticket: 'T-1', repo: 'api', path: work })],
      title: null,
    });
    await store.createRun(run);
    const before = gitDirFingerprint(work);
    const policy = { policy: defaultPolicy(), digest: policyDigest(defaultPolicy()), file: null };
    const deps = {
      git: git2,
      store,
      clock: new TestClock(),
      ids: new SequentialIds(),
      process,
      checks: CheckRegistry.withBuiltins(),
    };
    const result = await commitRun(deps, policy, {
      selection: { runId: run.id },
      dryRun: false,
      force: false,
      switch: false,
      allowRunning: false,
    });
    expect(gitDirFingerprint(work)).toBe(before);
    expect(lockFiles(join(work, '.git'))).toEqual([]);
    const t = result.targets[0]!;
    expect(t).toMatchObject({ engine: 'native', outcome: 'committed', error: null });
    // git's own merge of the base tip and the snapshot is the promoted tree.
    const oracle = git(work, ['merge-tree', '--write-tree', t.baseSha!, t.snapshotSha!], { env });
    expect(git(work, ['rev-parse', `${t.commitSha!}^{tree}`], { env })).toBe(oracle);
    expect(
      git(work, ['rev-list', '--parents', '-n', '1', t.commitSha!], { env }).split(' ').slice(1),
    ).toEqual([t.baseSha]);
    return t;
  }

  const show = (work: string, rev: string) => git(work, ['cat-file', '-p', rev], { env });

  it('a depth-1 shallow clone, with the base moved since', async () => {
    const o = origin({ 'a.txt': 'a\n', 'b.txt': 'b\n' }, 3);
    const shallow = join(tmp.path, 'shallow');
    git(tmp.path, ['clone', '-q', '--depth', '1', `file://${o.bare}`, shallow], { env });
    git(shallow, ['remote', 'set-url', 'origin', o.url], { env });
    expect(git(shallow, ['rev-parse', '--is-shallow-repository'], { env })).toBe('true');
    writeTree(shallow, { 'a.txt': 'agent\n', 'new/file.txt': 'n\n' });
    for (let i = 0; i < 3; i++) commitToBare(o.bare, 'main', { [`moved-${i}.txt`]: 'm\n' }, { env });
    const t = await promote(shallow);
    expect(show(shallow, `${t.commitSha}:a.txt`)).toBe('agent');
    expect(show(shallow, `${t.commitSha}:moved-2.txt`)).toBe('m');
    expect(t.files.map((f) => f.path).sort()).toEqual(['a.txt', 'new/file.txt']);
  });

  it('a sparse checkout with a sparse index: files outside the cone keep HEAD unless present', async () => {
    const o = origin({ 'in/a.txt': 'a\n', 'out/b.txt': 'b\n', 'out/deep/c.txt': 'c\n', 'root.txt': 'r\n' });
    const w = o.work;
    git(w, ['sparse-checkout', 'init', '--cone', '--sparse-index'], { env });
    git(w, ['sparse-checkout', 'set', 'in'], { env });
    expect(existsSync(join(w, 'out'))).toBe(false);
    expect(git(w, ['ls-files', '--sparse'], { env })).toContain('out/');
    writeTree(w, { 'in/a.txt': 'edited\n', 'in/new.txt': 'n\n', 'elsewhere/x.txt': 'x\n' });
    commitToBare(o.bare, 'main', { 'root.txt': 'moved\n' }, { env });
    const t = await promote(w);
    expect(t.files.map((f) => `${f.status} ${f.path}`).sort()).toEqual([
      'added elsewhere/x.txt',
      'added in/new.txt',
      'modified in/a.txt',
    ]);
    expect(show(w, `${t.commitSha}:out/deep/c.txt`)).toBe('c');
    expect(show(w, `${t.commitSha}:root.txt`)).toBe('moved');
  });

  it('a split index (core.splitIndex): nothing new or changed in the git dir', async () => {
    const o = origin(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f/${i}.txt`, `${i}\n`])));
    const w = o.work;
    git(w, ['config', 'core.splitIndex', 'true'], { env });
    git(w, ['update-index', '--split-index'], { env });
    writeTree(w, { 'f/1.txt': 'one\n' });
    git(w, ['add', 'f/1.txt'], { env });
    writeTree(w, { 'f/2.txt': 'two\n', 'g.txt': 'g\n' });
    rmSync(join(w, 'f/3.txt'));
    const shared = readdirSync(join(w, '.git')).filter((n) => n.startsWith('sharedindex.'));
    expect(shared).toHaveLength(1);
    const sharedBytes = readFileSync(join(w, '.git', shared[0]!));
    commitToBare(o.bare, 'main', { 'f/39.txt': 'base\n' }, { env });
    const t = await promote(w);
    expect(t.files.map((f) => `${f.status} ${f.path}`).sort()).toEqual([
      'added g.txt',
      'deleted f/3.txt',
      'modified f/1.txt',
      'modified f/2.txt',
    ]);
    expect(readdirSync(join(w, '.git')).filter((n) => n.startsWith('sharedindex.'))).toEqual(shared);
    expect(readFileSync(join(w, '.git', shared[0]!)).equals(sharedBytes)).toBe(true);
  });

  it('core.autocrlf=true with CRLF files and a .gitattributes clean filter store what git add would', async () => {
    const o = origin({
      'text.txt': 'one\ntwo\n',
      '.gitattributes': '*.up filter=upper\n',
      'x.up': 'ALREADY\n',
    });
    const w = o.work;
    git(w, ['config', 'core.autocrlf', 'true'], { env });
    git(w, ['config', 'filter.upper.clean', 'tr a-z A-Z'], { env });
    git(w, ['config', 'filter.upper.smudge', 'cat'], { env });
    writeTree(w, {
      'text.txt': 'one\r\ntwo\r\nthree\r\n',
      'crlf-new.txt': 'a\r\nb\r\n',
      'x.up': 'shout this\n',
    });
    commitToBare(o.bare, 'main', { 'other.txt': 'o\n' }, { env });
    const t = await promote(w);
    expect(show(w, `${t.commitSha}:text.txt`)).toBe('one\ntwo\nthree');
    expect(git(w, ['cat-file', 'blob', `${t.commitSha}:crlf-new.txt`], { env })).toBe('a\nb');
    expect(show(w, `${t.commitSha}:x.up`)).toBe('SHOUT THIS');
  });

  it('a rename in the workspace and an edit of the same file on the base merge cleanly, like git', async () => {
    const body = Array.from({ length: 30 }, (_, i) => `line ${i}\n`).join('');
    const o = origin({ 'src/old-name.ts': body, 'keep.txt': 'k\n' });
    const w = o.work;
    await gitAsync(w, ['mv', 'src/old-name.ts', 'src/new-name.ts'], { env });
    writeTree(w, { 'src/new-name.ts': body.replace('line 29\n', 'line 29 (agent)\n') });
    commitToBare(o.bare, 'main', { 'src/old-name.ts': body.replace('line 0\n', 'line 0 (base)\n') }, { env });
    const t = await promote(w);
    const merged = show(w, `${t.commitSha}:src/new-name.ts`);
    expect(merged).toContain('line 0 (base)');
    expect(merged).toContain('line 29 (agent)');
    expect(() => git(w, ['cat-file', '-e', `${t.commitSha}:src/old-name.ts`], { env })).toThrow();
  });
});
