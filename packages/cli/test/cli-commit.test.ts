import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, gitAsync } from '@metawsm/testkit';
import { BIN } from './support/cli.js';
import {
  agentWorkWithMovedBase,
  ENGINES,
  scenario,
  workspaceFingerprint,
  type Scenario,
  completedRun,
} from './support/scenario.js';

/** HEAD, index and files of a linked worktree (its .git is a file pointing at the worktree gitdir). */
function workspaceFingerprintOf(wt: string): string {
  const gitdir = readFileSync(join(wt, '.git'), 'utf8')
    .replace(/^gitdir:\s*/, '')
    .trim();
  return [
    readFileSync(join(gitdir, 'HEAD'), 'utf8'),
    readFileSync(join(gitdir, 'index')).toString('base64'),
    readFileSync(join(wt, 'src', 'a.ts'), 'utf8'),
    readFileSync(join(wt, 'src', 'wt.ts'), 'utf8'),
  ].join('|');
}

/** Lock files under `dir`, polled until there are none or `ms` have passed. */
async function noLocksWithin(dir: string, ms: number): Promise<string[]> {
  const find = () =>
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((p) => p.endsWith('.lock'));
  for (const end = Date.now() + ms; Date.now() < end && find().length > 0;)
    await new Promise((r) => setTimeout(r, 100));
  return find();
}

describe.each(ENGINES)('metawsm commit, %s engine (real repos, local git server)', (engine) => {
  let s: Scenario;
  let runId: string;
  beforeEach(async () => {
    s = await scenario({ engine });
    await s.cli('policy', 'init');
    runId = await completedRun(s, 'PROJ-7', { args: ['--title', 'Make a configurable'] });
  });
  afterEach(() => s.close());

  it('promotes agent commits, edits and untracked files onto the moved base without touching the workspace', async () => {
    const base = agentWorkWithMovedBase(s);
    const before = workspaceFingerprint(s.ws);
    const head = git(s.ws, ['rev-parse', 'HEAD'], { env: s.env });
    const r = await s.cli('commit', '--run-id', runId, '--json');
    expect(r.code).toBe(0);
    const t = r.json.targets[0];
    expect(t).toMatchObject({
      ticket: 'PROJ-7',
      repo: 'api',
      engine,
      outcome: 'committed',
      branch: `proj-7/api/${runId}`,
      baseRef: 'origin/main',
      baseSha: base,
      parents: [base],
      snapshotRef: `refs/metawsm/snapshots/${runId}/PROJ-7/api`,
      conflicts: [],
      error: null,
    });
    expect(workspaceFingerprint(s.ws)).toBe(before);
    expect(git(s.ws, ['rev-parse', 'HEAD'], { env: s.env })).toBe(head);
    expect(git(s.ws, ['rev-parse', `refs/heads/${t.branch}`], { env: s.env })).toBe(t.commitSha);
    expect(git(s.ws, ['rev-parse', t.snapshotRef], { env: s.env })).toBe(t.snapshotSha);
    const files = git(s.ws, ['diff', '--name-status', base, t.commitSha], { env: s.env });
    expect(files.split('\n').sort()).toEqual(['A\tdocs/new/guide.md', 'A\tsrc/b.ts', 'M\tsrc/a.ts']);
    expect(git(s.ws, ['show', `${t.commitSha}:CHANGELOG.md`], { env: s.env })).toBe('moved');
    expect(git(s.ws, ['log', '-1', '--format=%s%n%b', t.commitSha], { env: s.env })).toMatch(
      /^\[PROJ-7\] Make a configurable\n[\s\S]*Metawsm-Run: .+\nMetawsm-Ticket: PROJ-7\n?$/,
    );
    git(s.ws, ['fsck', '--strict', '--no-dangling'], { env: s.env });
    const again = await s.cli('commit', '--run-id', runId, '--json');
    expect(again.json.targets[0]).toMatchObject({ outcome: 'unchanged', commitSha: t.commitSha });
  });

  it('reports a conflict with exit 3 and writes only the snapshot ref', async () => {
    const { writeTree, commitToBare } = await import('@metawsm/testkit');
    writeTree(s.ws, { 'src/a.ts': 'export const a = "agent";\n' });
    commitToBare(s.bare, 'main', { 'src/a.ts': 'export const a = "base";\n' }, { env: s.env });
    const r = await s.cli('commit', '--run-id', runId, '--json');
    expect(r.code).toBe(3);
    expect(r.json.targets[0]).toMatchObject({
      outcome: 'conflict',
      conflicts: [{ path: 'src/a.ts', kind: 'content' }],
    });
    expect(() =>
      git(s.ws, ['rev-parse', '--verify', '-q', `refs/heads/proj-7/api/${runId}`], { env: s.env }),
    ).toThrow();
    expect(git(s.ws, ['rev-parse', `refs/metawsm/snapshots/${runId}/PROJ-7/api`], { env: s.env })).toMatch(
      /^[0-9a-f]{40}$/,
    );
    const human = await s.cli('commit', '--run-id', runId);
    expect(human.stdout).toContain('conflict content       src/a.ts');
  });

  it('a forbidden file fails the checks with exit 6', async () => {
    const { writeTree } = await import('@metawsm/testkit');
    writeTree(s.ws, { 'deploy/prod.pem': 'key\n' });
    const r = await s.cli('commit', '--run-id', runId, '--json');
    expect(r.code).toBe(6);
    expect(r.json.targets[0].outcome).toBe('checks_failed');
  });

  it('--dry-run writes no refs and no rows', async () => {
    agentWorkWithMovedBase(s);
    const r = await s.cli('commit', '--run-id', runId, '--dry-run', '--json');
    expect(r.code).toBe(0);
    expect(r.json.targets[0]).toMatchObject({ outcome: 'committed', dryRun: true });
    expect(git(s.ws, ['for-each-ref', 'refs/metawsm', 'refs/heads/proj-7'], { env: s.env })).toBe('');
    const status = await s.cli('status', '--run-id', runId, '--json');
    expect(status.json.runs[0].targets[0]).toMatchObject({ commitSha: null, engine });
  });

  it('bad input: unknown --repo (exit 2), base missing on the remote (exit 2), not a repo any more', async () => {
    const unknown = await s.cli('commit', '--run-id', runId, '--repo', 'nope', '--json');
    expect([unknown.code, unknown.json.error.code]).toEqual([2, 'REPO_NOT_FOUND']);
    const dev = await completedRun(s, 'X', { args: ['--base', 'develop'] });
    const noBase = await s.cli('commit', '--run-id', dev, '--json');
    expect(noBase.code).toBe(2);
    expect(noBase.json.targets[0].error.code).toBe('BASE_NOT_FOUND');
    const human = await s.cli('commit', '--run-id', dev);
    expect(human.stdout).toContain('[BASE_NOT_FOUND]');
    expect(human.stderr).not.toMatch(/\n\s+at /);
  });

  it('a running run needs --allow-running', async () => {
    const id = (await s.cli('run', 'create', '--ticket', 'R', '--repo', `api=${s.ws}`, '--json')).json.id;
    const r = await s.cli('commit', '--run-id', id, '--json');
    expect([r.code, r.json.error.code]).toEqual([2, 'RUN_NOT_COMPLETED']);
  });

  it('kill -9 at several points loses nothing; the next commit completes', async () => {
    agentWorkWithMovedBase(s);
    const before = workspaceFingerprint(s.ws);
    for (const point of [
      'commit.fetch:done',
      'commit.snapshot:intent',
      'commit.snapshot:done',
      'commit.ref:intent',
      'commit.ref:done',
    ]) {
      const child = spawn(process.execPath, [BIN, 'commit', '--run-id', runId], {
        cwd: s.home,
        env: { ...s.env, METAWSM_TEST_PAUSE_AT: point },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      await new Promise<void>((resolve, reject) => {
        let err = '';
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          if (err.includes(`METAWSM_PAUSED ${point}`)) resolve();
        });
        child.on('close', (code) =>
          reject(new Error(`exited ${code} before ${point}: ${err}\nstdout: ${out}`)),
        );
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.on('close', r));
      expect(workspaceFingerprint(s.ws)).toBe(before);
      // The native engine's git children outlive metawsm, finish and remove their lock files. (The
      // pure-JS engine takes ref locks in its own process: a kill at the wrong moment can leave one.)
      if (engine === 'native') expect(await noLocksWithin(join(s.ws, '.git'), 5_000)).toEqual([]);
    }
    const r = await s.cli('commit', '--run-id', runId, '--json');
    expect(r.code).toBe(0);
    const t = r.json.targets[0];
    expect(['committed', 'unchanged']).toContain(t.outcome);
    expect(await gitAsync(s.ws, ['rev-parse', `refs/heads/${t.branch}`], { env: s.env })).toBe(t.commitSha);
    const status = await s.cli('status', '--run-id', runId, '--json');
    expect(status.json.runs[0].targets[0].commitSha).toBe(t.commitSha);
    expect(status.json.runs[0].lock).toBeNull();
    expect(workspaceFingerprint(s.ws)).toBe(before);
  });

  it('promotes from a linked worktree (objects and refs in the main repo, HEAD and index in the worktree)', async () => {
    const { writeTree } = await import('@metawsm/testkit');
    const wt = join(s.tmp.path, 'agent-wt');
    git(s.ws, ['worktree', 'add', '-q', '-b', 'agent-wt', wt], { env: s.env });
    writeTree(wt, { 'src/wt.ts': 'export const wt = 1;\n', 'src/a.ts': 'export const a = "wt";\n' });
    const before = workspaceFingerprintOf(wt);
    const id = (
      await s.cli('run', 'create', '--ticket', 'WT', '--repo', `api=${wt}`, '--status', 'completed', '--json')
    ).json.id;
    const r = await s.cli('commit', '--run-id', id, '--json');
    expect(r.code).toBe(0);
    const t = r.json.targets[0];
    expect(t.outcome).toBe('committed');
    expect(git(s.ws, ['rev-parse', `refs/heads/${t.branch}`], { env: s.env })).toBe(t.commitSha);
    expect(
      git(s.ws, ['diff', '--name-only', `${t.commitSha}~1`, t.commitSha], { env: s.env })
        .split('\n')
        .sort(),
    ).toEqual(['src/a.ts', 'src/wt.ts']);
    expect(workspaceFingerprintOf(wt)).toBe(before);
    expect(git(wt, ['status', '--porcelain'], { env: s.env }).split('\n').sort()).toEqual([
      ' M src/a.ts',
      '?? src/wt.ts',
    ]);
  });

  it('--switch checks the PR branch out afterwards', async () => {
    agentWorkWithMovedBase(s);
    const r = await s.cli('commit', '--run-id', runId, '--switch', '--json');
    expect(r.json.targets[0].switched).toBe(true);
    expect(git(s.ws, ['rev-parse', '--abbrev-ref', 'HEAD'], { env: s.env })).toBe(`proj-7/api/${runId}`);
    expect(git(s.ws, ['status', '--porcelain'], { env: s.env })).toBe('');
  });
});
