#!/usr/bin/env node
// Bundle the compiled CLI (dist/commands.js and everything it imports) into dist/bundle/, one
// chunk per lazily loaded adapter. Loading a few large files instead of hundreds of small modules
// roughly halves start-up (measured: 10k-file `metawsm commit` 0.88 s → 0.57 s).
// @oclif/core stays external (bin/run.js imports it; one copy must exist) and so does the
// native better-sqlite3 module.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// isomorphic-git's "node" export is CommonJS, which esbuild cannot tree-shake; its ESM build is
// the same code, so bundle that and drop the many commands metawsm never calls.
const adaptersRequire = createRequire(join(root, '..', 'adapters', 'package.json'));
const isoGitEsm = join(dirname(adaptersRequire.resolve('isomorphic-git')), 'index.js');
const preferEsm = {
  name: 'isomorphic-git-esm',
  setup(b) {
    b.onResolve({ filter: /^isomorphic-git$/ }, () => ({ path: isoGitEsm }));
  },
};
rmSync(`${root}/dist/bundle`, { recursive: true, force: true });
await build({
  entryPoints: [`${root}/dist/commands.js`],
  outdir: `${root}/dist/bundle`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@oclif/core', 'better-sqlite3'],
  // CommonJS dependencies (isomorphic-git) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __metawsmCreateRequire } from 'node:module';\nconst require = __metawsmCreateRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  legalComments: 'none',
  plugins: [preferEsm],
  logLevel: 'warning',
});
