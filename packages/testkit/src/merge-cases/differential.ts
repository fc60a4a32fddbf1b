import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitPort, TreeMergeResult } from '@metawsm/core';
import { git, isolatedGitEnv, makeTempDir, type TempDir } from '../git-fixtures.js';
import type { MergeCase } from './case.js';
import { importCases, type CaseCommits } from './case-repo.js';
import { DifferentialReport, judge, WRONG_CLEAN } from './compare.js';
import { generateMergeCases } from './generate.js';
import { gitMergeOutcomes, type GitMergeOutcome } from './git-oracle.js';

/** Options of {@link describeDifferentialMerge}; `METAWSM_DIFF_SEED` / `METAWSM_DIFF_CASES` override seed and count. */
export interface DifferentialOptions {
  seed?: number;
  cases?: number;
  /** Largest allowed share of all cases where the engine conflicts but git merges cleanly. */
  maxConflictWhereGitClean: number;
  /** Largest allowed share of all cases where both conflict on different path sets. */
  maxConflictPathsDiffer: number;
}

const DEFAULT_SEED = 20_261_204;
const DEFAULT_CASES = 2_400;

function envNumber(name: string, fallback: number): number {
  const v = process.env[name];
  return v && /^\d+$/.test(v) ? Number(v) : fallback;
}

interface Fixture {
  tmp: TempDir;
  dir: string;
  cases: MergeCase[];
  commits: CaseCommits[];
  oracle: GitMergeOutcome[];
  timings: Record<string, number>;
}

async function buildFixture(seed: number, count: number): Promise<Fixture> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const tmp = makeTempDir('metawsm-differential-');
  const dir = join(tmp.path, 'repo');
  const env = isolatedGitEnv(tmp.path);
  git(tmp.path, ['init', '-q', '-b', 'main', dir], { env });
  const cases = generateMergeCases(seed, count);
  timings.generate = performance.now() - t0;
  const commits = await importCases(dir, cases, env);
  timings.import = performance.now() - t0 - timings.generate;
  const oracle = await gitMergeOutcomes(dir, commits, env);
  timings.git = performance.now() - t0 - timings.generate - timings.import;
  return { tmp, dir, cases, commits, oracle, timings };
}

function describeResult(r: TreeMergeResult | Error, g: GitMergeOutcome): string {
  const mine =
    r instanceof Error
      ? `error ${r.message}`
      : r.clean
        ? `clean ${r.tree}`
        : `conflicts ${r.conflicts.map((c) => `${c.path}:${c.kind}`).join(',')}`;
  return `engine: ${mine}; git: ${g.clean ? `clean ${g.tree}` : `conflicts ${g.paths.join(',')}`}`;
}

/** Write the disagreeing cases as JSON into `METAWSM_DIFF_DUMP` (a folder) when it is set. */
function dump(fx: Fixture, report: DifferentialReport): void {
  const out = process.env.METAWSM_DIFF_DUMP;
  if (!out) return;
  mkdirSync(out, { recursive: true });
  for (const f of report.failures)
    writeFileSync(
      join(out, `case-${f.index}.json`),
      JSON.stringify({ ...f, case: fx.cases[f.index], commits: fx.commits[f.index] }, null, 2),
    );
}

/**
 * The differential merge suite: thousands of seeded base/ours/theirs cases in the shapes that
 * break naive merges, each merged by the engine (`GitPort.mergeTrees`) and by real git
 * (`git merge-tree --write-tree`, the oracle). Fails on any wrong clean merge and when the
 * engine's conflicts where git is clean (or on other paths) exceed the given shares.
 */
export function describeDifferentialMerge(
  engineName: string,
  makeGitPort: () => GitPort,
  options: DifferentialOptions,
): void {
  const seed = envNumber('METAWSM_DIFF_SEED', options.seed ?? DEFAULT_SEED);
  const count = envNumber('METAWSM_DIFF_CASES', options.cases ?? DEFAULT_CASES);
  describe(`differential merge against git merge-tree: ${engineName}`, () => {
    let fx: Fixture;
    beforeAll(async () => {
      fx = await buildFixture(seed, count);
    }, 600_000);
    afterAll(() => fx?.tmp.cleanup());

    it(`agrees with git on ${count} seeded cases (seed ${seed})`, async () => {
      const port = makeGitPort();
      const ws = await port.openWorkspace(fx.dir);
      const report = new DifferentialReport();
      const t0 = performance.now();
      for (let i = 0; i < fx.cases.length; i++) {
        const result = await port
          .mergeTrees(ws, fx.commits[i]!.trees)
          .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
        const g = fx.oracle[i]!;
        report.add(fx.cases[i]!.shape, judge(result, g), g.clean, i, describeResult(result, g));
      }
      fx.timings.engine = performance.now() - t0;
      const ms = Object.entries(fx.timings)
        .map(([k, v]) => `${k} ${Math.round(v)} ms`)
        .join(', ');
      console.log(`differential merge, ${engineName}, seed ${seed}: ${ms}\n${report.table()}`);
      dump(fx, report);
      const wrong = report.failures.filter(
        (f) => WRONG_CLEAN.includes(f.verdict) || f.verdict === 'engine-error',
      );
      expect(wrong.slice(0, 10)).toEqual([]);
      expect(report.count('conflict-where-git-clean') / count).toBeLessThanOrEqual(
        options.maxConflictWhereGitClean,
      );
      expect(report.count('conflict-paths-differ') / count).toBeLessThanOrEqual(
        options.maxConflictPathsDiffer,
      );
    }, 600_000);
  });
}
