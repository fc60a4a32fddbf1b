// The whole loop in memory: git, GitHub, the store and the files are the fakes of
// @metawsm/core/testing; the ports not given (clock, ids, process) are the real ones.
import { Secret } from '@metawsm/core';
import { FakeGit, FakeGitHub, InMemoryFiles, InMemoryStore } from '@metawsm/core/testing';
import { createMetawsm } from '@metawsm/adapters';

const git = new FakeGit();
git.seedRemote('https://github.com/acme/api.git', { 'README.md': '# api\n' });
git.cloneWorkspace('/agents/api', 'https://github.com/acme/api.git');
const github = new FakeGitHub();
github.addToken('t0ken', { login: 'octo', scopes: ['repo'] });
github.addRepo('acme', 'api', { permissions: { octo: { push: true } } });
const ports = { git, github, store: new InMemoryStore(), files: new InMemoryFiles() };

const metawsm = await createMetawsm({ home: '/agents', ports, token: new Secret('t0ken') });
const run = await metawsm.createRun({ tickets: ['PROJ-1'], repos: ['api=/agents/api'], status: 'completed' });
git.writeFiles('/agents/api', { 'hello.txt': 'hello\n' });
const commit = await metawsm.commit({ runId: run.id });
const pr = await metawsm.pr({ runId: run.id });
console.log(commit.targets[0]?.outcome, pr.targets[0]?.outcome, pr.targets[0]?.url);
