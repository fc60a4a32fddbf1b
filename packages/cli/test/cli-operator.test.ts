import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupAlive, waitFor, writeTree } from '@metawsm/testkit';
import { BIN } from './support/cli.js';
import { kill9, pauseAt } from './support/paused.js';
import { reviewScenario, type ReviewScenario } from './support/review-scenario.js';

function start(s: ReviewScenario, args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: s.home,
    env: s.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('metawsm operator and signals (local git server + GitHub stand-in)', () => {
  let s: ReviewScenario;
  afterEach(async () => {
    await s.close();
  });

  it('SIGTERM during a test command ends its whole process group (grandchildren too) and releases the lock', async () => {
    s = await reviewScenario();
    const pgidFile = join(s.tmp.path, 'pgid');
    s.policy({}, { test_commands: [`echo $$ > ${pgidFile}; sleep 300 & sleep 301 & wait`] });
    writeTree(s.ws, { 'src/c.ts': 'c\n' });
    const run = start(s, ['commit', '--run-id', s.runId]);
    await waitFor(() => existsSync(pgidFile) && readFileSync(pgidFile, 'utf8').trim() !== '');
    const pgid = Number(readFileSync(pgidFile, 'utf8').trim());
    await waitFor(() => groupAlive(pgid));
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 143, signal: null });
    await waitFor(() => !groupAlive(pgid), 5000);
    const st = await s.cli('status', '--run-id', s.runId, '--json');
    expect(st.json.runs[0].lock).toBeNull();
  });

  it("operator --interval: SIGTERM mid-action lets the action finish, then exits; --once exits with the action's code", async () => {
    s = await reviewScenario({}, {});
    const started = join(s.tmp.path, 'started');
    const finished = join(s.tmp.path, 'finished');
    s.policy({}, { mode: 'auto', test_commands: [`echo x > ${started}; sleep 2; echo x > ${finished}`] });
    writeTree(s.ws, { 'src/c.ts': 'c\n' });
    const op = start(s, ['operator', '--interval', '1', '--json']);
    await waitFor(() => existsSync(started));
    op.child.kill('SIGTERM');
    const exit = await op.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(existsSync(finished)).toBe(true);
    const lines = op
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0].runs[0].executed).toMatchObject({
      kind: 'commit_ready',
      outcome: 'done',
      exitCode: 0,
      command: `metawsm commit --run-id ${s.runId}`,
    });
    const st = await s.cli('status', '--run-id', s.runId, '--json');
    expect(st.json.runs[0].lock).toBeNull();
    expect(st.json.runs[0].targets[0].next).toBe(`metawsm pr --run-id ${s.runId}`);

    s.policy({}, { mode: 'auto', test_commands: ['exit 1'] });
    writeTree(s.ws, { 'src/d.ts': 'd\n' });
    const once = await s.cli('operator', '--once', '--json');
    expect(once.code).toBe(6);
    expect(JSON.parse(once.stdout.trim()).runs[0].executed).toMatchObject({
      kind: 'commit_ready',
      exitCode: 6,
    });
  });

  it('assist prints each intent with its command; a held lock makes auto skip the run (exit 0)', async () => {
    s = await reviewScenario();
    const synced = await s.cli('operator', '--once');
    expect(synced.code).toBe(0);
    expect(synced.stdout).toContain(`review_sync_due`);
    expect(synced.stdout).toContain(`metawsm review sync --run-id ${s.runId}`);
    s.policy({ mode: 'auto' }, { mode: 'auto' });
    writeTree(s.ws, { 'src/e.ts': 'e\n' });
    // A commit that holds the run lock (paused after its fetch, before its snapshot).
    const holder = await pauseAt('commit.fetch:done', ['commit', '--run-id', s.runId], {
      cwd: s.home,
      env: s.env,
    });
    try {
      const r = await s.cli('operator', '--once', '--json');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout.trim()).runs[0].executed).toMatchObject({
        kind: 'commit_ready',
        outcome: 'skipped_locked',
        exitCode: 0,
      });
    } finally {
      await kill9(holder);
    }
  });
});
