import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffScript } from '@metawsm/core';
import { isolatedGitEnv, makeTempDir, Random } from '@metawsm/testkit';

// The line merge is only as good as its alignment: the hunks of the histogram diff plus hunk
// sliding must be git's own. Oracle: `git diff --histogram` without the indent heuristic (merges
// do not use it), hunk headers only.

function ids(lines: string[], interner: Map<string, number>): Int32Array {
  return Int32Array.from(lines, (l) => {
    let id = interner.get(l);
    if (id === undefined) interner.set(l, (id = interner.size));
    return id;
  });
}

function randomLines(r: Random): string[] {
  const alphabet = Array.from({ length: r.int(2, 12) }, (_, i) =>
    i % 4 === 0 ? '' : i % 4 === 1 ? '}' : `line ${i}`,
  );
  return Array.from({ length: r.int(0, 90) }, () => r.pick(alphabet));
}

function edited(r: Random, base: string[]): string[] {
  const out = [...base];
  for (let e = r.int(1, 6); e > 0; e--) {
    const at = r.int(0, out.length);
    const k = r.next();
    if (k < 0.3) out.splice(at, r.int(1, 3));
    else if (k < 0.6)
      out.splice(at, 0, ...Array.from({ length: r.int(1, 4) }, () => r.pick(base.length ? base : ['x'])));
    else out.splice(at, r.int(0, 2), `new ${r.int(0, 5)}`);
  }
  return out;
}

describe('diffScript equals git diff --histogram (hunk for hunk)', () => {
  const tmp = makeTempDir('metawsm-histogram-');
  afterAll(() => tmp.cleanup());
  const env = isolatedGitEnv(tmp.path);

  function gitHunks(a: string, b: string): string[] {
    const [fa, fb] = [join(tmp.path, 'a'), join(tmp.path, 'b')];
    writeFileSync(fa, a);
    writeFileSync(fb, b);
    const args = [
      'diff',
      '--no-index',
      '--no-ext-diff',
      '-a',
      '-U0',
      '--histogram',
      '--no-indent-heuristic',
      fa,
      fb,
    ];
    const r = spawnSync('git', args, { env, encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
    return [...r.stdout.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm)].map(
      (m) => `${m[1]},${m[2] ?? 1} ${m[3]},${m[4] ?? 1}`,
    );
  }

  it('on 400 random files full of repeated lines', () => {
    const r = new Random(8);
    let hunks = 0;
    for (let round = 0; round < 400; round++) {
      const base = randomLines(r);
      const side = edited(r, base);
      const text = (ls: string[]) => ls.map((l) => `${l}\n`).join('');
      const interner = new Map<string, number>();
      const script = diffScript(ids(base, interner), ids(side, interner));
      if (!script.exact) continue;
      const mine = script.changes.map(
        (c) => `${c.chg1 ? c.i1 + 1 : c.i1},${c.chg1} ${c.chg2 ? c.i2 + 1 : c.i2},${c.chg2}`,
      );
      const expected = gitHunks(text(base), text(side));
      if (mine.join(' | ') !== expected.join(' | '))
        throw new Error(
          `round ${round}\nbase ${JSON.stringify(base)}\nside ${JSON.stringify(side)}\ngit  ${expected.join(' | ')}\nmine ${mine.join(' | ')}`,
        );
      hunks += mine.length;
    }
    expect(hunks).toBeGreaterThan(400);
  });
});
