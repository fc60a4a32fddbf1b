import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRepoPair, isolatedGitEnv, makeTempDir, type TempDir } from '@metawsm/testkit';
import { runCli } from './support/cli.js';

describe('run create refuses inputs that would break refs later (issue 10 items 10, 11)', () => {
  let tmp: TempDir;
  let env: NodeJS.ProcessEnv;
  let home: string;
  let ws: string;
  const cli = (...args: string[]) => runCli(args, { cwd: home, env });

  beforeAll(async () => {
    tmp = makeTempDir();
    home = join(tmp.path, 'home');
    mkdirSync(home);
    env = { ...isolatedGitEnv(tmp.path), METAWSM_HOME: home };
    ws = createRepoPair(
      tmp.path,
      'api',
      { 'a.txt': 'a\n' },
      { env, remoteUrl: 'https://github.com/acme/api.git' },
    ).work;
    await cli('policy', 'init');
  });
  afterAll(() => tmp.cleanup());

  it('a 300-character ticket or run id: exit 2 naming the limit, no run stored', async () => {
    const long = 'T'.repeat(300);
    const ticket = await cli('run', 'create', '--ticket', long, '--repo', `api=${ws}`, '--json');
    expect(ticket.code).toBe(2);
    expect(ticket.json.error).toMatchObject({ code: 'INVALID_INPUT', data: { field: 'ticket', limit: 100 } });
    const runId = await cli(
      'run',
      'create',
      '--ticket',
      'T-1',
      '--repo',
      `api=${ws}`,
      '--run-id',
      long,
      '--json',
    );
    expect(runId.code).toBe(2);
    expect(runId.json.error).toMatchObject({ code: 'INVALID_INPUT', data: { field: 'run id', limit: 64 } });
    const text = await cli('run', 'create', '--ticket', long, '--repo', `api=${ws}`);
    expect(text.stderr).toMatch(/100 bytes/);
    expect((await cli('run', 'list', '--json')).json.runs).toEqual([]);
  });

  it('"PROJ 1" and "proj-1" in one run: exit 2 naming both', async () => {
    const r = await cli(
      'run',
      'create',
      '--ticket',
      'PROJ 1',
      '--ticket',
      'proj-1',
      '--repo',
      `api=${ws}`,
      '--run-id',
      'r1',
      '--json',
    );
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({
      code: 'DUPLICATE_TARGET',
      data: { branch: 'proj-1/api/r1', targets: [{ ticket: 'PROJ 1' }, { ticket: 'proj-1' }] },
    });
    expect((await cli('run', 'list', '--json')).json.runs).toEqual([]);
  });
});
