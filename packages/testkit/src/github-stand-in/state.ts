import { createHash } from 'node:crypto';
import type {
  AuthorAssociation,
  StandInCheckRun,
  StandInIssueComment,
  StandInPermissions,
  StandInPullRequest,
  StandInRepoOptions,
  StandInReview,
  StandInReviewComment,
  StandInStatus,
  StandInToken,
} from './types.js';
import type { StandInPullSeed } from './seed-types.js';

/** One repository's data. */
export interface RepoState {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  permissions: Map<string, StandInPermissions>;
  pulls: StandInPullRequest[];
  comments: StandInReviewComment[];
  reviews: StandInReview[];
  issueComments: StandInIssueComment[];
  /** Review thread state by root comment id (absent: unresolved and current). */
  threads: Map<number, { resolved: boolean; outdated: boolean }>;
  checkRuns: StandInCheckRun[];
  statuses: StandInStatus[];
  /** Labels by name, with stable ids (GitHub creates unknown labels when they are added). */
  labels: Map<string, { id: number; name: string; color: string }>;
}

/** Fields of a new pull request once the route (or a seed) has validated them. */
export type NewPull = Pick<
  StandInPullRequest,
  'title' | 'body' | 'draft' | 'headOwner' | 'headRef' | 'headSha' | 'baseRef' | 'user'
>;

const key = (owner: string, repo: string): string => `${owner}/${repo}`.toLowerCase();

/** A made-up but stable sha for a branch the stand-in knows nothing about. */
export function fakeSha(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex');
}

/** GitHub's timestamp format: ISO 8601 without milliseconds. */
function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The stand-in's in-memory GitHub: tokens, repositories, pull requests, comments, reviews. */
export class GitHubState {
  readonly #tokens = new Map<string, StandInToken>();
  readonly #repos = new Map<string, RepoState>();
  readonly #now: () => Date;
  #nextId = 1000;

  constructor(now: () => Date) {
    this.#now = now;
  }

  addToken(token: string, info: StandInToken): void {
    this.#tokens.set(token, { login: info.login, scopes: info.scopes ?? null });
  }

  userForToken(token: string): StandInToken | undefined {
    return this.#tokens.get(token);
  }

  addRepo(owner: string, name: string, options: StandInRepoOptions = {}): RepoState {
    const permissions = new Map<string, StandInPermissions>();
    for (const [login, p] of Object.entries(options.permissions ?? {})) {
      const admin = p.admin ?? false;
      const push = p.push ?? admin;
      permissions.set(login.toLowerCase(), { admin, push, pull: p.pull ?? true });
    }
    const repo: RepoState = {
      id: this.nextId(),
      owner,
      name,
      defaultBranch: options.defaultBranch ?? 'main',
      private: options.private ?? true,
      permissions,
      ...emptyData(),
    };
    this.#repos.set(key(owner, name), repo);
    return repo;
  }

  repo(owner: string, name: string): RepoState | undefined {
    return this.#repos.get(key(owner, name));
  }

  /** Every repository (for listing pull requests). */
  repos(): RepoState[] {
    return [...this.#repos.values()];
  }

  permissionOf(repo: RepoState, login: string): StandInPermissions | null {
    return repo.permissions.get(login.toLowerCase()) ?? null;
  }

  /** GitHub's `author_association` for a login on a repository. */
  associationOf(repo: RepoState, login: string): AuthorAssociation {
    if (login.toLowerCase() === repo.owner.toLowerCase()) return 'OWNER';
    return this.permissionOf(repo, login) ? 'COLLABORATOR' : 'NONE';
  }

  timestamp(): string {
    return isoSeconds(this.#now());
  }

  nextId(): number {
    return this.#nextId++;
  }

  createPull(repo: RepoState, fields: NewPull): StandInPullRequest {
    const at = this.timestamp();
    const pr: StandInPullRequest = {
      owner: repo.owner,
      repo: repo.name,
      number: repo.pulls.length + 1,
      ...fields,
      state: 'open',
      merged: false,
      baseSha: fakeSha(repo.owner, repo.name, fields.baseRef),
      labels: [],
      requestedReviewers: [],
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      mergedAt: null,
      mergeCommitSha: fakeSha('merge', repo.owner, repo.name, String(repo.pulls.length + 1)),
      mergedBy: null,
    };
    repo.pulls.push(pr);
    return pr;
  }

  /** Seed a pull request directly (no validation beyond the repository existing). */
  seedPull(seed: StandInPullSeed): StandInPullRequest {
    const repo = this.mustRepo(seed.owner, seed.repo);
    const [headOwner, headRef] = seed.head.includes(':') ? splitOnce(seed.head) : [repo.owner, seed.head];
    return this.createPull(repo, {
      title: seed.title ?? `Change ${headRef}`,
      body: seed.body ?? null,
      draft: seed.draft ?? false,
      headOwner,
      headRef,
      headSha: seed.headSha ?? fakeSha(headOwner, repo.name, headRef),
      baseRef: seed.base ?? repo.defaultBranch,
      user: seed.user ?? repo.owner,
    });
  }

  mustRepo(owner: string, name: string): RepoState {
    const repo = this.repo(owner, name);
    if (!repo) throw new Error(`stand-in: unknown repository ${owner}/${name}`);
    return repo;
  }

  mustPull(owner: string, name: string, num: number): { repo: RepoState; pr: StandInPullRequest } {
    const repo = this.mustRepo(owner, name);
    const pr = repo.pulls[num - 1];
    if (!pr) throw new Error(`stand-in: unknown pull request ${owner}/${name}#${num}`);
    return { repo, pr };
  }

  /** Forget pull requests, comments and reviews; tokens and repositories stay. */
  reset(): void {
    for (const repo of this.#repos.values()) Object.assign(repo, emptyData());
  }
}

/** A repository's data before anything happened on it. */
function emptyData(): Pick<
  RepoState,
  'pulls' | 'comments' | 'reviews' | 'issueComments' | 'threads' | 'checkRuns' | 'statuses' | 'labels'
> {
  return {
    pulls: [],
    comments: [],
    reviews: [],
    issueComments: [],
    threads: new Map(),
    checkRuns: [],
    statuses: [],
    labels: new Map(),
  };
}

/** `owner:branch` → [owner, branch] (split at the first colon). */
export function splitOnce(head: string): [string, string] {
  const i = head.indexOf(':');
  return [head.slice(0, i), head.slice(i + 1)];
}
