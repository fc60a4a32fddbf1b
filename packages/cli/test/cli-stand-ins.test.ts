import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { git } from '@metawsm/testkit';
import { runCli } from './support/cli.js';

const SCRIPT = fileURLToPath(new URL('../../testkit/scripts/stand-ins.mjs', import.meta.url));

interface StandIns {
  gitUrl: string;
  githubUrl: string;
  env: Record<string, string>;
  dir: string;
  workspaces: { repo: string; name: string; workspace: string; remoteUrl: string }[];
}

/** Start `pnpm stand-ins` (the script) and read the JSON line it prints once ready. */
function start(): Promise<{ child: ChildProcess; info: StandIns }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, '--json', '--repo', 'acme/api'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ child, info: JSON.parse(line!) as StandIns });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`stand-ins exited ${code}`)));
  });
}

describe('pnpm stand-ins: the whole loop by hand against local servers (issue 11 item 5)', () => {
  it('prints the URLs and variables; with them run create → commit → pr creates the PR; Ctrl-C cleans up', async () => {
    const { child, info } = await start();
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
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    expect(child.exitCode).toBe(0);
    expect(existsSync(info.dir)).toBe(false);
  });
});
