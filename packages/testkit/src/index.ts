export * from './contracts/git.contract.js';
export * from './contracts/github.contract.js';
export * from './contracts/store.contract.js';
export * from './git-fixtures.js';
export * from './git-http-server.js';
export * from './github-stand-in/index.js';
export * from './merge-cases/index.js';
