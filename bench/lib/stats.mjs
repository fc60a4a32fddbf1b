// Small statistics helpers for benchmark tables.

/** The p-th percentile (0..100) by nearest rank; NaN for an empty list. */
export function percentile(xs, p) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length) - 1;
  return s[Math.min(s.length - 1, Math.max(0, rank))];
}

/** Median (upper median for an even count, like the original bench/commit). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
}

/** Format seconds with 2 decimals, or `-` when there is no value. */
export function secs(x) {
  return Number.isFinite(x) ? x.toFixed(2) : '-';
}

/** Format a ratio with 2 decimals and an `x`, or `-`. */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : '-';
}

/** Render rows (arrays of strings) as a left-aligned first column and right-aligned others. */
export function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))
    .join('\n');
}
