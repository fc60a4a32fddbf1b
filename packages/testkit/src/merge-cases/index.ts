export type { CaseFile, CaseMode, CaseTree, MergeCase } from './case.js';
export { importCases, type CaseCommits } from './case-repo.js';
export { DifferentialReport, judge, VERDICTS, WRONG_CLEAN, type Verdict } from './compare.js';
export { describeDifferentialMerge, type DifferentialOptions } from './differential.js';
export { generateMergeCase, generateMergeCases } from './generate.js';
export {
  gitMergeOutcomes,
  parseMergeTreeStdin,
  withoutSideSuffix,
  type GitMergeOutcome,
} from './git-oracle.js';
export { caseSeed, Random } from './random.js';
