export * from './contracts/store.contract.js';
export * from './git-fixtures.js';
export * from './git-http-server.js';
