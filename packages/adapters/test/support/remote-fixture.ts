import { join } from 'node:path';
import { Secret, type RemoteEndpoint, type Workspace } from '@metawsm/core';
import {
  createRepoPair,
  git,
  gitAsync,
  makeTempDir,
  startGitHttpServer,
  type FixtureFile,
  type GitHttpServer,
  type RepoPair,
  type TempDir,
  writeTree,
} from '@metawsm/testkit';
import { ObjectGit, type ObjectGitOps } from '../../src/git/js/object-git.js';
import { NativeGitAdapter } from '../../src/git/native/native-git.adapter.js';
import type { WorkspaceEngine } from './workspace-sandbox.js';

/** The GitPort methods of the object half (remote, objects, refs, merges), as both engines serve them. */
export type TransportOps = ObjectGitOps;

/** An engine's transport with fast retries, running git (native) in `env`. */
export function transportFor(engine: WorkspaceEngine, env: NodeJS.ProcessEnv): TransportOps {
  return engine === 'js'
    ? new ObjectGit({ http: { retry: fastRetry } })
    : new NativeGitAdapter({
        env,
        retry: { attempts: fastRetry.attempts, baseDelayMs: fastRetry.baseDelayMs, sleep: fastRetry.sleep },
      });
}

/** The token the test server requires; no error may ever contain it. */
export const TOKEN = 'tok_Zq8wPp3LmX7vR2sK9dF4';

/** Retries without real waiting, so failure tests stay fast. */
export const fastRetry = {
  attempts: 3,
  baseDelayMs: 1,
  maxDelayMs: 4,
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
};

/** A bare `origin` served over smart HTTP with a token, plus a working clone. */
export interface RemoteFixture {
  tmp: TempDir;
  server: GitHttpServer;
  pair: RepoPair;
  ws: Workspace;
  endpoint: RemoteEndpoint;
  objects: TransportOps;
  /** Run git in the working clone (async: the server lives in this process). */
  work(args: string[]): Promise<string>;
  /** Run git in the bare repository. */
  bare(args: string[]): Promise<string>;
  close(): Promise<void>;
}

/** Workspace value for a normal (non-worktree) repository. */
export function workspaceOf(path: string): Workspace {
  return {
    path,
    gitDir: join(path, '.git'),
    commonDir: join(path, '.git'),
    headRef: 'refs/heads/main',
    headSha: null,
  };
}

export async function startRemoteFixture(
  files: Record<string, FixtureFile>,
  name = 'origin',
  engine: WorkspaceEngine = 'js',
): Promise<RemoteFixture> {
  const tmp = makeTempDir('metawsm-transport-');
  // Synchronous git only before the server starts: a sync child would block the server's event loop.
  const pair = createRepoPair(tmp.path, name, files);
  git(pair.bare, ['config', 'receive.fsckObjects', 'true'], { env: pair.env });
  const server = await startGitHttpServer({ root: tmp.path, token: TOKEN });
  await gitAsync(pair.work, ['remote', 'set-url', 'origin', server.urlFor(name)], { env: pair.env });
  return {
    tmp,
    server,
    pair,
    ws: workspaceOf(pair.work),
    endpoint: { url: server.urlFor(name), auth: { username: 'metawsm', password: new Secret(TOKEN) } },
    objects: transportFor(engine, pair.env),
    work: (args) => gitAsync(pair.work, args, { env: pair.env }),
    bare: (args) => gitAsync(pair.bare, args, { env: pair.env }),
    close: async () => {
      await server.close();
      tmp.cleanup();
    },
  };
}

/** Make a commit in the working clone; returns its id. */
export async function commitInWork(
  f: RemoteFixture,
  files: Record<string, string>,
  message = 'work',
): Promise<string> {
  writeTree(f.pair.work, files);
  await f.work(['add', '-A']);
  await f.work(['commit', '-q', '-m', message]);
  return f.work(['rev-parse', 'HEAD']);
}

/** `commitToBare` without blocking the event loop (the server runs in this process). */
export async function commitToBareAsync(
  f: RemoteFixture,
  files: Record<string, string>,
  message = 'move base',
): Promise<string> {
  const dir = join(f.tmp.path, `bare-commit-${Date.now()}-${Math.random().toString(16).slice(2)}`);
  const run = (args: string[]) => gitAsync(dir, args, { env: f.pair.env });
  await gitAsync(f.tmp.path, ['clone', '-q', f.pair.bare, dir], { env: f.pair.env });
  writeTree(dir, files);
  await run(['add', '-A']);
  await run(['commit', '-q', '-m', message]);
  await run(['push', '-q', 'origin', 'HEAD:main']);
  return run(['rev-parse', 'HEAD']);
}

/** Everything an error exposes when printed, serialised or inspected. */
export function everythingIn(e: unknown): string {
  const seen = new Set<unknown>();
  const parts: string[] = [];
  const visit = (x: unknown, depth: number) => {
    if (x === null || x === undefined || depth > 6 || seen.has(x)) return;
    seen.add(x);
    if (typeof x !== 'object') {
      parts.push(String(x));
      return;
    }
    if (x instanceof Error) parts.push(x.message, x.stack ?? '');
    try {
      parts.push(JSON.stringify(x));
    } catch {
      /* cyclic */
    }
    for (const k of Object.getOwnPropertyNames(x)) visit((x as Record<string, unknown>)[k], depth + 1);
  };
  visit(e, 0);
  return parts.join('\n');
}
