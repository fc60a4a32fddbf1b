import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, lstatSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  branchesFromBareRepos,
  commitToBare,
  createRepoPair,
  git,
  isolatedGitEnv,
  makeTempDir,
  startGitHttpServer,
  startGitHubStandIn,
  writeTree,
  type GitHttpServer,
  type GitHubStandIn,
  type TempDir,
} from '@metawsm/testkit';
import { runCli } from './cli.js';

/** A token that must never show up anywhere metawsm writes or prints. */
export const CANARY = 'ghp_CANARYcanaryCANARYcanary0123456789ab';

/** A complete local world: git server + GitHub stand-in, an origin `acme/<name>` and an agent workspace. */
export interface Scenario {
  tmp: TempDir;
  root: string;
  home: string;
  env: NodeJS.ProcessEnv;
  server: GitHttpServer;
  github: GitHubStandIn;
  bare: string;
  ws: string;
  cli(...args: string[]): ReturnType<typeof runCli>;
  close(): Promise<void>;
}

/** Build a scenario; `withGitHub` also starts the GitHub stand-in and points the CLI at it. */
export async function scenario(
  opts: { name?: string; files?: Record<string, string> } = {},
): Promise<Scenario> {
  const name = opts.name ?? 'api';
  const tmp = makeTempDir('metawsm-cli-');
  const root = join(tmp.path, 'remotes');
  mkdirSync(join(root, 'acme'), { recursive: true });
  const gitEnv = isolatedGitEnv(tmp.path);
  const server = await startGitHttpServer({ root, token: CANARY });
  const github = await startGitHubStandIn({ branchExists: branchesFromBareRepos(root, gitEnv) });
  github.addToken(CANARY, { login: 'octo', scopes: ['repo'] });
  github.addRepo('acme', name, { permissions: { octo: { admin: true, push: true, pull: true } } });
  const pair = createRepoPair(
    root,
    `acme/${name}`,
    opts.files ?? { 'README.md': '# api\n', 'src/a.ts': 'export const a = 1;\n' },
    { env: gitEnv, remoteUrl: server.urlFor(`acme/${name}`) },
  );
  git(pair.work, ['config', 'user.name', 'Agent'], { env: gitEnv });
  git(pair.work, ['config', 'user.email', 'agent@example.com'], { env: gitEnv });
  const home = join(tmp.path, 'home');
  mkdirSync(home);
  const env = {
    ...gitEnv,
    METAWSM_HOME: home,
    METAWSM_GITHUB_TOKEN: CANARY,
    METAWSM_GITHUB_API_URL: github.baseUrl,
  };
  return {
    tmp,
    root,
    home,
    env,
    server,
    github,
    bare: pair.bare,
    ws: pair.work,
    cli: (...args) => runCli(args, { cwd: home, env }),
    close: async () => {
      await server.close();
      await github.close();
      tmp.cleanup();
    },
  };
}

/** Agent work: a local commit, an unstaged edit, an untracked file in a new dir; then the base moves. */
export function agentWorkWithMovedBase(s: Scenario): string {
  writeTree(s.ws, { 'src/b.ts': 'export const b = 2;\n' });
  git(s.ws, ['add', '-A'], { env: s.env });
  git(s.ws, ['commit', '-qm', 'agent: add b'], { env: s.env });
  writeTree(s.ws, { 'src/a.ts': 'export const a = 42;\n', 'docs/new/guide.md': '# guide\n' });
  return commitToBare(s.bare, 'main', { 'CHANGELOG.md': 'moved\n' }, { env: s.env, message: 'base moves' });
}

/** Hash of everything the agent owns: HEAD, the index bytes, and every working-tree file (bytes, mode, links). */
export function workspaceFingerprint(ws: string): string {
  const h = createHash('sha256');
  h.update(readFileSync(join(ws, '.git', 'HEAD')));
  h.update(readFileSync(join(ws, '.git', 'index')));
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      if (dir === ws && name === '.git') continue;
      const st = lstatSync(abs);
      h.update(`${relative(ws, abs)}:${st.mode}`);
      if (st.isSymbolicLink()) h.update(readlinkSync(abs));
      else if (st.isDirectory()) walk(abs);
      else h.update(readFileSync(abs));
    }
  };
  walk(ws);
  return h.digest('hex');
}
