// The per-repository, per-engine table of bench/realhist.
import { percentile, ratio, secs, table } from '../lib/stats.mjs';
import { CATEGORIES } from './classify.mjs';

const HEADER = [
  'repo',
  'engine (used)',
  'cases',
  'agree',
  'clean≠git',
  'conflict/git clean',
  'clean/git conflict',
  'other',
  'snapshot≠git',
  'metawsm p50',
  'git plumbing p50',
  'ratio',
  'metawsm peak RSS',
];

/** Rows of the table from every result (`{ repo, engine, engineUsed, verdict, seconds, oracle, ... }`). */
export function summarize(results) {
  const groups = new Map();
  for (const r of results) {
    const key = `${r.repo}\0${r.engine}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  return [...groups.values()].map((rs) => {
    const count = Object.fromEntries(
      CATEGORIES.map((c) => [c, rs.filter((r) => r.verdict.category === c).length]),
    );
    const used = [...new Set(rs.map((r) => r.engineUsed ?? '-'))].join('/');
    const ours = percentile(
      rs.map((r) => r.seconds),
      50,
    );
    const theirs = percentile(
      rs.map((r) => r.oracle.seconds),
      50,
    );
    return [
      rs[0].repo,
      `${rs[0].engine} (${used})`,
      String(rs.length),
      ...CATEGORIES.map((c) => String(count[c])),
      String(rs.filter((r) => r.snapshotTree !== r.oracle.snapshotTree).length),
      `${secs(ours)} s`,
      `${secs(theirs)} s`,
      ratio(ours, theirs),
      `${Math.max(...rs.map((r) => r.rssMb)).toFixed(0)} MB`,
    ];
  });
}

/** The whole report as text. */
export function renderReport({ results, repos, opts, outFile }) {
  const lines = [];
  lines.push(
    `bench/realhist — seed ${opts.seed}, ${opts.cases} cases per repository, engines ${opts.engines.join(',')}`,
  );
  for (const r of repos) {
    lines.push(
      `  ${r.name}: ${r.facts.commits} commits, ${r.facts.files} files, pack ${r.facts.packMb.toFixed(0)} MB; ` +
        `selected ${r.selected}, replayed ${r.prepared}; skipped draws: ${fmtSkips(r.skipped)}; ` +
        `X already in base: ${r.xInBase}`,
    );
    lines.push(`    git plumbing p50 per step: ${stepMedians(results.filter((x) => x.repo === r.name))}`);
  }
  lines.push('');
  lines.push(table(HEADER, summarize(results)));
  lines.push('');
  lines.push(
    'engine (used): METAWSM_GIT_ENGINE requested, and what `commit --json` reports using (`-`: not reported).',
  );
  lines.push(
    "snapshot≠git: metawsm's snapshot tree differs from git's temporary-index snapshot (included in the verdicts).",
  );
  lines.push("times: whole-process `metawsm commit` vs the sum of git's plumbing steps for the same case.");
  const bad = results.filter((r) => r.verdict.category !== 'agree').length;
  lines.push(bad ? `${bad} disagreement(s) written to ${outFile}` : 'no disagreements');
  return lines.join('\n');
}

/** Median of each plumbing step over the repository's cases (each case's oracle counted once). */
function stepMedians(rs) {
  const oracles = [...new Map(rs.map((r) => [r.case.index, r.oracle])).values()];
  if (oracles.length === 0) return '-';
  return Object.keys(oracles[0].steps)
    .map(
      (k) =>
        `${k} ${(
          1000 *
          percentile(
            oracles.map((o) => o.steps[k]),
            50,
          )
        ).toFixed(0)} ms`,
    )
    .join(', ');
}

function fmtSkips(s) {
  return (
    Object.entries(s)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none'
  );
}
