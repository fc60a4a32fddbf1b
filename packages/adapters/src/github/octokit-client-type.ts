import type { Octokit } from '@octokit/rest';

/** The Octokit the adapter uses (REST, GraphQL, hooks; throttling plugged in). */
export type GitHubClient = Octokit;
