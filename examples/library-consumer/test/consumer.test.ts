import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandInsScript } from '@metawsm/testkit';

const PKG = fileURLToPath(new URL('..', import.meta.url));
const TSC = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));
const LIBRARY_DOC = fileURLToPath(new URL('../../../docs/library.md', import.meta.url));

const node = (file: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, [join(PKG, 'dist', file), ...args], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });

describe("docs/library.md's examples, as a separate consumer package (issue 11 item 4)", () => {
  beforeAll(() => {
    // Compiled against the built packages through their package exports, as any consumer is.
    const tsc = spawnSync(process.execPath, [TSC, '-p', join(PKG, 'tsconfig.json')], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('docs/library.md shows both examples exactly as they compile and run', () => {
    const doc = readFileSync(LIBRARY_DOC, 'utf8');
    for (const file of ['with-fakes.ts', 'with-adapters.ts'])
      expect(doc).toContain(readFileSync(join(PKG, 'src', file), 'utf8').trim());
  });

  it('the fakes example runs the loop in memory: committed, PR created', () => {
    const r = node('with-fakes.js');
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('committed created https://github.com/acme/api/pull/1');
  });

  it('the real-adapter example commits and opens the PR against the local stand-ins; the token never shows', async () => {
    const standIns = await startStandInsScript(['--repo', 'acme/api']);
    try {
      const { info } = standIns;
      const token = info.env.METAWSM_GITHUB_TOKEN!;
      const ws = info.workspaces[0]!.workspace;
      writeFileSync(join(ws, 'hello.txt'), 'hello\n');
      const env: NodeJS.ProcessEnv = { ...process.env, ...info.env, BOT_TOKEN: token };
      delete env.METAWSM_GITHUB_TOKEN;
      delete env.GH_TOKEN;
      delete env.GITHUB_TOKEN;
      const r = node('with-adapters.js', [ws], env);
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      expect(r.stdout).toMatch(/^commit PROJ-7\/api: committed proj-7\/api\//m);
      expect(r.stdout).toMatch(/^pr PROJ-7\/api: created http:\/\/127\.0\.0\.1:\d+\/acme\/api\/pull\/1$/m);
      expect(r.stdout).not.toContain(token);
      const pulls = (await (
        await fetch(`${info.githubUrl}/repos/acme/api/pulls?state=all`, {
          headers: { authorization: `token ${token}` },
        })
      ).json()) as { title: string }[];
      expect(pulls.map((p) => p.title)).toEqual(['[PROJ-7] Add hello']);
    } finally {
      await standIns.stop();
    }
  });
});
