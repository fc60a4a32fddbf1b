/** Time, only through this port (tests use TestClock). */
export interface ClockPort {
  /** Milliseconds since the epoch. */
  nowMs(): number;
  /** The local timezone's offset east of UTC in minutes at `ms` (for commit signatures). */
  timezoneOffsetMinutes(ms: number): number;
  /** Wait `ms` milliseconds (backoff, polling). */
  sleep(ms: number): Promise<void>;
}
