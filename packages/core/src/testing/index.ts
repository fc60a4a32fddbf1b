/** In-memory fakes and builders for tests of code that uses @metawsm/core. */
export * from './builders.js';
export * from './fake-git.js';
export * from './fake-github.js';
export * from './fake-ids.js';
export * from './fake-process.js';
export * from './faults.js';
export * from './in-memory-files.js';
export * from './in-memory-store.js';
export * from './test-clock.js';
