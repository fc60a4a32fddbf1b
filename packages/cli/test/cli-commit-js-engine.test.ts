import { join } from 'node:path';
import { commitToBare, git, writeTree } from '@metawsm/testkit';
import { runCli } from './support/cli.js';
import { scenario, type Scenario, completedRun } from './support/scenario.js';

// The pure-JS engine end to end: a shallow clone promotes like any workspace; what it cannot
// reproduce exactly is refused with exit 2 (never exit 1). METAWSM_GIT_ENGINE=js selects it
// (git itself is on PATH here, so auto would pick the native engine).

describe('metawsm commit with the js engine', () => {
  let s: Scenario;
  beforeEach(async () => {
    s = await scenario();
    await s.cli('policy', 'init');
  });
  afterEach(() => s.close());

  async function runFor(ws: string): Promise<string> {
    return completedRun(s, 'T-1', { ws });
  }
  const cli = (...args: string[]) =>
    runCli(args, { cwd: s.home, env: { ...s.env, METAWSM_GIT_ENGINE: 'js' } });

  it('promotes a shallow clone (git clone --depth 1) onto a moved base', async () => {
    commitToBare(s.bare, 'main', { 'src/a.ts': 'export const a = 2;\n' }, { env: s.env });
    const shallow = join(s.tmp.path, 'shallow');
    git(s.tmp.path, ['clone', '-q', '--depth', '1', `file://${s.bare}`, shallow], { env: s.env });
    git(shallow, ['config', 'user.name', 'Agent'], { env: s.env });
    git(shallow, ['config', 'user.email', 'agent@example.com'], { env: s.env });
    git(
      shallow,
      ['remote', 'set-url', 'origin', git(s.ws, ['remote', 'get-url', 'origin'], { env: s.env })],
      { env: s.env },
    );
    writeTree(shallow, { 'src/new.ts': 'export const n = 1;\n' });
    const base = commitToBare(s.bare, 'main', { 'CHANGELOG.md': 'moved\n' }, { env: s.env });
    const runId = await runFor(shallow);
    const r = await cli('commit', '--run-id', runId, '--json');
    expect(r.code).toBe(0);
    expect(r.json.targets[0]).toMatchObject({
      outcome: 'committed',
      baseSha: base,
      parents: [base],
      error: null,
    });
    const tree = git(shallow, ['ls-tree', '-r', '--name-only', r.json.targets[0].commitSha], { env: s.env });
    expect(tree.split('\n')).toEqual(expect.arrayContaining(['CHANGELOG.md', 'src/new.ts', 'src/a.ts']));
  });

  it('refuses a workspace using Git LFS with exit 2 and a hint naming METAWSM_GIT_ENGINE=native', async () => {
    const runId = await runFor(s.ws);
    writeTree(s.ws, {
      '.gitattributes': '*.bin filter=lfs diff=lfs merge=lfs -text\n',
      'x.bin': 'pointer\n',
    });
    const r = await cli('commit', '--run-id', runId, '--json');
    expect(r.code).toBe(2);
    expect(r.json.targets[0].error).toMatchObject({
      code: 'ENGINE_UNSUPPORTED',
      hint: expect.stringContaining('METAWSM_GIT_ENGINE=native'),
    });
  });
});
