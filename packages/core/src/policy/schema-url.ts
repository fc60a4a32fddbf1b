/** The file name of the policy's JSON Schema in the `@metawsm/core` package. */
export const POLICY_SCHEMA_FILE = 'policy.schema.json';

/**
 * Where editors fetch the policy's JSON Schema for `version` of metawsm: the file shipped in the
 * published `@metawsm/core` package, through a CDN that serves npm packages. Pinned to the version
 * so the completion an editor offers matches what that version accepts.
 */
export function policySchemaUrl(version: string): string {
  return `https://unpkg.com/@metawsm/core@${encodeURIComponent(version)}/${POLICY_SCHEMA_FILE}`;
}
