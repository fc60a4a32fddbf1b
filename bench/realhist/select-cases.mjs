// Seeded choice of real-history cases: the agent started at first-parent commit P, the base moved to B
// (1..maxAhead first-parent commits ahead), and the agent's change is the diff of a real later commit X
// (X = fp[P + j], j in 1..k+xWindow, so X may already be in the base: both sides then made the same change,
// the shape that exposed duplicated blocks). Cases whose diff does not apply on P are skipped and counted.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { hashSeed, makeRng } from '../lib/rng.mjs';

const git = (cwd, args, env, input) =>
  execFileSync('git', args, { cwd, env, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });

/** First-parent commits of `ref`, oldest first. */
export function firstParents(bare, env, ref) {
  return git(bare, ['rev-list', '--first-parent', '--reverse', ref], env).toString().trim().split('\n');
}

/**
 * Draw `count` applicable cases. Resolves to `{ cases, skipped }` where each case is
 * `{ index, P, B, X, k, j, xInBase, patch, files: [{ status, path }] }` and `skipped` counts rejected
 * draws by reason (root, submodule, empty, duplicate, does_not_apply).
 */
export function selectCases({ bare, env, fp, count, seed, name, maxAhead = 80, xWindow = 40, tmpDir }) {
  const rng = makeRng(hashSeed(String(seed), name, 'cases'));
  const skipped = { root: 0, submodule: 0, empty: 0, duplicate: 0, does_not_apply: 0 };
  const cases = [];
  const seen = new Set();
  const idx = join(tmpDir, `select-index-${process.pid}`);
  const idxEnv = { ...env, GIT_INDEX_FILE: idx };
  for (let attempt = 0; cases.length < count && attempt < count * 50; attempt++) {
    const p = rng.int(0, fp.length - 2);
    const k = rng.int(1, Math.min(maxAhead, fp.length - 1 - p));
    const j = rng.int(1, Math.min(k + xWindow, fp.length - 1 - p));
    const [P, B, X] = [fp[p], fp[p + k], fp[p + j]];
    const reason = rejectReason({ bare, env, idxEnv, P, X, seen });
    if (typeof reason === 'string') {
      skipped[reason]++;
      continue;
    }
    cases.push({ index: cases.length, P, B, X, k, j, xInBase: j <= k, ...reason });
  }
  rmSync(idx, { force: true });
  return { cases, skipped };
}

/** Why (P, X) cannot be a case, or `{ patch, files }` when it can. */
function rejectReason({ bare, env, idxEnv, P, X, seen }) {
  if (seen.has(`${P} ${X}`)) return 'duplicate';
  seen.add(`${P} ${X}`);
  const parents = git(bare, ['rev-list', '--parents', '-n', '1', X], env).toString().trim().split(' ');
  if (parents.length < 2) return 'root';
  const raw = git(bare, ['diff', '--raw', '--no-renames', '-z', `${X}^1`, X], env).toString();
  if (raw === '') return 'empty';
  const files = parseRaw(raw);
  // A gitlink change cannot be reproduced in a workspace without the submodule's repository.
  if (files.some((f) => f.modes.includes('160000'))) return 'submodule';
  const patch = git(bare, ['diff', '--binary', '--full-index', '--no-renames', `${X}^1`, X], env);
  git(bare, ['read-tree', P], idxEnv);
  try {
    git(bare, ['apply', '--cached', '--check', '-'], idxEnv, patch);
  } catch {
    return 'does_not_apply';
  }
  return { patch, files: files.map(({ status, path }) => ({ status, path })) };
}

/** `diff --raw -z` (`:<mode> <mode> <oid> <oid> <status>` NUL `<path>` NUL) → `[{ modes, status, path }]`. */
function parseRaw(raw) {
  const parts = raw.split('\0');
  const files = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [srcMode, dstMode, , , status] = parts[i].slice(1).split(' ');
    if (status) files.push({ modes: [srcMode, dstMode], status, path: parts[i + 1] });
  }
  return files;
}
