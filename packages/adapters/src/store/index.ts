export { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { DEFAULT_BUSY_RETRY, type BusyRetryPolicy } from './sqlite-errors.js';
export { STORE_MIGRATIONS } from './migrations/index.js';
