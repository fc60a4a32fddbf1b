import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_SCORE, renameSignature, similarityScore } from '@metawsm/core';
import { isolatedGitEnv, makeTempDir, Random } from '@metawsm/testkit';

// The js engine decides whether git sees a rename from git's own similarity score. Oracle: the
// percentage `git diff -M` prints for a lone deleted/added pair (score * 100 / MAX_SCORE).

function randomText(r: Random): string {
  const lines = Array.from({ length: r.int(1, 60) }, () =>
    r.chance(0.1) ? 'x'.repeat(r.int(60, 140)) : `line ${r.int(0, 40)} ${'y'.repeat(r.int(0, 10))}`,
  );
  const eol = r.chance(0.3) ? '\r\n' : '\n';
  return lines.join(eol) + (r.chance(0.8) ? eol : '');
}

function mutate(r: Random, text: string): string {
  const lines = text.split('\n');
  for (let e = r.int(0, 8); e > 0; e--) {
    const at = r.int(0, lines.length);
    if (r.chance(0.5)) lines.splice(at, r.int(1, 4));
    else lines.splice(at, 0, `new ${r.int(0, 99)}${r.chance(0.2) ? '\r' : ''}`);
  }
  return lines.join('\n');
}

describe("similarityScore equals git's rename score", () => {
  const tmp = makeTempDir('metawsm-rename-score-');
  afterAll(() => tmp.cleanup());
  const env = isolatedGitEnv(tmp.path);

  function gitPercent(src: string, dst: string): number {
    const [a, b] = [join(tmp.path, 'a'), join(tmp.path, 'b')];
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
    mkdirSync(a);
    mkdirSync(b);
    writeFileSync(join(a, 'source'), src);
    writeFileSync(join(b, 'target'), dst);
    const r = spawnSync('git', ['diff', '--no-index', '-M1%', '--name-status', a, b], {
      env,
      encoding: 'utf8',
    });
    const m = /^R(\d{3})\t/m.exec(r.stdout);
    return m ? Number(m[1]) : 0;
  }

  it('on 200 random pairs of similar texts (LF and CRLF, long lines)', () => {
    const r = new Random(11);
    const enc = new TextEncoder();
    let renames = 0;
    for (let round = 0; round < 200; round++) {
      const src = randomText(r);
      const dst = mutate(r, src);
      if (src === dst || src.length === 0 || dst.length === 0) continue;
      const score = similarityScore(
        renameSignature(enc.encode(src)),
        renameSignature(enc.encode(dst)),
        MAX_SCORE / 100,
      );
      const mine = Math.floor((score * 100) / MAX_SCORE);
      const expected = gitPercent(src, dst);
      if (mine !== expected)
        throw new Error(`round ${round}: git ${expected}%, ours ${mine}%\n${JSON.stringify({ src, dst })}`);
      if (mine >= 50) renames++;
    }
    expect(renames).toBeGreaterThan(50);
  });
});
