/** What {@link startLeaseRenewal} needs. */
export interface LeaseRenewalOptions {
  everyMs: number;
  /** Extend the lease; resolves false when the lock is no longer ours. */
  renew: () => Promise<boolean>;
  /** Called once when `renew` reports the lock lost; renewal stops. */
  onLost: () => void;
}

/**
 * Renew a lease every `everyMs` until the returned stop function is called. Uses unref'd timers
 * (one at a time, so renewals never overlap) so a forgotten renewal never keeps the process alive.
 * A failed renewal (e.g. STORE_BUSY) is retried at the next tick: the lease still has time left.
 */
export function startLeaseRenewal(options: LeaseRenewalOptions): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(tick, options.everyMs);
    timer.unref();
  };
  const tick = (): void => {
    options.renew().then(
      (stillHeld) => {
        if (stopped) return;
        if (stillHeld) return schedule();
        stopped = true;
        options.onLost();
      },
      () => schedule(),
    );
  };
  schedule();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
