import { mergeLines, type LineMergeResult } from '../src/domain/merge/index.js';

// Placement is what decides whether two sides' edits touch. These cases come from the
// differential merge suite (packages/testkit/src/merge-cases, seed 20261204); the expected
// results are git merge-tree's. A plain Myers diff without git's alignment got both wrong.

const enc = new TextEncoder();
const dec = new TextDecoder();

function merge(base: string, ours: string, theirs: string): LineMergeResult {
  return mergeLines(enc.encode(base), enc.encode(ours), enc.encode(theirs));
}

const text = (r: LineMergeResult) => (r.clean ? dec.decode(r.result) : null);

describe('mergeLines aligns hunks as git does', () => {
  it('applies the same blank line, added by both sides at the same place, once (case 148)', () => {
    const base =
      "export const beta7 = {\n  id: 6,\n  name: 'beta7',\n};\n\nfunction delta1(a) {\n  const v = a + 4;\n  if (v > 4) {\n    return v;\n  }\n  return 0;\n}\n\nexport const zeta21 = {\n  id: 9,\n  name: 'zeta21',\n};\n\nexport const beta11 = {\n  id: 3,\n  name: 'beta11',\n};\n\nfunction delta15(a, b) {\n  return a * b + 7;\n}\n\n";
    const ours =
      "export const beta7 = {\n  id: 6,\n  name: 'beta7',\n};\n\nfunction delta1(a) {\n  const v = a + 4;\n  if (v > 4) {\n    return v;\n  }\n  return 0;\n}\n\nexport const zeta21 = {\n  id: 9,\n  name: 'zeta21',\n};\n\nexport const beta11 = {\n  id: 3,\n  name: 'beta11',\n};\n\n\nfunction delta15(a, b) {\n  return a * b + 7;\n}\n\n";
    const theirs =
      "export const beta7 = {\n  id: 6,\n  name: 'beta7',\n};\n\nfunction delta1(a) {\n  const v = a + 4;\n  if (v > 4) {\n    return v;\n  }\n  return 0;\n  t();\n}\n}\n\nexport const zeta21 = {\n  id: 9,\n  name: 'zeta21',\n};\n\nexport const beta11 = {\n  id: 3,\n  name: 'beta11',\n};\n\n\nfunction delta15(a, b) {\n  return a * b + 7;\n}\n\n";
    expect(text(merge(base, ours, theirs))).toBe(
      "export const beta7 = {\n  id: 6,\n  name: 'beta7',\n};\n\nfunction delta1(a) {\n  const v = a + 4;\n  if (v > 4) {\n    return v;\n  }\n  return 0;\n  t();\n}\n}\n\nexport const zeta21 = {\n  id: 9,\n  name: 'zeta21',\n};\n\nexport const beta11 = {\n  id: 3,\n  name: 'beta11',\n};\n\n\nfunction delta15(a, b) {\n  return a * b + 7;\n}\n\n",
    );
  });

  it('conflicts where git anchors both insertions on the same blank line (case 224)', () => {
    const base =
      'function omega7(a, b) {\n  return a * b + 1;\n}\n\nif (omega16) {\n  omega16.close();\n}\n\nfunction theta5(a, b) {\n  return a * b + 2;\n}\n\nif (sigma12) {\n  sigma12.close();\n}\n\nfunction gamma18(a) {\n  const v = a + 7;\n  if (v > 7) {\n    return v;\n  }\n  return 0;\n}\n';
    const ours =
      'function omega7(a, b) {\n  return a * b + 1;\n}\n}\n\nif (omega16) {\n  omega16.close();\n}\n\nfunction theta5(a, b) {\n  return a * b + 2;\n}\n\n\nif (sigma12) {\n  sigma12.close();\n}\n\nfunction gamma18(a) {\n  const v = a + 7;\n  if (v > 7) {\n    return v;\n  }\n  return 0;\n}\n';
    const theirs =
      'function omega7(a, b) {\n  return a * b + 1;\n}\n\n\n// t\nif (omega16) {\n  omega16.close();\n}\n\nfunction theta5(a, b) {\n  return a * b + 2;\n}\n\n\n// t\nif (sigma12) {\n  sigma12.close();\n}\n\nfunction gamma18(a) {\n  const v = a + 7;\n  if (v > 7) {\n    return v;\n  }\n  return 0;\n}\n';
    expect(merge(base, ours, theirs)).toEqual({ clean: false, reason: 'overlap' });
  });

  it('merges edits separated by a run of blank lines as git does', () => {
    expect(text(merge('a\n\n\nb\n', 'a\n\nx\n\nb\n', 'a\n\n\nB\n'))).toBe('a\n\nx\n\nB\n');
    expect(text(merge('a\n\n\nb\nc\nd\n', 'a\n\n\n\nb\nc\nd\n', 'a\n\n\nb\nc\nD\n'))).toBe(
      'a\n\n\n\nb\nc\nD\n',
    );
  });

  it('keeps both copies of a block added one line apart when the placement is unambiguous, as git does', () => {
    const base = 'function a() {\n  return 1;\n}\n\nfunction c() {\n  return 3;\n}\n';
    const block = 'function b() {\n  return 2;\n}\n';
    const ours = base.replace('}\n\n', `}\n\n${block}`);
    const theirs = base.replace('}\n\n', `}\n${block}\n`);
    expect(text(merge(base, ours, theirs))).toBe(base.replace('}\n\n', `}\n${block}\n${block}`));
  });
});

describe('mergeLines refuses to guess (reason "uncertain")', () => {
  it('where both sides add a similar block one line apart and either could slide onto the other', () => {
    const base = 'function a() {\n  return 1;\n}\n\nfunction c() {\n  return 3;\n}\n';
    const block = 'function b() {\n  return 2;\n}\n';
    // ours: the block plus a blank line after the blank line (it could equally sit one line up)
    const ours = base.replace('}\n\n', `}\n\n${block}\n`);
    const theirs = base.replace('}\n\n', `}\n${block}\n`);
    expect(merge(base, ours, theirs)).toEqual({ clean: false, reason: 'uncertain' });
  });

  it('but merges different blocks one line apart, and similar blocks further apart', () => {
    const base =
      'function a() {\n  return 1;\n}\n\nfunction c() {\n  return 3;\n}\n\nfunction e() {\n  return 5;\n}\n';
    const ours = base.replace('}\n\nfunction c', '}\n\nfunction b() {\n  return 2;\n}\nfunction c');
    const other = base.replace('}\n\nfunction c', '}\nconst z = 26;\n\nfunction c');
    expect(merge(base, ours, other).clean).toBe(true);
    const far = base.replace('}\n\nfunction e', '}\n\nfunction b() {\n  return 2;\n}\nfunction e');
    expect(merge(base, ours, far).clean).toBe(true);
  });

  it('where git would switch to its classic diff (every common line occurs over 64 times)', () => {
    const base = 'x\n'.repeat(70);
    const ours = 'x\n'.repeat(10) + 'a\n' + 'x\n'.repeat(60);
    const theirs = 'x\n'.repeat(60) + 'b\n' + 'x\n'.repeat(10);
    expect(merge(base, ours, theirs)).toEqual({ clean: false, reason: 'uncertain' });
  });
});
