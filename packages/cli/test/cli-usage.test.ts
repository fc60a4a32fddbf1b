import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, type TempDir } from '@metawsm/testkit';
import { runCli } from './support/cli.js';

describe('usage errors are exit 2 with the complete oclif message (issue 10 item 7)', () => {
  let tmp: TempDir;
  let home: string;
  const cli = (...args: string[]) => runCli(args, { cwd: home, env: { ...process.env, METAWSM_HOME: home } });

  beforeAll(() => {
    tmp = makeTempDir();
    home = join(tmp.path, 'home');
    mkdirSync(home);
  });
  afterAll(() => tmp.cleanup());

  const cases: [string, string[], RegExp][] = [
    ['a flag without its value', ['commit', '--run-id'], /Flag --run-id expects a value/],
    ['a missing required argument', ['run', 'complete'], /Missing 1 required arg:\s+id\s+Run id\./],
    [
      'a missing required flag',
      ['run', 'create', '--ticket', 'T-1'],
      /following error occurred:\s+Missing required flag repo/,
    ],
    [
      'a value outside the options',
      ['run', 'list', '--status', 'nope'],
      /--status=nope to be one of: running, completed, closed/,
    ],
    ['an unknown flag', ['status', '--bogus'], /Nonexistent flag: --bogus/],
  ];
  for (const [what, args, message] of cases) {
    it(`${what}: exit 2 USAGE, whole message, no stack (text and --json)`, async () => {
      const json = await cli(...args, '--json');
      expect(json.code).toBe(2);
      expect(json.json.error.code).toBe('USAGE');
      expect(json.json.error.message).toMatch(message);
      expect(json.json.error.hint).toMatch(/--help/);
      const text = await cli(...args);
      expect(text.code).toBe(2);
      expect(text.stderr).toMatch(/USAGE/);
      expect(text.stderr).toMatch(message);
      expect(text.stderr).not.toMatch(/\n\s+at /);
      expect(text.stderr.trim().split('\n')).toHaveLength(2);
    });
  }
});
