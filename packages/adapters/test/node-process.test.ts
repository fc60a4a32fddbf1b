import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupAlive, waitFor } from '@metawsm/testkit';
import { NodeProcess } from '../src/system/index.js';

const CANARY = 'ghp_CANARYcanaryCANARY0123456789abcdef';
const TOKEN_VARS = [
  'METAWSM_GITHUB_TOKEN',
  'GH_TOKEN',
  'GITHUB_TOKEN',
  'GITHUB_ENTERPRISE_TOKEN',
  'GH_ENTERPRISE_TOKEN',
];

describe('NodeProcess', () => {
  let dir: string;
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'metawsm-proc-'));
    for (const v of TOKEN_VARS) {
      saved[v] = process.env[v];
      process.env[v] = CANARY;
    }
  });
  afterEach(() => {
    for (const v of TOKEN_VARS) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('commands run for the user never see a GitHub token (shell and argv; canary)', async () => {
    const p = new NodeProcess();
    const shell = await p.run({ shell: 'env', cwd: dir, timeoutMs: 10_000 });
    const argv = await p.run({
      argv: ['env'],
      cwd: dir,
      timeoutMs: 10_000,
      env: { METAWSM_RUN_ID: 'r1', GH_TOKEN: CANARY },
    });
    for (const r of [shell, argv]) {
      expect(r.exitCode).toBe(0);
      expect(r.stdout).not.toContain(CANARY);
      for (const v of TOKEN_VARS) expect(r.stdout).not.toMatch(new RegExp(`^${v}=`, 'm'));
      expect(r.stdout).toMatch(/^PATH=/m);
    }
    expect(argv.stdout).toMatch(/^METAWSM_RUN_ID=r1$/m);
  });

  it("metawsm's own helpers (trusted) keep them", async () => {
    const r = await new NodeProcess().run({ argv: ['env'], cwd: dir, timeoutMs: 10_000, trusted: true });
    expect(r.stdout).toMatch(new RegExp(`^GH_TOKEN=${CANARY}$`, 'm'));
  });

  it('terminateChildren ends the whole process group, grandchildren included', async () => {
    const p = new NodeProcess();
    const pgidFile = join(dir, 'pgid');
    const running = p.run({
      shell: `echo $$ > ${pgidFile}; sleep 300 & sleep 301 & wait`,
      cwd: dir,
      timeoutMs: 60_000,
    });
    await waitFor(() => existsSync(pgidFile) && readFileSync(pgidFile, 'utf8').trim() !== '');
    const pgid = Number(readFileSync(pgidFile, 'utf8').trim());
    await waitFor(() => groupAlive(pgid));
    expect(await p.terminateChildren()).toBe(1);
    const result = await running;
    expect(result.signal ?? result.exitCode).not.toBe(0);
    await waitFor(() => !groupAlive(pgid));
    expect(await p.terminateChildren()).toBe(0);
  });

  it('a timeout kills the group too', async () => {
    const p = new NodeProcess();
    const pgidFile = join(dir, 'pgid');
    const r = await p.run({ shell: `echo $$ > ${pgidFile}; sleep 300 & wait`, cwd: dir, timeoutMs: 500 });
    expect(r.timedOut).toBe(true);
    const pgid = Number(readFileSync(pgidFile, 'utf8').trim());
    await waitFor(() => !groupAlive(pgid));
  });
});
