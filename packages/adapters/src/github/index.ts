/** The GitHub adapter: OctokitGitHubAdapter and its options. */
export { OctokitGitHubAdapter } from './octokit-github.adapter.js';
export { storeHttpCache } from './store-http-cache.js';
export type { OctokitGitHubAdapterOptions, OctokitLog } from './octokit-client.js';
export type { GitHubRetryEvent } from './retry-budget.js';
export type { GitHubValidationDetail } from './errors.js';
