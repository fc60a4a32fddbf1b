export * from './codes.js';
export * from './metawsm-error.js';
