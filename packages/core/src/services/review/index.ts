export type * from './review-result.js';
export type { ReviewDeps } from './review-connect.js';
export { DISPATCH_COMMAND_TIMEOUT_MS } from './review-dispatch.js';
export { DEFAULT_IGNORE_REASON, reviewIgnore, type IgnoreOutcome } from './review-ignore.js';
export { reviewList } from './review-list.js';
export { assertCanSync, reviewSync, type ReviewSyncInput } from './review-sync.js';
