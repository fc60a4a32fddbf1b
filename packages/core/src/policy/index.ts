export * from './json-error-position.js';
export * from './parse.js';
export * from './schema.js';
