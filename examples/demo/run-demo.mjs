#!/usr/bin/env node
// The whole metawsm loop on the embedded default, with no network: a local git smart-HTTP server
// and a local GitHub REST stand-in on 127.0.0.1, a generated origin repository and an agent
// workspace whose base moved while the agent worked. Then: run create → commit → pr → status, and
// one feedback round: a reviewer comments → review sync --dispatch → the agent edits → run complete
// → commit → pr (the item becomes addressed, with a reply in the thread) → status.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
} from '../../packages/testkit/dist/index.js';

const BIN = fileURLToPath(new URL('../../packages/cli/bin/run.js', import.meta.url));
const TOKEN = 'demo-token-not-a-real-secret';
const keep = process.argv.includes('--keep');

function metawsm(args, env, cwd, { echo = true } = {}) {
  console.log(`\n$ metawsm ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (echo) process.stdout.write(d);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`metawsm ${args[0]} exited ${code}`)),
    );
  });
}

/** Turn review feedback on (with a reply on address), in the home's policy file. */
function enableFeedback(home) {
  const file = join(home, '.metawsm', 'policy.json');
  const policy = JSON.parse(readFileSync(file, 'utf8'));
  policy.git_pr.review_feedback = { ...policy.git_pr.review_feedback, enabled: true, reply_on_address: true };
  writeFileSync(file, `${JSON.stringify(policy, null, 2)}\n`);
}

/** Reviewer comment → sync + dispatch → agent edit → run complete → commit → pr → addressed. */
async function feedbackRound({ github, ws, home, cliEnv, runId, prNumber }) {
  console.log('\n=== one feedback round ===');
  enableFeedback(home);
  const comment = github.addReviewComment('acme', 'api', prNumber, {
    user: 'lead-dev',
    authorAssociation: 'MEMBER',
    path: 'src/server.ts',
    line: 1,
    body: 'PORT may not be a number: fall back to 8080 when it is not.',
  });
  console.log(`lead-dev commented on PR #${prNumber} (review comment ${comment.id})`);
  await metawsm(['review', 'sync', '--dispatch', '--run-id', runId], cliEnv, home);
  const md = readFileSync(join(ws, '.metawsm', 'review-feedback.md'), 'utf8');
  console.log(
    `\n--- ${join(ws, '.metawsm', 'review-feedback.md')} (what the agent reads) ---\n${md.trim()}\n---`,
  );
  // The agent addresses it, then stops.
  writeTree(ws, {
    'src/server.ts':
      "const fromEnv = Number(process.env.PORT);\nexport const port = Number.isInteger(fromEnv) ? fromEnv : 8080;\nexport const name = 'api';\n",
  });
  await metawsm(['run', 'complete', runId], cliEnv, home);
  await metawsm(['commit', '--run-id', runId], cliEnv, home);
  await metawsm(['pr', '--run-id', runId], cliEnv, home);
  await metawsm(['review', 'list', '--run-id', runId], cliEnv, home);
  await metawsm(['status', '--run-id', runId], cliEnv, home);
}

const tmp = makeTempDir('metawsm-demo-');
const root = join(tmp.path, 'remotes');
mkdirSync(join(root, 'acme'), { recursive: true });
const env = isolatedGitEnv(tmp.path);
const gitServer = await startGitHttpServer({ root, token: TOKEN });
const github = await startGitHubStandIn({ branchExists: branchesFromBareRepos(root, env) });
github.addToken(TOKEN, { login: 'demo-operator', scopes: ['repo'] });
github.addRepo('acme', 'api', {
  defaultBranch: 'main',
  permissions: { 'demo-operator': { admin: true, push: true, pull: true } },
});

try {
  console.log(`workspace root: ${tmp.path}`);
  console.log(`git server:     ${gitServer.baseUrl}    GitHub stand-in: ${github.baseUrl}`);

  // The origin repository and the agent's clone of it.
  const pair = createRepoPair(
    root,
    'acme/api',
    {
      'README.md': '# api\n',
      'src/server.ts': "export const port = 8080;\nexport const name = 'api';\n",
      'src/util.ts': 'export const add = (a: number, b: number) => a + b;\n',
    },
    { env, remoteUrl: gitServer.urlFor('acme/api') },
  );
  const ws = join(tmp.path, 'agents', 'PROJ-42', 'api');
  mkdirSync(join(tmp.path, 'agents', 'PROJ-42'), { recursive: true });
  git(tmp.path, ['clone', '-q', pair.bare, ws], { env });
  git(ws, ['remote', 'set-url', 'origin', gitServer.urlFor('acme/api')], { env });
  git(ws, ['config', 'user.name', 'Agent Smith'], { env });
  git(ws, ['config', 'user.email', 'agent@example.com'], { env });

  // The agent works: one local commit, then uncommitted and untracked changes.
  writeTree(ws, {
    'src/util.ts':
      'export const add = (a: number, b: number) => a + b;\nexport const sub = (a: number, b: number) => a - b;\n',
  });
  git(ws, ['commit', '-qam', 'agent: add sub()'], { env });
  writeTree(ws, {
    'src/server.ts': "export const port = Number(process.env.PORT ?? 8080);\nexport const name = 'api';\n",
    'test/util.test.ts': "import { sub } from '../src/util';\n",
  });

  // Meanwhile the base moved on the remote.
  commitToBare(
    pair.bare,
    'main',
    { 'CHANGELOG.md': '## 1.1\n- faster startup\n' },
    { env, message: 'release 1.1' },
  );

  const home = join(tmp.path, 'home');
  const cliEnv = {
    ...env,
    METAWSM_HOME: home,
    METAWSM_GITHUB_TOKEN: TOKEN,
    METAWSM_GITHUB_API_URL: github.baseUrl,
  };
  mkdirSync(home, { recursive: true });
  await metawsm(['policy', 'init'], cliEnv, home);
  const created = JSON.parse(
    await metawsm(
      [
        'run',
        'create',
        '--ticket',
        'PROJ-42',
        '--repo',
        `api=${ws}`,
        '--title',
        'Configurable port and sub()',
        '--status',
        'completed',
        '--json',
      ],
      cliEnv,
      home,
      { echo: false },
    ),
  );
  console.log(`created run ${created.id} (completed) with target PROJ-42/api`);
  await metawsm(['commit', '--run-id', created.id], cliEnv, home);
  const prOut = JSON.parse(
    await metawsm(['pr', '--run-id', created.id, '--json'], cliEnv, home, { echo: false }),
  );
  const t = prOut.targets[0];
  console.log(
    `PROJ-42/api: ${t.outcome} PR #${t.number} (${t.state}) ${t.url}; pushed ${t.pushedSha.slice(0, 10)} (${t.packBytes} bytes), actor ${t.actor}`,
  );
  await metawsm(['status', '--run-id', created.id], cliEnv, home);

  await feedbackRound({ github, ws, home, cliEnv, runId: created.id, prNumber: t.number });

  const [pr] = github.listPullRequests('acme', 'api');
  const head = git(pair.bare, ['rev-parse', `refs/heads/${pr.headRef}`], { env });
  console.log('\n=== what happened ===');
  console.log(`branch   ${pr.headRef} on origin @ ${head.slice(0, 12)}`);
  console.log(`commit   ${git(pair.bare, ['log', '-1', '--format=%s', head], { env })}`);
  console.log(
    `files    ${git(pair.bare, ['diff', '--name-status', `${head}~1`, head], { env }).replace(/\n/g, ', ')}`,
  );
  console.log(`PR       #${pr.number} "${pr.title}" (${pr.state}) ${t.url}`);
  console.log(
    `workspace untouched: ${git(ws, ['status', '--porcelain'], { env }).split('\n').length} local changes still there, HEAD ${git(ws, ['rev-parse', '--abbrev-ref', 'HEAD'], { env })}`,
  );
} finally {
  await gitServer.close();
  await github.close();
  if (keep) console.log(`\nkept ${tmp.path}`);
  else tmp.cleanup();
}
