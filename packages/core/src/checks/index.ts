export * from './builtin-checks.js';
export type * from './check.js';
export * from './registry.js';
