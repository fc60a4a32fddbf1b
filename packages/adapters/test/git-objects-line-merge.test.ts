import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeLines } from '@metawsm/core';
import { isolatedGitEnv, makeTempDir } from '@metawsm/testkit';

/** Deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Random edits of unique lines: modify, delete, insert, sometimes at the same spot as the other side. */
function edit(base: string[], next: () => number, tag: string): string[] {
  const out = [...base];
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = next();
    if (kind < 0.4 && at < out.length) out[at] = `${tag}-mod-${e}`;
    else if (kind < 0.7 && at < out.length) out.splice(at, 1 + Math.floor(next() * 2));
    else out.splice(at, 0, `${tag}-ins-${e}`);
  }
  return out;
}

const text = (ls: string[], eol: string, finalNewline: boolean) =>
  ls.map((l, i) => (i < ls.length - 1 || finalNewline ? l + eol : l)).join('');

describe('mergeLines agrees with git merge-file', () => {
  const tmp = makeTempDir('metawsm-merge-file-');
  afterAll(() => tmp.cleanup());
  const env = isolatedGitEnv(tmp.path);

  function gitMergeFile(base: string, ours: string, theirs: string): string | null {
    const [b, o, t] = ['base', 'ours', 'theirs'].map((n) => join(tmp.path, n));
    writeFileSync(b!, base);
    writeFileSync(o!, ours);
    writeFileSync(t!, theirs);
    const r = spawnSync('git', ['merge-file', '-p', o!, b!, t!], { env, encoding: 'utf8' });
    if (r.status === 0) return r.stdout;
    if (r.status !== null && r.status > 0 && r.status < 127) return null;
    throw new Error(`git merge-file failed: ${r.stderr}`);
  }

  it('on 300 random three-way edits (clean or not, and the merged bytes)', () => {
    const next = rng(7);
    const enc = new TextEncoder();
    let clean = 0;
    for (let round = 0; round < 300; round++) {
      const base = Array.from({ length: 3 + Math.floor(next() * 25) }, (_, i) => `base line ${i}`);
      const eol = next() < 0.2 ? '\r\n' : '\n';
      const finalNewline = next() < 0.85;
      const ours = edit(base, next, 'ours');
      const theirs = next() < 0.15 ? [...ours] : edit(base, next, 'theirs');
      const [b, o, t] = [base, ours, theirs].map((ls) => text(ls, eol, finalNewline)) as [
        string,
        string,
        string,
      ];
      const expected = gitMergeFile(b, o, t);
      const actual = mergeLines(enc.encode(b), enc.encode(o), enc.encode(t));
      const got = actual.clean ? new TextDecoder().decode(actual.result) : null;
      if (got !== expected)
        throw new Error(
          `round ${round} differs\nbase:\n${b}\nours:\n${o}\ntheirs:\n${t}\ngit: ${expected}\nours: ${got}`,
        );
      if (expected !== null) clean++;
    }
    // the generator must exercise both outcomes
    expect(clean).toBeGreaterThan(30);
    expect(clean).toBeLessThan(270);
  });
});
