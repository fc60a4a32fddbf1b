import type { TargetProgress } from '@metawsm/core';

/**
 * A one-line progress display on stderr for multi-target work (only on a TTY and without --json):
 * `[2/5 done] T-1/api: merge · T-2/web: push`.
 */
export function progressReporter(enabled: boolean): {
  onProgress: (p: TargetProgress) => void;
  stop: () => void;
} {
  if (!enabled || !process.stderr.isTTY) return { onProgress: () => undefined, stop: () => undefined };
  const active = new Map<string, string>();
  let done = 0;
  let total = 0;
  const draw = () => {
    const parts = [...active.entries()].map(([k, v]) => `${k}: ${v}`).join(' · ');
    const line = `[${done}/${total} done] ${parts}`;
    process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 100) - 1)}`);
  };
  return {
    onProgress: (p) => {
      const key = `${p.ticket}/${p.repo}`;
      if (p.stage === 'start') total++;
      if (p.stage === 'done') {
        active.delete(key);
        done++;
      } else active.set(key, p.stage);
      draw();
    },
    stop: () => process.stderr.write('\r\x1b[2K'),
  };
}
