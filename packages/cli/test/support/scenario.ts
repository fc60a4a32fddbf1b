import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  lstatSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
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

/** The git engines every end-to-end test runs with. */
export const ENGINES = ['native', 'js'] as const;

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
  /** Every argv the CLI's git processes were started with (a recording `git` shim is first on PATH). */
  gitArgv(): string[][];
  cli(...args: string[]): ReturnType<typeof runCli>;
  close(): Promise<void>;
}

/** Build a scenario (git server, GitHub stand-in, origin, workspace); `engine` sets METAWSM_GIT_ENGINE. */
export async function scenario(
  opts: { name?: string; files?: Record<string, string>; engine?: 'native' | 'js' } = {},
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
  const shim = gitShim(tmp.path);
  const env = {
    ...gitEnv,
    PATH: `${shim.dir}:${gitEnv.PATH ?? ''}`,
    METAWSM_HOME: home,
    METAWSM_GITHUB_TOKEN: CANARY,
    METAWSM_GITHUB_API_URL: github.baseUrl,
    ...(opts.engine ? { METAWSM_GIT_ENGINE: opts.engine } : {}),
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
    gitArgv: shim.calls,
    cli: (...args) => runCli(args, { cwd: home, env }),
    close: async () => {
      await server.close();
      await github.close();
      tmp.cleanup();
    },
  };
}

/**
 * A `git` first on PATH that appends its argv (NUL-separated, one call per line) to a log and
 * runs the real git: proof of what metawsm puts on git's command lines.
 */
function gitShim(root: string): { dir: string; calls(): string[][] } {
  const real = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
  const dir = join(root, 'shim-bin');
  const log = join(root, 'git-argv.log');
  mkdirSync(dir);
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'git'),
    `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done >> '${log}'\necho >> '${log}'\nexec '${real}' "$@"\n`,
  );
  chmodSync(join(dir, 'git'), 0o755);
  return {
    dir,
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split('\0').filter((a) => a !== '')),
  };
}

/**
 * `run create` of a completed run of one target, `api=<ws>` (the scenario's workspace unless
 * given), with `args` added (e.g. `--base develop`); returns its id, throwing unless exit 0.
 */
export async function completedRun(
  s: Scenario,
  ticket = 'T-1',
  opts: { ws?: string; args?: string[] } = {},
): Promise<string> {
  const r = await s.cli(
    'run',
    'create',
    '--ticket',
    ticket,
    '--repo',
    `api=${opts.ws ?? s.ws}`,
    ...(opts.args ?? []),
    '--status',
    'completed',
    '--json',
  );
  if (r.code !== 0) throw new Error(`run create exited ${r.code}: ${r.stdout}${r.stderr}`);
  return r.json.id as string;
}

/** Merge `gitPr` into the home's policy file (`policy init` must have run). */
export function setGitPrPolicy(s: Scenario, gitPr: Record<string, unknown>): void {
  const file = join(s.home, '.metawsm', 'policy.json');
  const policy = JSON.parse(readFileSync(file, 'utf8')) as { git_pr: Record<string, unknown> };
  writeFileSync(file, JSON.stringify({ ...policy, git_pr: { ...policy.git_pr, ...gitPr } }));
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
