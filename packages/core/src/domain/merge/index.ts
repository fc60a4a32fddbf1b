export { mergeLines, type LineMergeResult } from './merge-lines.js';
export { isBinary } from './lines.js';
export {
  classifyEntry,
  entryKind,
  type EntryDecision,
  type EntryKind,
  type MergeEntry,
} from './classify-entry.js';
export { diffScript, type Change, type Script } from './script.js';
export {
  MAX_SCORE,
  RENAME_SCORE,
  renameSignature,
  similarityScore,
  spanCounts,
  type RenameSignature,
} from './similarity.js';
export {
  planRenames,
  renameSources,
  renameVerdict,
  RENAME_CANDIDATE_SCORE,
  RENAME_MARGIN,
  type MergeOverlay,
  type MergeSide,
  type RemovedDir,
  type RenameCandidate,
  type RenamePlan,
  type RenameVerdict,
  type SideDiff,
} from './rename-plan.js';
