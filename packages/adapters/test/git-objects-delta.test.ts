import { applyDelta, createDelta } from '../src/git/js/objects/delta.js';
import { redactUrl, scrub } from '../src/git/js/transport/redact.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mutate(base: Uint8Array, next: () => number): Uint8Array {
  const out = Array.from(base);
  for (let e = 0; e < 1 + Math.floor(next() * 6); e++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = next();
    const chunk = Array.from({ length: 1 + Math.floor(next() * 40) }, () => Math.floor(next() * 256));
    if (kind < 0.33) out.splice(at, chunk.length, ...chunk);
    else if (kind < 0.66) out.splice(at, Math.floor(next() * 50));
    else out.splice(at, 0, ...chunk);
  }
  return Uint8Array.from(out);
}

describe('createDelta', () => {
  it('round-trips through applyDelta and is small for small edits', () => {
    const next = rng(5);
    for (let round = 0; round < 200; round++) {
      const size = Math.floor(next() * 5000);
      const base = Uint8Array.from({ length: size }, () => Math.floor(next() * 16) + 97);
      const target = mutate(base, next);
      const delta = createDelta(base, target);
      if (delta === null) continue;
      expect(Array.from(applyDelta(base, delta))).toEqual(Array.from(target));
      expect(delta.length).toBeLessThan(target.length);
    }
    const base = new TextEncoder().encode(
      'x'.repeat(10) + Array.from({ length: 400 }, (_, i) => `line ${i}\n`).join(''),
    );
    const target = new TextEncoder().encode(
      new TextDecoder().decode(base).replace('line 200\n', 'line two hundred\n'),
    );
    const delta = createDelta(base, target)!;
    expect(delta.length).toBeLessThan(40);
    expect(Array.from(applyDelta(base, delta))).toEqual(Array.from(target));
  });

  it('handles copies longer than 64 KiB (split into several copy instructions)', () => {
    const base = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) % 251);
    const target = new Uint8Array(200_010);
    target.set(base.subarray(0, 100_000), 0);
    target.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 100_000);
    target.set(base.subarray(100_000), 100_010);
    const delta = createDelta(base, target)!;
    expect(delta.length).toBeLessThan(60);
    expect(Array.from(applyDelta(base, delta))).toEqual(Array.from(target));
  });

  it('returns null when there is nothing to share', () => {
    expect(createDelta(new Uint8Array(10), new Uint8Array(10))).toBeNull();
    const a = Uint8Array.from({ length: 1000 }, (_, i) => i % 7);
    const b = Uint8Array.from({ length: 1000 }, (_, i) => 100 + (i % 11));
    expect(createDelta(a, b)).toBeNull();
  });
});

describe('redaction helpers', () => {
  it('removes credentials from URLs and secrets from text', () => {
    expect(redactUrl('https://user:s3cret@example.com/o/r.git')).toBe('https://example.com/o/r.git');
    expect(redactUrl('https://example.com/o/r.git')).toBe('https://example.com/o/r.git');
    expect(redactUrl('not a url://x:y@host')).not.toContain('x:y@');
    expect(scrub('failed https://a:tok@h/x with tok inside', ['tok'])).toBe(
      'failed https://h/x with [REDACTED] inside',
    );
  });
});
