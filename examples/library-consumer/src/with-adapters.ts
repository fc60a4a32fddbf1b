// The real adapters: a git workspace on disk, GitHub (or GitHub Enterprise, or a stand-in: see
// METAWSM_GITHUB_API_URL), the home's SQLite store. Usage: node with-adapters.js WORKSPACE
import { createMetawsm } from '@metawsm/adapters';

const [workspace] = process.argv.slice(2);
if (!workspace) throw new Error('usage: with-adapters WORKSPACE');
// The home comes from METAWSM_HOME (or give `home`); the token is given in code, never logged.
const metawsm = await createMetawsm({ token: process.env.BOT_TOKEN });
try {
  await metawsm.initPolicy({ force: true });
  const run = await metawsm.createRun({
    tickets: ['PROJ-7'],
    repos: [`api=${workspace}`],
    title: 'Add hello',
    status: 'completed',
  });
  const commit = await metawsm.commit({ runId: run.id });
  for (const t of commit.targets) console.log(`commit ${t.ticket}/${t.repo}: ${t.outcome} ${t.branch ?? ''}`);
  if (commit.exitCode === 0) {
    const pr = await metawsm.pr({ runId: run.id });
    for (const t of pr.targets) console.log(`pr ${t.ticket}/${t.repo}: ${t.outcome} ${t.url ?? ''}`);
    process.exitCode = pr.exitCode;
  } else process.exitCode = commit.exitCode;
} finally {
  await metawsm.close();
}
