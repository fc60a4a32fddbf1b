// The targets bench/commit prints its rows against (issue 7 item 5, issue 8), as data.

const NATIVE_PLUMBING = 1.3;
const NATIVE_STASH = 1.0;
const NATIVE_RSS = 150;
const JS_PLUMBING = { 50000: 2, long: 3 };
const JS_RSS = 300;

/**
 * The checks that apply to one row (`{ repo, engine, metawsm, plumbing, stash, rssMb }`, `repo` a file
 * count or `long`). Each check: `{ what, value, limit, pass }`.
 */
export function checksFor(row) {
  const out = [];
  const check = (what, value, limit) => out.push({ what, value, limit, pass: value <= limit });
  const big = row.repo === 'long' || row.repo >= 10_000;
  if (row.engine === 'native') {
    if (row.repo === 'long' || row.repo >= 50_000)
      check('x plumbing', row.metawsm / row.plumbing, NATIVE_PLUMBING);
    if (big) check('x stash/checkout', row.metawsm / row.stash, NATIVE_STASH);
    check('peak RSS MB', row.rssMb, NATIVE_RSS);
  } else if (row.engine === 'js') {
    const limit = JS_PLUMBING[row.repo];
    if (limit) check('x plumbing', row.metawsm / row.plumbing, limit);
    if (row.repo === 'long' || row.repo >= 50_000) check('peak RSS MB', row.rssMb, JS_RSS);
  }
  return out;
}

/** Human-readable list of every target, printed under the table. */
export const TARGETS_TEXT = [
  `native: <= ${NATIVE_PLUMBING}x plumbing at 50k and long history; <= ${NATIVE_STASH}x stash/checkout at >= 10k; peak RSS <= ${NATIVE_RSS} MB`,
  `js: <= ${JS_PLUMBING.long}x plumbing on long history, <= ${JS_PLUMBING[50000]}x at 50k; peak RSS <= ${JS_RSS} MB (50k, long)`,
];
