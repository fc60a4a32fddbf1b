import type { RunLock } from './lock.js';

/** What is known about the world when deciding whether a lock holder can be displaced. */
export interface LockObserver {
  host: string;
  nowMs: number;
  /** True when `pid` is a live process on `host`. */
  isAlive(pid: number): boolean;
}

/**
 * A holder may be taken over when its lease has expired, or when it ran on this host and its
 * process is gone (killed, crashed). A live holder on another host is trusted until its lease ends.
 */
export function canTakeOverLock(holder: RunLock, observer: LockObserver): boolean {
  const expires = Date.parse(holder.leaseExpiresAt);
  if (!Number.isFinite(expires) || expires <= observer.nowMs) return true;
  return holder.host === observer.host && !observer.isAlive(holder.pid);
}

/** Human description of a holder, for RUN_LOCKED messages. */
export function describeLockHolder(holder: RunLock): string {
  return `${holder.operation} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`;
}
