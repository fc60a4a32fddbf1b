#!/usr/bin/env node
// prepack: refuse to pack @metawsm/core without its policy JSON Schema for this version (a build
// output: `pnpm build` writes it).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const file = join(root, 'policy.schema.json');
const schema = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
if (!schema?.$id?.includes(`@metawsm/core@${version}/`)) {
  process.stderr.write(
    '@metawsm/core cannot be packed: policy.schema.json is missing or for another version. Run `pnpm build` first.\n',
  );
  process.exit(1);
}
