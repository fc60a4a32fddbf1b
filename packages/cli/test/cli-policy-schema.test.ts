import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, type TempDir } from '@metawsm/testkit';
import { runCli } from './support/cli.js';

const CLI_VERSION = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as {
    version: string;
  }
).version;

describe('policy $schema and validation output (issue 11 item 2)', () => {
  let tmp: TempDir;
  let home: string;
  const cli = (...args: string[]) => runCli(args, { cwd: home, env: { ...process.env, METAWSM_HOME: home } });

  beforeAll(() => {
    tmp = makeTempDir();
    home = join(tmp.path, 'home');
    mkdirSync(home);
  });
  afterAll(() => tmp.cleanup());

  it('policy init writes "$schema" (the schema of this version), and the file validates', async () => {
    expect((await cli('policy', 'init')).code).toBe(0);
    const file = join(home, '.metawsm', 'policy.json');
    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(written)[0]).toBe('$schema');
    expect(written.$schema).toBe(`https://unpkg.com/@metawsm/core@${CLI_VERSION}/policy.schema.json`);
    const valid = await cli('policy', 'validate', '--json');
    expect(valid.code).toBe(0);
    const shown = await cli('policy', 'show', '--json');
    expect(shown.json).not.toHaveProperty('$schema');
  });

  it('policy validate prints one problem per line, with the nearest key for a misspelt one', async () => {
    const bad = join(tmp.path, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ $schema: 'x', git_pr: { requried_checks: [], mode: 'sometimes', zzz: 1 } }),
    );
    const text = await cli('policy', 'validate', '--file', bad);
    expect(text.code).toBe(2);
    const lines = text.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^Error \[POLICY_INVALID\]: .*bad\.json: 3 policy problems:$/);
    expect(lines.slice(1, 4).map((l) => l.trim().split(':')[0])).toEqual([
      '$.git_pr.mode',
      '$.git_pr.requried_checks',
      '$.git_pr.zzz',
    ]);
    expect(lines[2]).toContain('"required_checks"');
    expect(lines[4]).toMatch(/^Hint: /);
    const json = await cli('policy', 'validate', '--file', bad, '--json');
    expect(json.json.error.data.problems).toContainEqual(
      expect.objectContaining({ path: '$.git_pr.requried_checks', suggestion: 'required_checks' }),
    );
  });
});
