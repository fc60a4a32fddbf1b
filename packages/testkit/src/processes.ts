import { existsSync, readFileSync, readdirSync } from 'node:fs';

/** True while a live (not zombie) process is in group `pgid` (Linux /proc; else `kill -0`). */
export function groupAlive(pgid: number): boolean {
  if (!existsSync('/proc/self/stat')) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .some((n) => {
      try {
        // pid (comm) state ppid pgrp ...: comm may hold spaces, so split after its closing paren.
        const stat = readFileSync(`/proc/${n}/stat`, 'utf8');
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(pgrp) === pgid && state !== 'Z';
      } catch {
        return false;
      }
    });
}

/** Poll `cond` every 20 ms for at most `ms` (tests of signal handling and process groups). */
export async function waitFor(cond: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
