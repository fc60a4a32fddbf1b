/** The policy's JSON Schema (draft-07), with descriptions, defaults and examples; `id` becomes `$id`. */
export function policyJsonSchema(options?: { id?: string }): Record<string, unknown>;
/** The Markdown reference of every policy key (docs/policy.md). */
export function policyReferenceMarkdown(): string;
