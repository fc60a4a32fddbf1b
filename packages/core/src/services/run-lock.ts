import { canTakeOverLock, describeLockHolder } from '../domain/lock-decision.js';
import type { RunLock } from '../domain/lock.js';
import { MetawsmError } from '../errors/metawsm-error.js';
import type { Ports } from '../ports/index.js';
import { registerHeldLock, unregisterHeldLock } from './held-locks.js';
import { startLeaseRenewal } from './lease-renewal.js';

export { heldRunLocks, releaseHeldLocks } from './held-locks.js';

/** Default lease of a run lock: ten minutes, renewed every third of it while held. */
export const DEFAULT_LOCK_LEASE_MS = 10 * 60 * 1000;

/** Ports {@link withRunLock} uses. */
export type RunLockDeps = Pick<Ports, 'store' | 'clock' | 'ids' | 'process'>;

/** Which run to lock, for what, and for how long. */
export interface RunLockRequest {
  runId: string;
  /** The command taking the lock (`commit`, `pr`, `review sync`, ...), shown to contenders. */
  operation: string;
  /** Lease length in ms (default {@link DEFAULT_LOCK_LEASE_MS}); renewed while `fn` runs. */
  leaseMs?: number;
  /** Renewal period in ms (default a third of the lease). */
  renewEveryMs?: number;
  /** Called once if a renewal finds the lock taken by someone else (e.g. after a long stall). */
  onLost?: (lock: RunLock) => void;
  /** Called before `fn` when the lock was taken over from a dead or expired holder (to warn the operator). */
  onTakeOver?: (previous: RunLock) => void;
}

/**
 * Run `fn` while holding the run's lock (docs/operating.md, Run lock). A holder that is dead (same host, pid gone)
 * or past its lease is taken over; a live holder makes this fail fast with RUN_LOCKED naming it
 * (`data.holder`). The lease is renewed while `fn` runs and the lock is released afterwards,
 * whatever `fn` did. {@link releaseHeldLocks} releases it early from a signal handler.
 */
export async function withRunLock<T>(
  deps: RunLockDeps,
  req: RunLockRequest,
  fn: (lock: RunLock) => Promise<T>,
): Promise<T> {
  const leaseMs = positive(req.leaseMs ?? DEFAULT_LOCK_LEASE_MS, 'leaseMs');
  const renewEveryMs = positive(req.renewEveryMs ?? Math.max(1, Math.floor(leaseMs / 3)), 'renewEveryMs');
  const lock = await acquire(deps, req, leaseMs);
  const stopRenewal = startLeaseRenewal({
    everyMs: renewEveryMs,
    renew: () => deps.store.renewRunLock(lock.runId, lock.ownerId, iso(deps.clock.nowMs() + leaseMs)),
    onLost: () => req.onLost?.(lock),
  });
  registerHeldLock({ lock, store: deps.store, stopRenewal });
  let value: T;
  try {
    value = await fn(lock);
  } catch (e) {
    await release(deps, lock).catch(() => undefined);
    throw e;
  }
  await release(deps, lock);
  return value;
}

async function acquire(deps: RunLockDeps, req: RunLockRequest, leaseMs: number): Promise<RunLock> {
  const now = deps.clock.nowMs();
  const candidate: RunLock = {
    runId: req.runId,
    ownerId: deps.ids.randomHex(16),
    operation: req.operation,
    pid: deps.process.pid,
    host: deps.process.hostname,
    startedAt: iso(now),
    leaseExpiresAt: iso(now + leaseMs),
  };
  const attempt = await deps.store.acquireRunLock(candidate, (holder) =>
    canTakeOverLock(holder, {
      host: deps.process.hostname,
      nowMs: deps.clock.nowMs(),
      isAlive: (pid) => deps.process.isAlive(pid),
    }),
  );
  if (attempt.acquired) {
    if (attempt.tookOverFrom !== null) req.onTakeOver?.(attempt.tookOverFrom);
    return attempt.lock;
  }
  const { holder } = attempt;
  throw new MetawsmError('RUN_LOCKED', `run ${req.runId} is locked by ${describeLockHolder(holder)}`, {
    hint: `Wait for that ${holder.operation} to finish. A holder whose process is gone is taken over automatically on its host, any holder once its lease ends (${holder.leaseExpiresAt}).`,
    data: { holder: { ...holder } },
  });
}

async function release(deps: RunLockDeps, lock: RunLock): Promise<void> {
  unregisterHeldLock(lock.ownerId);
  await deps.store.releaseRunLock(lock.runId, lock.ownerId);
}

function positive(ms: number, name: string): number {
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new MetawsmError('INVALID_INPUT', `${name} must be a positive number of milliseconds, got ${ms}`);
  }
  return ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
