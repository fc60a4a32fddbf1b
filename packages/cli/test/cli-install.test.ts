import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { makeTempDir, type TempDir } from '@metawsm/testkit';

const PACKAGES = fileURLToPath(new URL('../..', import.meta.url));
const PUBLISHED = ['core', 'adapters', 'cli'] as const;
/** Declares Node >= 22 but is plain JavaScript without a single Node API (read before allowing it). */
const ENGINE_EXCEPTIONS = new Set(['content-type@3.1.1']);

type Manifest = {
  name: string;
  version: string;
  license?: string;
  repository?: { url?: string };
  engines?: { node?: string };
  publishConfig?: { access?: string };
  dependencies?: Record<string, string>;
};

const run = (cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
  execFileSync(cmd, args, { encoding: 'utf8', timeout: 240_000, stdio: ['ignore', 'pipe', 'pipe'], ...opts });

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/**
 * Speed only: put the better-sqlite3 binary built by this checkout's install where prebuild-install
 * looks for an already-downloaded prebuilt (its cache in the npm cache), so `npm install` does not
 * compile it again for a minute. Were the entry not recognised, it would compile from source.
 */
function seedPrebuild(npmCache: string): void {
  const req = createRequire(join(PACKAGES, 'adapters', 'package.json'));
  const dir = dirname(req.resolve('better-sqlite3/package.json'));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  const file = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const url = `https://github.com/WiseLibs/better-sqlite3/releases/download/v${version}/${file}`;
  const digest = createHash('sha512').update(url).digest('hex').slice(0, 6);
  mkdirSync(join(npmCache, '_prebuilds'), { recursive: true });
  const target = join(npmCache, '_prebuilds', `${digest}-${file.replace(/[^a-zA-Z0-9.]+/g, '-')}`);
  run('tar', ['-czf', target, 'build/Release/better_sqlite3.node'], { cwd: dir });
}

describe('the packed packages install with npm and run (issue 11 item 1)', () => {
  let tmp: TempDir;
  const tarballs: Record<string, string> = {};
  const unpacked: Record<string, string> = {};

  beforeAll(() => {
    tmp = makeTempDir();
    for (const name of PUBLISHED) {
      const out = run('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', tmp.path], {
        cwd: join(PACKAGES, name),
      });
      tarballs[name] = resolve(tmp.path, basename(out.trim().split('\n').pop()!));
      unpacked[name] = join(tmp.path, 'unpacked', name);
      mkdirSync(unpacked[name], { recursive: true });
      run('tar', ['-xzf', tarballs[name], '-C', unpacked[name], '--strip-components=1']);
    }
  }, 300_000);
  afterAll(() => tmp.cleanup());

  it.each(PUBLISHED)('%s: README, LICENSE, metadata, no workspace: ranges', (name) => {
    const dir = unpacked[name]!;
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    const text = readFileSync(join(dir, 'package.json'), 'utf8');
    expect(text).not.toContain('workspace:');
    const pkg = JSON.parse(text) as Manifest;
    expect(pkg).toMatchObject({ license: 'MIT', publishConfig: { access: 'public' } });
    expect(pkg.repository?.url).toMatch(/^git\+https:\/\//);
    expect(semver.validRange(pkg.engines?.node)).not.toBeNull();
    expect(semver.satisfies(process.versions.node, pkg.engines!.node!)).toBe(true);
  });

  it.each(PUBLISHED)('%s: no build leftovers; every source map points at files that ship', (name) => {
    const dir = unpacked[name]!;
    const shipped = files(dir).map((f) => relative(dir, f));
    expect(shipped.filter((f) => f.endsWith('.tsbuildinfo'))).toEqual([]);
    for (const map of shipped.filter((f) => f.endsWith('.map'))) {
      const { sources } = JSON.parse(readFileSync(join(dir, map), 'utf8')) as { sources: string[] };
      for (const source of sources) expect(existsSync(resolve(dirname(join(dir, map)), source))).toBe(true);
    }
  });

  it('the CLI ships its bundle only (no compiled sources, no maps) and depends on better-sqlite3 alone', () => {
    const dir = unpacked.cli!;
    const shipped = files(dir).map((f) => relative(dir, f));
    expect(shipped.filter((f) => f.startsWith('dist/') && !f.startsWith('dist/bundle/'))).toEqual([]);
    expect(shipped.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(shipped).toEqual(
      expect.arrayContaining(['bin/run.js', 'oclif.manifest.json', 'dist/bundle/main.js']),
    );
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['better-sqlite3']);
    expect(readFileSync(join(dir, 'dist/bundle/THIRD-PARTY-NOTICES.md'), 'utf8')).toContain(
      '## @oclif/core@',
    );
  });

  it('core ships the policy JSON Schema', () => {
    const schema = JSON.parse(readFileSync(join(unpacked.core!, 'policy.schema.json'), 'utf8')) as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'git_pr']);
  });

  it('npm install -g of the three tarballs puts a working metawsm on PATH, on this Node', () => {
    const prefix = join(tmp.path, 'prefix');
    const npmCache = join(tmp.path, 'npm-cache');
    seedPrebuild(npmCache);
    const env = {
      ...process.env,
      npm_config_cache: npmCache,
      npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    run('npm', ['install', '-g', '--prefix', prefix, ...PUBLISHED.map((n) => tarballs[n]!)], { env });
    const path = `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`;
    const home = join(tmp.path, 'home');
    mkdirSync(home);
    const metawsm = (...args: string[]) =>
      run('metawsm', args, { cwd: home, env: { ...process.env, PATH: path, METAWSM_HOME: home } });
    expect(metawsm('--version')).toMatch(/^@metawsm\/cli\/0\.\d+\.\d+ /);
    metawsm('policy', 'init');
    expect(JSON.parse(readFileSync(join(home, '.metawsm', 'policy.json'), 'utf8'))).toHaveProperty('$schema');
    expect(JSON.parse(metawsm('status', '--json'))).toMatchObject({ runs: [] });

    // engines tell the truth: every installed dependency accepts every Node our packages accept.
    const installed = files(join(prefix, 'lib', 'node_modules')).filter(
      (f) => basename(f) === 'package.json',
    );
    const ours = PUBLISHED.map(
      (n) =>
        (JSON.parse(readFileSync(join(unpacked[n]!, 'package.json'), 'utf8')) as Manifest).engines!.node!,
    );
    const conflicts: string[] = [];
    for (const file of installed) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>;
      const theirs = pkg.engines?.node;
      if (!pkg.name || !pkg.version || !theirs || ENGINE_EXCEPTIONS.has(`${pkg.name}@${pkg.version}`))
        continue;
      const owner = PUBLISHED.find((n) => file.includes(`/@metawsm/${n}/`));
      const range = owner ? ours[PUBLISHED.indexOf(owner)]! : ours[0]!;
      if (semver.validRange(theirs) && !semver.subset(range, theirs))
        conflicts.push(`${pkg.name}@${pkg.version}: ${theirs}`);
    }
    expect(conflicts).toEqual([]);
  }, 300_000);
});
