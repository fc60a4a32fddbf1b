export { PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export { DEFAULT_PG_RETRY, type PgRetryPolicy } from './pg-retry.js';
export { DEFAULT_PG_SESSION, type PgSessionOptions } from './pg-config.js';
