import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, startStandInsScript } from '@metawsm/testkit';
import { runCli } from './support/cli.js';

describe('pnpm stand-ins: the whole loop by hand against local servers (issue 11 item 5)', () => {
  it('prints the URLs and variables; with them run create → commit → pr creates the PR; Ctrl-C cleans up', async () => {
    const standIns = await startStandInsScript(['--repo', 'acme/api']);
    const { info } = standIns;
    let exitCode: number | null = null;
    try {
      expect(info.githubUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.gitUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const env = { ...process.env, ...info.env };
      const home = info.env.METAWSM_HOME!;
      const ws = info.workspaces[0]!.workspace;
      const cli = (...args: string[]) => runCli(args, { cwd: home, env });
      expect((await cli('policy', 'init')).code).toBe(0);
      writeFileSync(join(ws, 'hello.txt'), 'hello\n');
      const created = await cli(
        'run',
        'create',
        '--ticket',
        'DEMO-1',
        '--repo',
        `api=${ws}`,
        '--status',
        'completed',
        '--json',
      );
      expect(created.code).toBe(0);
      expect((await cli('commit', '--ticket', 'DEMO-1')).code).toBe(0);
      const pr = await cli('pr', '--ticket', 'DEMO-1', '--json');
      expect(pr.code).toBe(0);
      expect(pr.json.targets[0]).toMatchObject({ outcome: 'created', number: 1 });
      const pulls = (await (
        await fetch(`${info.githubUrl}/repos/acme/api/pulls?state=all`, {
          headers: { authorization: `token ${info.env.METAWSM_GITHUB_TOKEN}` },
        })
      ).json()) as { head: { ref: string; sha: string } }[];
      expect(pulls).toHaveLength(1);
      const remote = git(ws, [
        'ls-remote',
        join(info.dir, 'remotes', 'acme', 'api.git'),
        `refs/heads/${pulls[0]!.head.ref}`,
      ]);
      expect(remote.split(/\s+/)[0]).toBe(pulls[0]!.head.sha);
    } finally {
      exitCode = await standIns.stop();
    }
    expect(exitCode).toBe(0);
    expect(existsSync(info.dir)).toBe(false);
  });
});
