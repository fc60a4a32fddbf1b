#!/usr/bin/env node
// `pnpm stand-ins`: start the local git smart-HTTP server and the GitHub stand-in (127.0.0.1 only),
// seed a repository and an agent workspace cloned from it, print the URLs and the variables to
// export, and wait until Ctrl-C. Anyone can then run the whole metawsm loop by hand, offline.
// Usage: node packages/testkit/scripts/stand-ins.mjs [--repo OWNER/NAME]... [--dir DIR] [--keep] [--json]
import { randomBytes } from 'node:crypto';
import { setInterval } from 'node:timers';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  branchesFromBareRepos,
  createRepoPair,
  git,
  makeTempDir,
  startGitHttpServer,
  startGitHubStandIn,
} from '../dist/index.js';

const BIN = fileURLToPath(new URL('../../cli/bin/run.js', import.meta.url));
const argv = process.argv.slice(2);
const values = (name) => argv.flatMap((a, i) => (a === `--${name}` && argv[i + 1] ? [argv[i + 1]] : []));
const repos = values('repo').length ? values('repo') : ['acme/api'];
const json = argv.includes('--json');
const given = values('dir')[0];
const tmp = given ? { path: resolve(given), cleanup: () => undefined } : makeTempDir('metawsm-stand-ins-');
const keep = argv.includes('--keep') || Boolean(given);

for (const r of repos)
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(r)) {
    process.stderr.write(`--repo ${r}: expected OWNER/NAME\n`);
    process.exit(2);
  }

const token = `standin-${randomBytes(12).toString('hex')}`;
const login = 'operator';
const remotes = join(tmp.path, 'remotes');
mkdirSync(remotes, { recursive: true });
const gitServer = await startGitHttpServer({ root: remotes, token });
const github = await startGitHubStandIn({ branchExists: branchesFromBareRepos(remotes, process.env) });
github.addToken(token, { login, scopes: ['repo'] });

const workspaces = repos.map((full) => {
  const [owner, name] = full.split('/');
  github.addRepo(owner, name, {
    defaultBranch: 'main',
    permissions: { [login]: { admin: true, push: true, pull: true } },
  });
  const remoteUrl = gitServer.urlFor(full);
  const pair = createRepoPair(remotes, full, { 'README.md': `# ${name}\n` }, { remoteUrl });
  const ws = join(tmp.path, 'workspaces', name);
  mkdirSync(join(tmp.path, 'workspaces'), { recursive: true });
  git(tmp.path, ['clone', '-q', pair.bare, ws]);
  git(ws, ['remote', 'set-url', 'origin', remoteUrl]);
  git(ws, ['config', 'user.name', 'Stand-in Agent']);
  git(ws, ['config', 'user.email', 'agent@example.com']);
  return { repo: full, name, remoteUrl, workspace: ws };
});

const home = join(tmp.path, 'home');
mkdirSync(home, { recursive: true });
const env = { METAWSM_GITHUB_API_URL: github.baseUrl, METAWSM_GITHUB_TOKEN: token, METAWSM_HOME: home };

if (json) {
  process.stdout.write(
    `${JSON.stringify({ gitUrl: gitServer.baseUrl, githubUrl: github.baseUrl, login, env, dir: tmp.path, workspaces })}\n`,
  );
} else {
  const first = workspaces[0];
  const exports = Object.entries(env).map(([k, v]) => `  export ${k}=${v}`);
  process.stdout.write(
    [
      `metawsm stand-ins are running (Ctrl-C stops them${keep ? '' : ` and removes ${tmp.path}`}):`,
      `  git server       ${gitServer.baseUrl}   (token auth; repositories: ${repos.join(', ')})`,
      `  GitHub stand-in  ${github.baseUrl}   (login: ${login}, scope repo)`,
      ...workspaces.map(
        (w) => `  workspace        ${w.workspace}   (clone of ${w.repo}; origin ${w.remoteUrl})`,
      ),
      '',
      'In another shell, export:',
      ...exports,
      `  alias metawsm="node ${BIN}"   # unless metawsm is installed`,
      '',
      'Then try the loop:',
      '  metawsm policy init',
      `  echo "hello" > ${first.workspace}/hello.txt`,
      `  metawsm run create --ticket DEMO-1 --repo ${first.name}=${first.workspace} --title "Say hello" --status completed`,
      '  metawsm commit --ticket DEMO-1',
      '  metawsm auth check --ticket DEMO-1',
      '  metawsm pr --ticket DEMO-1',
      '  metawsm status',
      '',
    ].join('\n'),
  );
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.all([gitServer.close(), github.close()]);
  if (!keep) tmp.cleanup();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
// Keep the event loop alive while the servers wait for requests.
setInterval(() => undefined, 1 << 30);
