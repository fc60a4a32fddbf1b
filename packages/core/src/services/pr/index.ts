export type * from './pr-result.js';
export * from './pr-run.js';
export { prBody, prMarker, prTitle } from './pr-text.js';
export type { PrDeps, PrOptions } from './pr-target.js';
export { addressedMarker, addressedReply } from './pr-feedback.js';
