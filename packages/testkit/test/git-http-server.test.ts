import { readFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { join } from 'node:path';
import * as isogit from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import {
  createRepoPair,
  git,
  gitAsync,
  isolatedGitEnv,
  makeTempDir,
  startGitHttpServer,
  writeTree,
  type GitHttpServer,
  type TempDir,
} from '../src/index.js';

describe('git smart-HTTP stand-in', () => {
  let tmp: TempDir;
  let server: GitHttpServer;
  const token = 'canary-token-123';
  beforeEach(async () => {
    tmp = makeTempDir();
    server = await startGitHttpServer({ root: tmp.path, token });
  });
  afterEach(async () => {
    await server.close();
    tmp.cleanup();
  });

  it('serves clone and push to the git CLI, with Basic auth', async () => {
    const env = isolatedGitEnv(tmp.path);
    const pair = createRepoPair(tmp.path, 'origin', { 'README.md': 'hello\n' }, { env });
    const authed = server.urlFor('origin').replace('http://', `http://x-access-token:${token}@`);
    await gitAsync(tmp.path, ['clone', '-q', authed, 'viahttp'], { env });
    const clone = join(tmp.path, 'viahttp');
    expect(readFileSync(join(clone, 'README.md'), 'utf8')).toBe('hello\n');
    writeTree(clone, { 'new.txt': 'x\n' });
    git(clone, ['add', '-A'], { env });
    git(clone, ['commit', '-q', '-m', 'add'], { env });
    await gitAsync(clone, ['push', '-q', 'origin', 'HEAD:refs/heads/feature'], { env });
    expect(git(pair.bare, ['rev-parse', 'refs/heads/feature'], { env })).toBe(
      git(clone, ['rev-parse', 'HEAD'], { env }),
    );
    await gitAsync(clone, ['push', '-q', 'origin', ':refs/heads/feature'], { env });
    expect(() => git(pair.bare, ['rev-parse', '--verify', '-q', 'refs/heads/feature'], { env })).toThrow();
  });

  it('rejects a wrong token with 401', async () => {
    const env = isolatedGitEnv(tmp.path);
    createRepoPair(tmp.path, 'origin', { a: '1' }, { env });
    const bad = server.urlFor('origin').replace('http://', 'http://x:wrong@');
    await expect(gitAsync(tmp.path, ['clone', '-q', bad, 'nope'], { env })).rejects.toThrow();
    expect(server.requests.some((r) => r.status === 401)).toBe(true);
  });

  it('serves fetch and push to isomorphic-git', async () => {
    const env = isolatedGitEnv(tmp.path);
    const pair = createRepoPair(
      tmp.path,
      'origin',
      { 'a.txt': 'a\n' },
      { env, remoteUrl: server.urlFor('origin') },
    );
    const onAuth = () => ({ username: 'x-access-token', password: token });
    const fetched = await isogit.fetch({
      fs,
      http,
      dir: pair.work,
      url: server.urlFor('origin'),
      ref: 'main',
      singleBranch: true,
      onAuth,
    });
    expect(fetched.fetchHead).toBe(git(pair.bare, ['rev-parse', 'main'], { env }));
    writeTree(pair.work, { 'b.txt': 'b\n' });
    git(pair.work, ['add', '-A'], { env });
    git(pair.work, ['commit', '-q', '-m', 'b'], { env });
    const res = await isogit.push({
      fs,
      http,
      dir: pair.work,
      url: server.urlFor('origin'),
      ref: 'main',
      remoteRef: 'refs/heads/topic',
      onAuth,
    });
    expect(res.ok).toBe(true);
    expect(git(pair.bare, ['rev-parse', 'topic'], { env })).toBe(
      git(pair.work, ['rev-parse', 'HEAD'], { env }),
    );
  });

  it('injects failures', async () => {
    const env = isolatedGitEnv(tmp.path);
    createRepoPair(tmp.path, 'origin', { a: '1' }, { env });
    server.failNext(/info\/refs/, 1, 502);
    const authed = server.urlFor('origin').replace('http://', `http://x:${token}@`);
    await expect(gitAsync(tmp.path, ['ls-remote', authed], { env })).rejects.toThrow();
    expect(await gitAsync(tmp.path, ['ls-remote', authed], { env })).toContain('refs/heads/main');
  });
});
