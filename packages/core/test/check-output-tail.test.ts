import { statusReport } from '../src/index.js';
import { WS, world } from './support/world.js';

const key = { runId: 'run-1', ticket: 'T-1', repo: 'api' };
const lines = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`);

describe("a failing test's output is kept and shown (issue 10 item 17)", () => {
  async function failingTests(output: { stdout: string; stderr?: string }) {
    const w = await world({ gitPr: { test_commands: ['npm test'] } });
    w.process.script({ exitCode: 2, ...output });
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const r = await w.commit();
    return { w, tests: r.targets[0]!.checks!.results.find((c) => c.name === 'tests')! };
  }

  it('the failed check carries the command and the last 20 lines of its output', async () => {
    const { tests } = await failingTests({ stdout: `${lines(1, 30).join('\n')}\n` });
    expect(tests.status).toBe('failed');
    expect(tests.outputTail).toEqual(['$ npm test (exit 2)', ...lines(11, 30)]);
  });

  it('control characters from the output never reach the terminal', async () => {
    const { tests } = await failingTests({ stdout: 'ok \u001b[31mred\u001b[0m\u0007 done\r\n' });
    expect(tests.outputTail).toEqual(['$ npm test (exit 2)', 'ok red done']);
  });

  it('the report with that tail is stored on the record and shown by status', async () => {
    const { w } = await failingTests({ stdout: 'fine\n', stderr: 'Error: expected 1, got 2\n' });
    const stored = (await w.store.getPullRequest(key))!.checks!;
    const tail = stored.results.find((c) => c.name === 'tests')!.outputTail;
    expect(tail).toEqual(['$ npm test (exit 2)', 'fine', 'Error: expected 1, got 2']);
    const target = (await statusReport(w.store, { runId: 'run-1' })).runs[0]!.targets[0]!;
    expect(target.checks).toEqual(stored);
  });

  it('a passing test keeps no tail', async () => {
    const w = await world({ gitPr: { test_commands: ['npm test'] } });
    w.process.script({ exitCode: 0, stdout: 'all good\n' });
    w.git.writeFiles(WS, { 'a.txt': 'a\n' });
    const tests = (await w.commit()).targets[0]!.checks!.results.find((c) => c.name === 'tests')!;
    expect(tests.status).toBe('passed');
    expect(tests.outputTail).toBeUndefined();
  });
});
