import {
  CheckRegistry,
  defaultPolicy,
  runChecks,
  secretsCheck,
  type CheckContext,
  type FileChange,
} from '../src/index.js';
import { FakeProcess, TestClock } from '../src/testing/index.js';

const enc = new TextEncoder();
function ctx(over: Partial<CheckContext> = {}, blobs: Record<string, string> = {}): CheckContext {
  return {
    phase: 'commit',
    policy: defaultPolicy().git_pr,
    workspacePath: '/ws',
    changes: [],
    readBlob: (oid) => Promise.resolve(enc.encode(blobs[oid] ?? '')),
    workspaceProblems: () => Promise.resolve([]),
    workspaceTree: () => Promise.resolve('t'.repeat(40)),
    promotedTree: null,
    process: new FakeProcess(),
    ...over,
  };
}
const change = (
  path: string,
  status: FileChange['status'],
  oldOid: string | null,
  newOid: string | null,
): FileChange => ({
  path,
  status,
  oldMode: oldOid ? '100644' : null,
  newMode: newOid ? '100644' : null,
  oldOid,
  newOid,
});

describe('checks', () => {
  const clock = new TestClock();
  const registry = CheckRegistry.withBuiltins();

  it('runs all required checks without short circuit and records each', async () => {
    const policy = { ...defaultPolicy().git_pr, test_commands: ['false', 'true'] };
    const process = new FakeProcess();
    process.script({ exitCode: 1 }, { match: (r) => 'shell' in r && r.shell === 'false' });
    const report = await runChecks(
      { clock },
      {
        registry,
        required: ['tests', 'forbidden_files', 'clean_tree'],
        requireAll: true,
        ctx: ctx({ policy, process, changes: [change('.env', 'added', null, 'b')] }),
      },
    );
    expect(report.passed).toBe(false);
    expect(report.results.map((r) => [r.name, r.status])).toEqual([
      ['tests', 'failed'],
      ['forbidden_files', 'failed'],
      ['clean_tree', 'passed'],
    ]);
    expect(process.calls).toHaveLength(2);
  });

  it('require_all false needs one pass; skipped is not a failure', async () => {
    const r = await runChecks(
      { clock },
      {
        registry,
        required: ['tests', 'forbidden_files'],
        requireAll: false,
        ctx: ctx({ changes: [change('.env', 'added', null, 'b')] }),
      },
    );
    expect(r.results.map((x) => x.status)).toEqual(['skipped', 'failed']);
    expect(r.passed).toBe(false);
    const ok = await runChecks(
      { clock },
      {
        registry,
        required: ['tests', 'forbidden_files', 'clean_tree'],
        requireAll: false,
        ctx: ctx({ changes: [change('.env', 'added', null, 'b')] }),
      },
    );
    expect(ok.passed).toBe(true);
  });

  it('a timed-out test command fails the tests check', async () => {
    const process = new FakeProcess();
    process.script({ exitCode: null, timedOut: true });
    const r = await runChecks(
      { clock },
      {
        registry,
        required: ['tests'],
        requireAll: true,
        ctx: ctx({ policy: { ...defaultPolicy().git_pr, test_commands: ['sleep 99'] }, process }),
      },
    );
    expect(r.results[0]).toMatchObject({ status: 'failed' });
    expect(r.results[0]!.summary).toContain('timed out');
  });

  it('clean_tree at pr fails when the workspace moved past the promoted snapshot', async () => {
    const r = await runChecks(
      { clock },
      {
        registry,
        required: ['clean_tree'],
        requireAll: true,
        ctx: ctx({ phase: 'pr', promotedTree: 'a'.repeat(40) }),
      },
    );
    expect(r.passed).toBe(false);
    const problems = await runChecks(
      { clock },
      {
        registry,
        required: ['clean_tree'],
        requireAll: true,
        ctx: ctx({ workspaceProblems: () => Promise.resolve(['unmerged: a.txt']) }),
      },
    );
    expect(problems.passed).toBe(false);
  });

  it('tests do not apply at pr; a crashing plug-in counts as failed', async () => {
    registry.register({
      name: 'boom',
      appliesTo: ['pr'],
      description: 'x',
      run: () => Promise.reject(new Error('kaput')),
    });
    const r = await runChecks(
      { clock },
      { registry, required: ['tests', 'boom'], requireAll: true, ctx: ctx({ phase: 'pr' }) },
    );
    expect(r.results.map((x) => [x.name, x.status])).toEqual([['boom', 'failed']]);
  });

  it('secrets finds well-known tokens on added lines only and never echoes them', async () => {
    const token = `ghp_${'a'.repeat(36)}`;
    const blobs = {
      old: `keep ${token}\n`,
      new: `keep ${token}\nAWS=AKIAABCDEFGHIJKLMNOP\n`,
      pk: '-----BEGIN RSA PRIVATE KEY-----\n',
      env: 'API_TOKEN=abcdefghijklmnop123\n',
      clean: 'nothing\n',
    };
    const out = await secretsCheck.run(
      ctx(
        {
          changes: [
            change('a.txt', 'modified', 'old', 'new'),
            change('k.pem', 'added', null, 'pk'),
            change('.envrc', 'added', null, 'env'),
            change('c.txt', 'added', null, 'clean'),
          ],
        },
        blobs,
      ),
    );
    expect(out.status).toBe('failed');
    expect((out.details as { findings: { path: string; kind: string }[] }).findings).toEqual([
      { path: 'a.txt', kind: 'aws_access_key_id' },
      { path: 'k.pem', kind: 'private_key' },
      { path: '.envrc', kind: 'generic_secret_assignment' },
    ]);
    expect(JSON.stringify(out)).not.toContain('AKIA');
    const unchanged = await secretsCheck.run(
      ctx({ changes: [change('a.txt', 'modified', 'old', 'old')] }, blobs),
    );
    expect(unchanged.status).toBe('passed');
  });
});
