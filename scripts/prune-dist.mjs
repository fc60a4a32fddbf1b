#!/usr/bin/env node
// Delete compiled files whose TypeScript source is gone. `tsc -b` never removes the outputs of a
// deleted or renamed source, and `files: ["dist"]` would ship them (a stale module that nothing
// imports, with a source map pointing at a file that no longer exists). Runs after tsc in build.
import { readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const OUTPUT = /\.(d\.ts\.map|js\.map|d\.ts|js)$/;

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

let pruned = 0;
for (const pkg of readdirSync(join(root, 'packages'))) {
  const dist = join(root, 'packages', pkg, 'dist');
  const src = join(root, 'packages', pkg, 'src');
  if (!existsSync(dist) || !existsSync(src)) continue;
  for (const file of walk(dist)) {
    const rel = relative(dist, file);
    if (rel.startsWith('bundle') || !OUTPUT.test(rel)) continue;
    const stem = rel.replace(OUTPUT, '');
    if (existsSync(join(src, `${stem}.ts`))) continue;
    rmSync(file);
    pruned++;
  }
}
if (pruned > 0) process.stdout.write(`prune-dist: removed ${pruned} compiled file(s) whose source is gone\n`);
