import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { git, rateLimitFaults } from '@metawsm/testkit';
import { CANARY, ENGINES, agentWorkWithMovedBase, scenario, type Scenario } from './support/scenario.js';
import { runCli } from './support/cli.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe.each(ENGINES)(
  'metawsm pr and auth check, %s engine (local git server + GitHub stand-in)',
  (engine) => {
    let s: Scenario;
    let runId: string;
    const outputs: string[] = [];
    const cli = async (...args: string[]) => {
      const r = await s.cli(...args);
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    beforeEach(async () => {
      s = await scenario({ engine });
      await cli('policy', 'init');
      runId = (
        await cli(
          'run',
          'create',
          '--ticket',
          'PROJ-7',
          '--repo',
          `api=${s.ws}`,
          '--status',
          'completed',
          '--json',
        )
      ).json.id;
    });
    afterEach(async () => {
      // The canary token never appears in output, the database, events or any git config.
      for (const out of outputs) expect(out).not.toContain(CANARY);
      for (const f of filesUnder(join(s.home, '.metawsm')))
        expect(readFileSync(f).includes(CANARY)).toBe(false);
      expect(readFileSync(join(s.ws, '.git', 'config'), 'utf8')).not.toContain(CANARY);
      // ... nor on any git command line (the native engine hands it over in the child's environment).
      const argv = s.gitArgv();
      expect(argv.length).toBeGreaterThan(0);
      const basic = Buffer.from(`x-access-token:${CANARY}`).toString('base64');
      for (const call of argv)
        for (const arg of call) expect(arg.includes(CANARY) || arg.includes(basic)).toBe(false);
      outputs.length = 0;
      await s.close();
    });

    it('commit → pr creates the PR; re-running never duplicates; a second iteration updates it', async () => {
      agentWorkWithMovedBase(s);
      await cli('commit', '--run-id', runId);
      const r = await cli('pr', '--run-id', runId, '--json');
      expect(r.code).toBe(0);
      const t = r.json.targets[0];
      expect(t).toMatchObject({
        outcome: 'created',
        number: 1,
        state: 'open',
        actor: 'octo',
        actorSource: 'github',
      });
      expect(git(s.bare, ['rev-parse', `refs/heads/${t.branch}`], { env: s.env })).toBe(t.commitSha);
      const pushes = s.gitArgv().filter((c) => c.includes('push'));
      // The native engine pushes with git itself, under a lease; the pure-JS engine speaks HTTP itself.
      expect(pushes.some((c) => c.some((a) => a.startsWith('--force-with-lease=')))).toBe(
        engine === 'native',
      );
      const again = await cli('pr', '--run-id', runId, '--json');
      expect(again.json.targets[0]).toMatchObject({ outcome: 'unchanged', number: 1 });
      expect(s.github.listPullRequests('acme', 'api')).toHaveLength(1);
      const { writeTree } = await import('@metawsm/testkit');
      writeTree(s.ws, { 'src/c.ts': 'export const c = 3;\n' });
      await cli('commit', '--run-id', runId);
      const second = await cli('pr', '--run-id', runId, '--json');
      expect(second.json.targets[0]).toMatchObject({ outcome: 'updated', number: 1 });
      expect(git(s.bare, ['rev-parse', `${second.json.targets[0].commitSha}~1`], { env: s.env })).toBe(
        t.commitSha,
      );
      const status = await cli('status', '--run-id', runId, '--json');
      expect(status.json.runs[0].targets[0]).toMatchObject({
        pr: { number: 1, state: 'open' },
        pushedSha: second.json.targets[0].commitSha,
      });
    });

    it('a persistent 5xx exits 7 and a later run resumes', async () => {
      agentWorkWithMovedBase(s);
      await cli('commit', '--run-id', runId);
      s.github.failNext({ method: 'POST', path: /\/pulls$/, status: 502, count: 50 });
      const failed = await cli('pr', '--run-id', runId, '--json');
      expect(failed.code).toBe(7);
      expect(failed.json.targets[0].error.code).toBe('GITHUB_API_FAILED');
      s.github.reset();
      const ok = await cli('pr', '--run-id', runId, '--json');
      expect(ok.json.targets[0]).toMatchObject({ outcome: 'created' });
      expect(s.github.listPullRequests('acme', 'api')).toHaveLength(1);
    }, 120_000);

    it('a 403 secondary rate limit (retry-after) and a 502 on create are retried: exactly one PR', async () => {
      agentWorkWithMovedBase(s);
      await cli('commit', '--run-id', runId);
      s.github.failNext(
        rateLimitFaults.secondary({ path: /\/pulls$/, method: 'POST', retryAfterSeconds: 1 }),
      );
      s.github.failNext({ method: 'POST', path: /\/pulls$/, status: 502 });
      const r = await cli('pr', '--run-id', runId, '--json');
      expect(r.code).toBe(0);
      expect(r.json.targets[0]).toMatchObject({ outcome: 'created', number: 1 });
      expect(s.github.listPullRequests('acme', 'api')).toHaveLength(1);
      const creates = s.github.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/pulls'));
      expect(creates.map((q) => q.status)).toEqual([403, 502, 201]);
    });

    it('auth check: ready, and not ready without a token (exit 5)', async () => {
      const ok = await cli('auth', 'check', '--run-id', runId, '--json');
      expect(ok.code).toBe(0);
      expect(ok.json).toMatchObject({
        git: { name: engine, gitVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/) },
        tokenSource: 'METAWSM_GITHUB_TOKEN',
        login: 'octo',
        pushReady: true,
        prReady: true,
      });
      expect(ok.json.targets[0]).toMatchObject({
        owner: 'acme',
        repository: 'api',
        pushPermission: true,
        baseBranchExists: true,
        gitIdentity: 'Agent <agent@example.com>',
      });
      const env = { ...s.env };
      delete env.METAWSM_GITHUB_TOKEN;
      const no = await runCli(['auth', 'check', '--run-id', runId, '--json'], { cwd: s.home, env });
      outputs.push(no.stdout, no.stderr);
      expect(no.code).toBe(5);
      expect(no.json.pushReady).toBe(false);
      expect(no.json.targets[0].problems[0].code).toBe('AUTH_MISSING');
    });

    it('concurrent pr on one run → one of them exits 4', async () => {
      agentWorkWithMovedBase(s);
      await cli('commit', '--run-id', runId);
      s.github.setLatency(300);
      const [a, b] = await Promise.all([
        cli('pr', '--run-id', runId, '--json'),
        cli('pr', '--run-id', runId, '--json'),
      ]);
      expect([a.code, b.code].sort()).toEqual([0, 4]);
      const locked = a.code === 4 ? a : b;
      expect(locked.json.error.code).toBe('RUN_LOCKED');
      expect(locked.json.error.message).toContain('pr');
      expect(s.github.listPullRequests('acme', 'api')).toHaveLength(1);
    });
  },
);
