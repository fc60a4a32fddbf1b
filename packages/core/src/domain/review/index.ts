export { baseCandidate, feedbackDigest, type FeedbackCandidate } from './candidate.js';
export {
  FAILING_CONCLUSIONS,
  FAILING_STATUS_STATES,
  MAX_ANNOTATIONS,
  checkRunBody,
  checkRunCandidate,
  isFailingRun,
  passingCheckNames,
  statusCandidates,
} from './checks.js';
export {
  feedbackFilePaths,
  itemMarker,
  markersIn,
  renderDispatchMarkdown,
  renderFeedbackJson,
  renderItemMarkdown,
} from './feedback-files.js';
export { fenced, linesOutsideFences, longestBacktickRun } from './fence.js';
export {
  conversationCandidates,
  groupThreads,
  reviewCandidates,
  threadCandidates,
  threadsByRoot,
  type ThreadStates,
} from './sources.js';
export {
  admitOldestFirst,
  newFeedbackItem,
  planTargetSync,
  type FeedbackDecision,
  type SyncReason,
  type TargetSyncInput,
  type TargetSyncPlan,
} from './sync-plan.js';
export { isBot, trustVerdict, type FilterCounts, type TrustRules, type TrustVerdict } from './trust.js';
