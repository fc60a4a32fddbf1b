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
