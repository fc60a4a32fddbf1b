import { lstatSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, type TempDir } from '../../testkit/src/git-fixtures.js';
import { statDataOf, type IndexEntry } from '../src/git/js/workspace/index-entry.js';
import { nodeMs, statMatches, type StatRules } from '../src/git/js/workspace/stat-match.js';

describe('stat cache comparison', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  const entryFor = (abs: string): IndexEntry => ({
    path: 'f',
    mode: 0o100644,
    oid: '0'.repeat(40),
    stage: 0,
    assumeValid: false,
    skipWorktree: false,
    intentToAdd: false,
    ...statDataOf(lstatSync(abs, { bigint: true })),
  });
  const later: StatRules = { trustExecutableBit: true, symlinks: true, indexMtime: [2 ** 31, 0] };

  it("reproduces Node's float64 millisecond timestamps exactly from seconds and nanoseconds", () => {
    for (let i = 0; i < 50; i++) {
      const abs = join(tmp.path, `f${i}`);
      writeFileSync(abs, String(i));
      const exact = lstatSync(abs, { bigint: true });
      const plain = lstatSync(abs);
      expect(nodeMs(Number(exact.mtimeNs / 1_000_000_000n), Number(exact.mtimeNs % 1_000_000_000n))).toBe(
        plain.mtimeMs,
      );
      expect(nodeMs(Number(exact.ctimeNs / 1_000_000_000n), Number(exact.ctimeNs % 1_000_000_000n))).toBe(
        plain.ctimeMs,
      );
    }
  });

  it('trusts an entry only while type, mode, size, inode and times all match and it is not racy', () => {
    const abs = join(tmp.path, 'f');
    writeFileSync(abs, 'content');
    const entry = entryFor(abs);
    expect(statMatches(entry, lstatSync(abs), later)).toBe(true);
    expect(statMatches({ ...entry, mtimeNsec: (entry.mtimeNsec + 1000) % 1e9 }, lstatSync(abs), later)).toBe(
      false,
    );
    expect(statMatches({ ...entry, size: entry.size + 1 }, lstatSync(abs), later)).toBe(false);
    expect(statMatches({ ...entry, mode: 0o100755 }, lstatSync(abs), later)).toBe(false);
    expect(
      statMatches({ ...entry, mode: 0o100755 }, lstatSync(abs), { ...later, trustExecutableBit: false }),
    ).toBe(true);
    expect(
      statMatches(entry, lstatSync(abs), { ...later, indexMtime: [entry.mtimeSec, entry.mtimeNsec] }),
    ).toBe(false);
    utimesSync(abs, 1_000_000, 1_000_000);
    expect(statMatches(entry, lstatSync(abs), later)).toBe(false);
  });
});
