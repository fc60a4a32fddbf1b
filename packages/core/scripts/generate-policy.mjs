#!/usr/bin/env node
// Writes packages/core/policy.schema.json (shipped in the package; a build step) and, with
// --docs, docs/policy.md. --check writes nothing and exits 1 when docs/policy.md is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { POLICY_SCHEMA_FILE, policySchemaUrl } from '@metawsm/core';
import { policyJsonSchema, policyReferenceMarkdown } from './policy-reference.mjs';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const docFile = fileURLToPath(new URL('../../../docs/policy.md', import.meta.url));
const { version } = JSON.parse(readFileSync(`${pkgDir}/package.json`, 'utf8'));
const args = new Set(process.argv.slice(2));

if (args.has('--check')) {
  let current = '';
  try {
    current = readFileSync(docFile, 'utf8');
  } catch {
    // missing: stale
  }
  if (current !== policyReferenceMarkdown()) {
    process.stderr.write('docs/policy.md is stale: run `pnpm generate` and commit the result.\n');
    process.exit(1);
  }
} else {
  const schema = policyJsonSchema({ id: policySchemaUrl(version) });
  writeFileSync(`${pkgDir}/${POLICY_SCHEMA_FILE}`, `${JSON.stringify(schema, null, 2)}\n`);
  if (args.has('--docs')) writeFileSync(docFile, policyReferenceMarkdown());
}
