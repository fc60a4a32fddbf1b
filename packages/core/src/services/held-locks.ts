import type { RunLock } from '../domain/lock.js';
import type { StorePort } from '../ports/store.port.js';

interface HeldLock {
  lock: RunLock;
  store: StorePort;
  stopRenewal: () => void;
}

/** Locks this process holds right now, by owner id (filled and emptied by `withRunLock`). */
const held = new Map<string, HeldLock>();

/** Record a lock as held by this process. */
export function registerHeldLock(entry: HeldLock): void {
  held.set(entry.lock.ownerId, entry);
}

/** Forget a held lock and stop renewing it; true when it was still registered. */
export function unregisterHeldLock(ownerId: string): boolean {
  const entry = held.get(ownerId);
  if (entry === undefined) return false;
  entry.stopRenewal();
  held.delete(ownerId);
  return true;
}

/** The run locks this process currently holds through `withRunLock`. */
export function heldRunLocks(): RunLock[] {
  return [...held.values()].map((e) => ({ ...e.lock }));
}

/**
 * Release every lock this process holds (for SIGINT/SIGTERM handlers): stops renewal, deletes
 * the lock rows, never throws. Returns the locks whose release succeeded. The `withRunLock`
 * calls that took them still release on their own way out, which is then a no-op.
 */
export async function releaseHeldLocks(): Promise<RunLock[]> {
  const entries = [...held.values()];
  const released: RunLock[] = [];
  await Promise.all(
    entries.map(async (e) => {
      unregisterHeldLock(e.lock.ownerId);
      try {
        await e.store.releaseRunLock(e.lock.runId, e.lock.ownerId);
        released.push(e.lock);
      } catch {
        // Best effort while exiting: a lock left behind is taken over once its pid is gone.
      }
    }),
  );
  return released;
}
