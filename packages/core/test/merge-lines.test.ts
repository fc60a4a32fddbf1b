import { isBinary, mergeLines } from '../src/domain/merge/index.js';

const enc = new TextEncoder();
const dec = new TextDecoder();
const bytes = (s: string) => enc.encode(s);

function merge(base: string, ours: string, theirs: string): string | null {
  const r = mergeLines(bytes(base), bytes(ours), bytes(theirs));
  return r.clean ? dec.decode(r.result) : null;
}

const lines = (...ls: string[]) => ls.map((l) => `${l}\n`).join('');
const BASE = lines('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');

describe('mergeLines', () => {
  it('takes the only side that changed', () => {
    expect(merge(BASE, BASE, lines('a', 'B', 'c', 'd', 'e', 'f', 'g', 'h'))).toBe(
      lines('a', 'B', 'c', 'd', 'e', 'f', 'g', 'h'),
    );
    expect(merge(BASE, lines('a'), BASE)).toBe(lines('a'));
  });

  it('merges edits to separate regions', () => {
    const ours = lines('A', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    const theirs = lines('a', 'b', 'c', 'd', 'e', 'f', 'g', 'H');
    expect(merge(BASE, ours, theirs)).toBe(lines('A', 'b', 'c', 'd', 'e', 'f', 'g', 'H'));
  });

  it('merges insertions and deletions in separate regions', () => {
    const ours = lines('a', 'b', 'new1', 'c', 'd', 'e', 'f', 'g', 'h');
    const theirs = lines('a', 'b', 'c', 'd', 'e', 'g', 'h');
    expect(merge(BASE, ours, theirs)).toBe(lines('a', 'b', 'new1', 'c', 'd', 'e', 'g', 'h'));
  });

  it('conflicts on overlapping edits', () => {
    expect(
      merge(
        BASE,
        lines('a', 'X', 'c', 'd', 'e', 'f', 'g', 'h'),
        lines('a', 'Y', 'c', 'd', 'e', 'f', 'g', 'h'),
      ),
    ).toBeNull();
  });

  it('conflicts on edits to adjacent lines (touching hunks), as git does', () => {
    expect(
      merge(
        BASE,
        lines('a', 'B', 'c', 'd', 'e', 'f', 'g', 'h'),
        lines('a', 'b', 'C', 'd', 'e', 'f', 'g', 'h'),
      ),
    ).toBeNull();
    // an insertion right after a line the other side changed touches that change
    expect(
      merge(
        BASE,
        lines('a', 'B', 'c', 'd', 'e', 'f', 'g', 'h'),
        lines('a', 'b', 'ins', 'c', 'd', 'e', 'f', 'g', 'h'),
      ),
    ).toBeNull();
    // two insertions at the same place
    expect(
      merge(
        BASE,
        lines('a', 'x', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
        lines('a', 'y', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
      ),
    ).toBeNull();
  });

  it('does not conflict when one unchanged line separates the edits', () => {
    expect(
      merge(
        BASE,
        lines('a', 'B', 'c', 'd', 'e', 'f', 'g', 'h'),
        lines('a', 'b', 'c', 'D', 'e', 'f', 'g', 'h'),
      ),
    ).toBe(lines('a', 'B', 'c', 'D', 'e', 'f', 'g', 'h'));
  });

  it('merges identical changes on both sides', () => {
    const both = lines('a', 'B', 'c', 'd', 'e', 'f', 'g', 'h');
    expect(merge(BASE, both, both)).toBe(both);
    const ours = lines('a', 'B', 'c', 'd', 'E', 'f', 'g', 'h');
    const theirs = lines('a', 'B', 'c', 'd', 'e', 'f', 'G', 'h');
    expect(merge(BASE, ours, theirs)).toBe(lines('a', 'B', 'c', 'd', 'E', 'f', 'G', 'h'));
  });

  it('conflicts when overlapping changes agree only in part', () => {
    expect(
      merge(
        BASE,
        lines('a', 'B', 'C', 'd', 'e', 'f', 'g', 'h'),
        lines('a', 'B', 'c2', 'd', 'e', 'f', 'g', 'h'),
      ),
    ).toBeNull();
  });

  it('preserves CRLF line endings and a missing final newline byte for byte', () => {
    const base = 'one\r\ntwo\r\nthree\r\nfour\r\nfive';
    const ours = 'ONE\r\ntwo\r\nthree\r\nfour\r\nfive';
    const theirs = 'one\r\ntwo\r\nthree\r\nfour\r\nFIVE';
    expect(merge(base, ours, theirs)).toBe('ONE\r\ntwo\r\nthree\r\nfour\r\nFIVE');
  });

  it('treats a change of line ending as a change of the line', () => {
    expect(merge('a\nb\nc\nd\n', 'a\r\nb\nc\nd\n', 'a\nb\nc\nd\r\n')).toBe('a\r\nb\nc\nd\r\n');
    expect(merge('a\nb\nc\nd\n', 'a\r\nb\nc\nd\n', 'a\nb\nc\nd\n')).toBe('a\r\nb\nc\nd\n');
  });

  it('handles adding a final newline on one side and an unrelated edit on the other', () => {
    expect(merge('a\nb\nc\nd', 'A\nb\nc\nd', 'a\nb\nc\nd\n')).toBe('A\nb\nc\nd\n');
  });

  it('handles empty inputs', () => {
    expect(merge('', '', 'x\n')).toBe('x\n');
    expect(merge('', 'x\n', 'y\n')).toBeNull();
    expect(merge('', 'x\n', 'x\n')).toBe('x\n');
    expect(merge('a\n', '', 'a\n')).toBe('');
    expect(merge('a\nb\nc\n', '', 'a\nb\nC\n')).toBeNull();
  });

  it('keeps non-UTF-8 bytes intact', () => {
    const base = Uint8Array.from([0x61, 0x0a, 0xff, 0xfe, 0x0a, 0x62, 0x0a, 0x63, 0x0a]);
    const ours = Uint8Array.from([0x41, 0x0a, 0xff, 0xfe, 0x0a, 0x62, 0x0a, 0x63, 0x0a]);
    const theirs = Uint8Array.from([0x61, 0x0a, 0xff, 0xfe, 0x0a, 0x62, 0x0a, 0x80, 0x0a]);
    const r = mergeLines(base, ours, theirs);
    expect(r.clean && Array.from(r.result)).toEqual([0x41, 0x0a, 0xff, 0xfe, 0x0a, 0x62, 0x0a, 0x80, 0x0a]);
  });

  // Speed is measured by benchmarks, not here; jest's timeout still bounds a runaway diff.
  it('merges large files with scattered edits', () => {
    const base = Array.from({ length: 20000 }, (_, i) => `line ${i}`);
    const ours = [...base];
    const theirs = [...base];
    for (let i = 0; i < 20000; i += 1000) ours[i] = `ours ${i}`;
    for (let i = 500; i < 20000; i += 1000) theirs[i] = `theirs ${i}`;
    const expected = base.map((l, i) =>
      i % 1000 === 0 ? `ours ${i}` : i % 1000 === 500 ? `theirs ${i}` : l,
    );
    expect(merge(lines(...base), lines(...ours), lines(...theirs))).toBe(lines(...expected));
  });

  it('reports a conflict for completely different large inputs', () => {
    const base = lines(...Array.from({ length: 30000 }, (_, i) => `b${i}`));
    const ours = lines(...Array.from({ length: 30000 }, (_, i) => `o${i}`));
    const theirs = lines(...Array.from({ length: 30000 }, (_, i) => `t${i}`));
    expect(merge(base, ours, theirs)).toBeNull();
  });
});

describe('isBinary', () => {
  it('detects a NUL in the first 8000 bytes only', () => {
    expect(isBinary(bytes('plain text\n'))).toBe(false);
    expect(isBinary(Uint8Array.from([0x61, 0x00, 0x62]))).toBe(true);
    const late = new Uint8Array(9000).fill(0x61);
    late[8500] = 0;
    expect(isBinary(late)).toBe(false);
    late[7999] = 0;
    expect(isBinary(late)).toBe(true);
    expect(isBinary(new Uint8Array(0))).toBe(false);
  });
});
