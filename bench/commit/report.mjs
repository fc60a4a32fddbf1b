// The table of bench/commit and the verdict of every target.
import { median, ratio, secs, table } from '../lib/stats.mjs';
import { TARGETS_TEXT, checksFor } from './targets.mjs';

const label = (repo) => (repo === 'long' ? 'long history' : `${repo / 1000}k files`);
const mb = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} MB` : '-');
const maxOf = (xs) => Math.max(...xs.map((x) => x.rssMb));

/** The report as text. `rows`: `{ repo, engine, samples: { stash, plumbing }, engineSamples }`. */
export function renderCommitReport({ rows, reps, longMeta }) {
  const lines = [
    `bench/commit — median of ${reps} runs, whole-process wall time (metawsm includes Node start-up, SQLite and a fetch)`,
  ];
  if (longMeta)
    lines.push(
      `long history: ${longMeta.commits} commits (${longMeta.firstParentCommits} first-parent), ${longMeta.files} files, ` +
        `${longMeta.packs} pack(s) of ${longMeta.packMb.toFixed(0)} MB after git gc (generator v${longMeta.generatorVersion}, cached at ${longMeta.path})`,
    );
  const data = rows.map((r) => {
    const used = [...new Set(r.engineSamples.map((s) => s.engineUsed ?? '-'))].join('/');
    return {
      ...r,
      used,
      metawsm: median(r.engineSamples.map((s) => s.seconds)),
      plumbing: median(r.samples.plumbing.map((s) => s.seconds)),
      stash: median(r.samples.stash.map((s) => s.seconds)),
      rssMb: maxOf(r.engineSamples),
    };
  });
  const header = [
    'repo',
    'engine (used)',
    'metawsm',
    'plumbing',
    'ratio',
    'stash seq',
    'ratio',
    'metawsm RSS',
    'plumbing RSS',
    'stash RSS',
  ];
  lines.push(
    table(
      header,
      data.map((d) => [
        label(d.repo),
        `${d.engine} (${d.used})`,
        `${secs(d.metawsm)} s`,
        `${secs(d.plumbing)} s`,
        ratio(d.metawsm, d.plumbing),
        `${secs(d.stash)} s`,
        ratio(d.metawsm, d.stash),
        mb(d.rssMb),
        mb(maxOf(d.samples.plumbing)),
        mb(maxOf(d.samples.stash)),
      ]),
    ),
  );
  lines.push(
    '',
    "plumbing: fetch; temporary index (copy of the workspace's) + add -A + write-tree + commit-tree; update-ref;",
  );
  lines.push(
    '          merge-tree --write-tree; commit-tree; update-ref (CAS). stash seq: fetch; stash -u; checkout -B; stash pop; add -A; commit.',
  );
  if (data.some((d) => d.used === '-'))
    lines.push(
      'engine (used) `-`: the CLI did not report its engine; METAWSM_GIT_ENGINE is then not implemented by this build and every row ran its only (js) engine.',
    );
  lines.push('', 'targets:');
  for (const t of TARGETS_TEXT) lines.push(`  ${t}`);
  for (const d of data)
    for (const c of checksFor(d))
      lines.push(
        `  ${c.pass ? 'PASS' : 'FAIL'}  ${d.engine.padEnd(6)} ${label(d.repo).padEnd(12)} ${c.what}: ${c.value.toFixed(2)} (<= ${c.limit})`,
      );
  return lines.join('\n');
}
