#!/usr/bin/env node
// prepack: refuse to pack a CLI whose bundle or oclif.manifest.json is missing or stale (they are
// build outputs: `pnpm build` writes both). Checks only, so packing never races a running build.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const fail = (why) => {
  process.stderr.write(`@metawsm/cli cannot be packed: ${why}. Run \`pnpm build\` first.\n`);
  process.exit(1);
};
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifestFile = join(root, 'oclif.manifest.json');
if (!existsSync(manifestFile)) fail('oclif.manifest.json is missing');
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
if (manifest.version !== version)
  fail(`oclif.manifest.json is for ${manifest.version}, the package is ${version}`);
for (const [id, c] of Object.entries(manifest.commands)) {
  const file = join(root, ...(c.relativePath ?? []));
  if (!c.relativePath || !existsSync(file)) fail(`command ${id} has no bundled file`);
  if (statSync(file).mtimeMs > statSync(manifestFile).mtimeMs + 1000)
    fail(`the bundle is newer than the manifest (${id})`);
}
if (!existsSync(join(root, 'dist/bundle/THIRD-PARTY-NOTICES.md'))) fail('THIRD-PARTY-NOTICES.md is missing');
