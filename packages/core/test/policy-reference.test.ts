import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { POLICY_KEY_DOCS, defaultPolicy, policyKeys, validatePolicy } from '../src/index.js';
import { policyJsonSchema, policyReferenceMarkdown } from '../scripts/policy-reference.mjs';

const docsFile = fileURLToPath(new URL('../../../docs/policy.md', import.meta.url));

/** Inputs valibot rejects or accepts; the JSON Schema must agree on every one. */
const SAMPLES: unknown[] = [
  {},
  { $schema: 'https://example.com/policy.schema.json' },
  { $schema: '' },
  { $schemaa: 'x' },
  { git_pr: { mode: 'auto', review_feedback: { enabled: true, max_items_per_sync: 10 } } },
  { git_pr: { mode: 'sometimes' } },
  { git_pr: { required_checks: ['tests', 'secrets'] } },
  { git_pr: { required_checks: ['tests', 'lint'] } },
  { git_pr: { test_timeout_seconds: 0 } },
  { git_pr: { test_timeout_seconds: 1.5 } },
  { git_pr: { test_timeout_seconds: 86_401 } },
  { git_pr: { test_commands: ['npm test', ''] } },
  { git_pr: { default_labels: 'bug' } },
  { git_pr: { requried_checks: [] } },
  { git_pr: { author: { name: 'A' } } },
  { git_pr: { author: { name: 'A', email: 'a@example.com' } } },
  { git_pr: { review_feedback: { trusted_associations: ['FRIEND'] } } },
  { git_pr: { review_feedback: { dispatch_command: [] } } },
  { git_pr: { review_feedback: { dispatch_command: null } } },
  { git_pr: { review_feedback: { dispatch_command: ['agentctl', 'resume'] } } },
  { git_pr: { update_strategy: 'append', draft: true } },
  { git_pr: 'on' },
  { extra: true },
];

describe('policy reference and JSON Schema stay in step with the valibot schema', () => {
  const schema = policyJsonSchema();

  it('every key of the schema has a reference entry, and every entry names a key', () => {
    const paths = policyKeys().map((k) => k.path);
    expect(paths).toEqual(expect.arrayContaining(['$schema', 'git_pr.mode', 'git_pr.author.email']));
    expect(Object.keys(POLICY_KEY_DOCS).sort()).toEqual([...paths].sort());
  });

  it('the JSON Schema accepts and rejects exactly what validation accepts and rejects', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    for (const input of SAMPLES)
      expect({ input, valid: validate(input) }).toEqual({ input, valid: validatePolicy(input).ok });
  });

  it("the JSON Schema's defaults are the policy's defaults", () => {
    const props = (schema.properties as Record<string, { properties: Record<string, { default?: unknown }> }>)
      .git_pr!.properties;
    const defaults = defaultPolicy().git_pr as Record<string, unknown>;
    for (const [key, value] of Object.entries(defaults)) {
      if (key === 'review_feedback') continue;
      expect({ key, value: props[key]!.default }).toEqual({ key, value });
    }
  });

  it('docs/policy.md is the generated reference (run `pnpm generate` after changing the policy)', () => {
    const markdown = policyReferenceMarkdown();
    for (const key of policyKeys()) expect(markdown).toContain(`### \`${key.path}\``);
    expect(readFileSync(docsFile, 'utf8')).toBe(markdown);
  });
});
