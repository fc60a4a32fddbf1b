/**
 * @metawsm/core: the pure heart of metawsm. Domain model, policy, use cases and the ports
 * they need; adapters live in @metawsm/adapters, fakes in @metawsm/core/testing.
 */
export * from './domain/index.js';
export * from './errors/index.js';
export * from './policy/index.js';
export type * from './ports/index.js';
export * from './checks/index.js';
export * from './services/index.js';
