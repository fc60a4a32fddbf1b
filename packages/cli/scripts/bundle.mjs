#!/usr/bin/env node
// Bundle the compiled CLI into dist/bundle/: main.js (with @oclif/core), one file per command under
// commands/ (oclif's pattern layout: a command loads its own code, never every command's), the
// command_not_found hook, and shared chunks under chunks/ (one per lazily loaded adapter); then
// write oclif.manifest.json and the licences of everything bundled. Loading a few large files
// instead of hundreds of small modules is most of start-up (10k-file `metawsm commit` 0.88 s →
// 0.57 s; `status` and `--help` lose @oclif/core's ~200 module files: bench/startup).
// Only better-sqlite3's compiled addon stays outside (the store passes its path as `nativeBinding`;
// better-sqlite3's JavaScript is bundled, at the exact version the package depends on): the oclif
// plugins' commands (help, autocomplete) are bundled too, so one @oclif/core exists.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// @oclif/plugin-autocomplete exports none of its commands; src/commands/autocomplete/plugin.ts
// imports them through this name, only when one runs (the version is pinned exactly).
const autocompleteLib = dirname(
  createRequire(join(root, 'package.json')).resolve('@oclif/plugin-autocomplete'),
);
const autocompleteCommands = {
  name: 'plugin-autocomplete-commands',
  setup(b) {
    b.onResolve({ filter: /^metawsm:plugin-autocomplete$/ }, () => ({
      path: 'commands',
      namespace: 'autocomplete',
    }));
    b.onLoad({ filter: /.*/, namespace: 'autocomplete' }, () => ({
      contents: ['Index:index', 'Create:create', 'Script:script']
        .map((pair) => pair.split(':'))
        .map(
          ([name, file]) =>
            `export { default as ${name} } from ${JSON.stringify(join(autocompleteLib, 'commands/autocomplete', `${file}.js`))};`,
        )
        .join('\n'),
      resolveDir: autocompleteLib,
    }));
  },
};
/**
 * One entry per command (oclif's pattern strategy: `commands/run/create.js` is `run create`), so a
 * command loads its own code and what it shares with others, never every command's. A module under
 * dist/commands/ without a default export (a shared base class) is not a command.
 */
async function commandEntries() {
  const dir = join(root, 'dist', 'commands');
  const walk = (d) =>
    readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  const entries = {};
  for (const file of walk(dir).filter((f) => f.endsWith('.js'))) {
    if (!(await import(pathToFileURL(file).href)).default) continue;
    entries[relative(join(root, 'dist'), file).replace(/\.js$/, '')] = file;
  }
  return entries;
}

rmSync(`${root}/dist/bundle`, { recursive: true, force: true });
const result = await build({
  entryPoints: {
    main: `${root}/dist/main.js`,
    'hooks/command-not-found': `${root}/dist/hooks/command-not-found.js`,
    ...(await commandEntries()),
  },
  outdir: `${root}/dist/bundle`,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // typescript / ts-node / tsx: @oclif/core requires them only to run TypeScript sources in
  // development, inside try/catch; pnpapi only under Yarn PnP. bindings: better-sqlite3 asks it for
  // the addon only when no `nativeBinding` path is given (then from the installed better-sqlite3).
  external: ['typescript', 'ts-node', 'tsx', 'pnpapi', 'bindings'],
  // CommonJS dependencies (@oclif/core, pg) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __metawsmCreateRequire } from 'node:module';\nconst require = __metawsmCreateRequire(import.meta.url);",
  },
  // Maps beside the files for debugging here; the package ships without them (package.json files).
  sourcemap: 'external',
  legalComments: 'none',
  metafile: true,
  plugins: [autocompleteCommands],
  logLevel: 'warning',
});

writeFileSync(`${root}/dist/bundle/THIRD-PARTY-NOTICES.md`, notices(result.metafile));
await writeManifest();

/** The licence text of every third-party package with code in the bundle (MIT asks for it). */
function notices(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const abs = join(process.cwd(), input);
    const at = abs.lastIndexOf(`${sep}node_modules${sep}`);
    if (at < 0) continue;
    const rest = abs.slice(at + 14).split(sep);
    const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    const dir = abs.slice(0, at + 14) + name.split('/').join(sep);
    if (!packages.has(name)) packages.set(name, dir);
  }
  const out = ['# Third-party software bundled in @metawsm/cli', ''];
  for (const [name, dir] of [...packages.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file
      ? readFileSync(join(dir, file), 'utf8').trim()
      : `License: ${pkg.license ?? 'see package'}`;
    out.push(`## ${name}@${pkg.version} (${pkg.license ?? 'unknown'})`, '', '```', text, '```', '');
  }
  return out.join('\n');
}

/**
 * oclif.manifest.json: what `--help`, `--version` and command lookup read instead of loading the
 * commands. oclif computes it in memory when there is none; that is the file `oclif manifest` writes.
 */
async function writeManifest() {
  const file = join(root, 'oclif.manifest.json');
  rmSync(file, { force: true });
  const { Config } = await import('@oclif/core');
  const config = await Config.load(root);
  const manifest = config.getPluginsList().find((p) => p.isRoot)?.manifest;
  if (!manifest || Object.keys(manifest.commands).length === 0)
    throw new Error('no commands found for the manifest');
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(
    `oclif.manifest.json: ${Object.keys(manifest.commands).length} commands (${relative(process.cwd(), file)})\n`,
  );
}
