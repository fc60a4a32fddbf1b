import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Secret } from '@metawsm/core';
import {
  commitToBare,
  createRepoPair,
  describeGitContract,
  git,
  gitAsync,
  isolatedGitEnv,
  makeSshSigningKey,
  makeTempDir,
  startGitHttpServer,
  writeTree,
} from '@metawsm/testkit';
import type { GitPort } from '@metawsm/core';
import { IsomorphicGitAdapter, NativeGitAdapter } from '../src/index.js';

const TOKEN = 'contract-token-123456';
const fastRetry = {
  attempts: 3,
  baseDelayMs: 1,
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
};

const engines: [string, (env: NodeJS.ProcessEnv) => GitPort][] = [
  ['NativeGitAdapter', (env) => new NativeGitAdapter({ env, retry: fastRetry })],
  ['IsomorphicGitAdapter', () => new IsomorphicGitAdapter()],
];

describe.each(engines)('%s', (name, makeGit) => {
  describeGitContract(`${name} over the local git HTTP server`, async () => {
    const tmp = makeTempDir();
    const root = join(tmp.path, 'remotes');
    const env = isolatedGitEnv(tmp.path);
    const server = await startGitHttpServer({ root, token: TOKEN });
    const url = server.urlFor('acme/api');
    const key = makeSshSigningKey(join(tmp.path, 'ssh'));
    let bare = '';
    return {
      git: makeGit(env),
      endpoint: { url, auth: { username: 'x-access-token', password: new Secret(TOKEN) } },
      setup: async (files) => {
        const pair = createRepoPair(root, 'acme/api', files, { env, remoteUrl: url });
        bare = pair.bare;
        git(pair.work, ['config', 'user.name', 'Agent'], { env });
        git(pair.work, ['config', 'user.email', 'agent@example.com'], { env });
        return pair.work;
      },
      writeFiles: async (ws, files) => writeTree(ws, files),
      deleteFiles: async (ws, paths) => {
        for (const p of paths) rmSync(join(ws, p));
      },
      agentCommit: async (ws, message) => {
        await gitAsync(ws, ['add', '-A'], { env });
        await gitAsync(ws, ['commit', '-q', '-m', message], { env });
        return gitAsync(ws, ['rev-parse', 'HEAD'], { env });
      },
      remoteCommit: async (branch, files) => {
        if (branch !== 'main') {
          const exists = await gitAsync(bare, ['rev-parse', '--verify', '-q', `refs/heads/${branch}`], {
            env,
          }).catch(() => null);
          if (!exists) await gitAsync(bare, ['branch', branch, 'main'], { env });
        }
        return commitToBare(bare, branch, files, { env });
      },
      signing: { format: 'ssh', key: key.publicKey, program: null },
      breakSigner: async () => {
        rmSync(key.privateKey);
        rmSync(key.publicKey);
      },
      cleanup: async () => {
        await server.close();
        tmp.cleanup();
      },
    };
  });
});
