/**
 * @metawsm/adapters: real implementations of the @metawsm/core ports. Each adapter also has its
 * own entry point (`@metawsm/adapters/git`, `/github`, `/store`, `/store/postgres`, `/system`) so a
 * CLI can load only what a command needs. `createMetawsm` (also `@metawsm/adapters/wiring`) wires
 * them all and returns the use cases.
 */
export * from './git/index.js';
export * from './github/index.js';
export * from './store/index.js';
export * from './store/postgres/index.js';
export * from './system/index.js';
export * from './wiring/index.js';
