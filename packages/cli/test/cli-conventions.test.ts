import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, type TempDir } from '@metawsm/testkit';
import { BIN, runCli } from './support/cli.js';

const CLI_DIR = fileURLToPath(new URL('..', import.meta.url));
const PKG = JSON.parse(readFileSync(join(CLI_DIR, 'package.json'), 'utf8')) as { version: string };
const onPath = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const ESC = '\u001b[';

describe('oclif conventions (issue 11 item 3)', () => {
  let tmp: TempDir;
  let home: string;
  let env: NodeJS.ProcessEnv;
  const cli = (...args: string[]) => runCli(args, { cwd: home, env });

  beforeAll(() => {
    tmp = makeTempDir();
    home = join(tmp.path, 'home');
    mkdirSync(home);
    env = { ...process.env, METAWSM_HOME: home, XDG_CACHE_HOME: join(tmp.path, 'cache') };
  });
  afterAll(() => tmp.cleanup());

  it('-v, --version and version print the same line; version --json gives its parts', async () => {
    const lines = await Promise.all([cli('-v'), cli('--version'), cli('version')]);
    for (const r of lines) expect(r.code).toBe(0);
    expect(new Set(lines.map((r) => r.stdout))).toEqual(new Set([lines[0]!.stdout]));
    expect(lines[0]!.stdout).toContain(`/${PKG.version} `);
    const json = await cli('version', '--json');
    expect(json.json).toMatchObject({ version: PKG.version, node: process.versions.node });
  });

  it('-h is --help, for the CLI and for a command', async () => {
    for (const args of [[], ['commit'], ['run', 'create']]) {
      const [short, long] = await Promise.all([cli(...args, '-h'), cli(...args, '--help')]);
      expect(short.code).toBe(0);
      expect(short.stdout).toBe(long.stdout);
      expect(short.stdout).toContain('USAGE');
    }
  });

  it('an unknown command is a USAGE error (exit 2) naming the nearest command, in text and --json', async () => {
    const text = await cli('comit');
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/^Error \[USAGE\]: .*comit/m);
    expect(text.stderr).toMatch(/^Hint: .*`metawsm commit`/m);
    for (const [typed, suggestion] of [
      [['comit'], 'commit'],
      [['run', 'craete'], 'run create'],
      [['stauts', 'extra'], 'status'],
      [['xyzzy'], null],
    ] as const) {
      const r = await cli(...typed, '--json');
      expect(r.code).toBe(2);
      expect(r.json.error).toMatchObject({ code: 'USAGE', data: { suggestion } });
    }
  });

  it('a mistyped flag gets a "did you mean"', async () => {
    const r = await cli('status', '--colr', '--json');
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({ code: 'USAGE', data: { suggestions: { '--colr': '--color' } } });
    const far = await cli('status', '--bogus', '--json');
    expect(far.json.error.data).toBeUndefined();
  });

  it('colour only when asked or on a terminal: --color, --no-color, NO_COLOR', async () => {
    const missing = ['policy', 'validate', '--file', join(tmp.path, 'missing.json')];
    const forced = await cli(...missing, '--color');
    expect(forced.code).toBe(2);
    expect(forced.stderr).toContain(`${ESC}31mError${ESC}39m`);
    expect((await cli(...missing)).stderr).not.toContain(ESC);
    expect((await cli(...missing, '--color', '--no-color')).stderr).not.toContain(ESC);
  });

  (onPath('script') ? it : it.skip)(
    'on a terminal: coloured by default, plain with NO_COLOR or --no-color',
    () => {
      const onTty = (extra: string, envVars: NodeJS.ProcessEnv) =>
        execFileSync(
          'script',
          [
            '-qec',
            `${process.execPath} ${BIN} policy validate --file ${join(tmp.path, 'x.json')} ${extra}`,
            '/dev/null',
          ],
          {
            env: { ...env, ...envVars },
            encoding: 'utf8',
          },
        );
      const tty = (extra: string, envVars: NodeJS.ProcessEnv) => {
        try {
          return onTty(extra, envVars);
        } catch (e) {
          return String((e as { stdout?: string }).stdout ?? '');
        }
      };
      const plainEnv = { NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm' };
      expect(tty('', plainEnv)).toContain(`${ESC}31mError`);
      expect(tty('', { ...plainEnv, NO_COLOR: '1' })).not.toContain(`${ESC}31m`);
      expect(tty('--no-color', plainEnv)).not.toContain(`${ESC}31m`);
    },
  );

  it('oclif.manifest.json lists one command per file of the bundle (commands/run/create.js is run create), at the package version', () => {
    const manifest = JSON.parse(readFileSync(join(CLI_DIR, 'oclif.manifest.json'), 'utf8')) as {
      version: string;
      commands: Record<string, { relativePath: string[]; isESM: boolean }>;
    };
    const dir = join(CLI_DIR, 'dist', 'bundle', 'commands');
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    const ids = walk(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) =>
        relative(dir, f)
          .replace(/\.js$/, '')
          .replace(/\/index$/, '')
          .split(sep)
          .join(':'),
      );
    expect(manifest.version).toBe(PKG.version);
    expect(Object.keys(manifest.commands).sort()).toEqual(ids.sort());
    expect(ids).toEqual(
      expect.arrayContaining(['status', 'run:create', 'help', 'autocomplete', 'autocomplete:fish']),
    );
    for (const c of Object.values(manifest.commands)) expect(c.isESM).toBe(true);
  });

  it('docs/commands.md is the generated reference (run `pnpm generate` after changing a command)', () => {
    const r = spawnSync(process.execPath, [join(CLI_DIR, 'scripts/generate-commands-doc.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it("the bundled autocomplete commands declare the plugin's own arguments and flags", () => {
    const req = createRequire(join(CLI_DIR, 'package.json'));
    const pluginDir = dirname(dirname(req.resolve('@oclif/plugin-autocomplete')));
    const plugin = JSON.parse(readFileSync(join(pluginDir, 'oclif.manifest.json'), 'utf8')) as {
      commands: Record<string, Record<string, unknown>>;
    };
    const ours = JSON.parse(readFileSync(join(CLI_DIR, 'oclif.manifest.json'), 'utf8')) as typeof plugin;
    const shape = (c: Record<string, unknown>) => ({
      description: c.description,
      hidden: Boolean(c.hidden),
      args: c.args,
      flags: c.flags,
    });
    for (const id of Object.keys(plugin.commands))
      expect(shape(ours.commands[id]!)).toEqual(shape(plugin.commands[id]!));
  });

  it('autocomplete (bash, zsh, PowerShell) writes completion functions that know every command', async () => {
    const r = await cli('autocomplete', '--refresh-cache');
    expect(r.code).toBe(0);
    const fns = join(tmp.path, 'cache', 'metawsm', 'autocomplete', 'functions');
    const bash = readFileSync(join(fns, 'bash', 'metawsm.bash'), 'utf8');
    const zsh = readFileSync(join(fns, 'zsh', '_metawsm'), 'utf8');
    for (const id of ['commit', 'status', 'run', 'policy']) {
      expect(bash).toContain(id);
      expect(zsh).toContain(id);
    }
    const script = await cli('autocomplete', 'script', 'bash');
    expect(script.stdout).toContain('METAWSM_AC_BASH_SETUP_PATH=');
    expect(existsSync(join(tmp.path, 'cache', 'metawsm', 'autocomplete', 'bash_setup'))).toBe(true);
  });

  it('autocomplete fish prints a script with every command and its flags', async () => {
    const r = await cli('autocomplete', 'fish');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/complete -c metawsm -n '__metawsm_at run' -a 'create'/);
    expect(r.stdout).toMatch(/complete -c metawsm -n '__metawsm_in commit' -l dry-run/);
    expect(r.stdout).toMatch(/-l status -x -a 'running completed closed'/);
  });

  (onPath('fish') ? it : it.skip)(
    'fish completes commands, subcommands, flags and flag values with that script',
    async () => {
      const script = join(tmp.path, 'metawsm.fish');
      execFileSync('sh', ['-c', `"${process.execPath}" "${BIN}" autocomplete fish > "${script}"`], { env });
      const complete = (line: string) =>
        execFileSync('fish', ['-c', `source ${script}; complete -C '${line}'`], { encoding: 'utf8' })
          .split('\n')
          .map((l) => l.split('\t')[0])
          .filter(Boolean);
      expect(complete('metawsm co')).toEqual(['commit']);
      expect(complete('metawsm run c').sort()).toEqual(['close', 'complete', 'create']);
      expect(complete('metawsm commit --dr')).toEqual(['--dry-run']);
      expect(complete('metawsm run list --status ').sort()).toEqual(['closed', 'completed', 'running']);
    },
  );
});
