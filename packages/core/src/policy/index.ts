export * from './json-error-position.js';
export * from './parse.js';
export * from './schema.js';
export { policyKeys, type PolicyKey } from './keys.js';
export * from './policy-docs.js';
export * from './schema-url.js';
