import type {
  FakeAnnotationSeed,
  FakeCheckRunSeed,
  FakeCommitStatusSeed,
  FakeIssueCommentSeed,
  FakePullRequestSeed,
  FakeReviewCommentSeed,
  FakeReviewSeed,
} from '@metawsm/core/testing';
import type { AuthorAssociation } from './types.js';

/*
 * What tests seed into the stand-in: the FakeGitHub's seeds (one shape, so the contract suite seeds
 * both alike), narrowed where GitHub allows only some values.
 */

/** Seed for {@link GitHubStandIn.seedPullRequest}. */
export type StandInPullSeed = FakePullRequestSeed;

/** Seed for {@link GitHubStandIn.addIssueComment}. */
export interface StandInIssueCommentSeed extends FakeIssueCommentSeed {
  /** Default: derived from the user's permissions (`OWNER`, `COLLABORATOR`, `NONE`). */
  authorAssociation?: AuthorAssociation;
}

/** Seed for {@link GitHubStandIn.addReviewComment}. */
export interface StandInCommentSeed extends FakeReviewCommentSeed {
  authorAssociation?: AuthorAssociation;
}

/** Seed for {@link GitHubStandIn.addReview}. */
export interface StandInReviewSeed extends FakeReviewSeed {
  authorAssociation?: AuthorAssociation;
  /** Default `COMMENTED`. */
  state?: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
}

/** Seed for one annotation of a check run. */
export type StandInAnnotationSeed = FakeAnnotationSeed;

/** Seed for {@link GitHubStandIn.addCheckRun}. */
export type StandInCheckRunSeed = FakeCheckRunSeed;

/** Seed for {@link GitHubStandIn.addCommitStatus}. */
export type StandInStatusSeed = FakeCommitStatusSeed;
