export * from './git-fixtures.js';
export * from './git-http-server.js';
