/** The holder of a run's lock (docs/operating.md, Run lock). */
export interface RunLock {
  runId: string;
  /** Random id of this holder; release and renew must present it. */
  ownerId: string;
  /** The command holding it, e.g. `commit`. */
  operation: string;
  pid: number;
  host: string;
  startedAt: string;
  /** After this ISO time the lock may be taken over even if the holder looks alive. */
  leaseExpiresAt: string;
}

/** Result of trying to take a run's lock. */
export type LockAttempt =
  { acquired: true; lock: RunLock; tookOverFrom: RunLock | null } | { acquired: false; holder: RunLock };
