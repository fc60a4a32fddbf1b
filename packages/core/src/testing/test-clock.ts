import type { ClockPort } from '../ports/clock.port.js';

/** Options for {@link TestClock}. */
export interface TestClockOptions {
  /** Start time in ms since the epoch (default 2024-01-01T00:00:00Z). */
  startMs?: number;
  /** Value of `timezoneOffsetMinutes` (default 0, UTC). */
  timezoneOffsetMinutes?: number;
  /**
   * `true` (default): `sleep(ms)` advances the clock by `ms` and resolves at once, so retry and
   * backoff loops run instantly. `false`: `sleep` stays pending until `advance`/`set` moves the
   * clock to or past its deadline.
   */
  autoAdvance?: boolean;
}

interface Sleeper {
  until: number;
  resolve: () => void;
}

/** A {@link ClockPort} whose time only moves when the test says so. */
export class TestClock implements ClockPort {
  #now: number;
  #offset: number;
  #autoAdvance: boolean;
  #sleepers: Sleeper[] = [];
  /** Every duration passed to `sleep`, in call order (to assert backoff). */
  readonly sleeps: number[] = [];

  constructor(options: TestClockOptions = {}) {
    this.#now = options.startMs ?? Date.parse('2024-01-01T00:00:00.000Z');
    this.#offset = options.timezoneOffsetMinutes ?? 0;
    this.#autoAdvance = options.autoAdvance ?? true;
  }

  /** Current test time in ms since the epoch. */
  nowMs(): number {
    return this.#now;
  }

  /** Current test time as ISO-8601 UTC. */
  nowIso(): string {
    return new Date(this.#now).toISOString();
  }

  /** The configured offset, whatever `ms` is. */
  timezoneOffsetMinutes(_ms: number): number {
    return this.#offset;
  }

  /** See {@link TestClockOptions.autoAdvance}. */
  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    if (this.#autoAdvance) {
      this.advance(Math.max(0, ms));
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#sleepers.push({ until: this.#now + Math.max(0, ms), resolve });
      this.#wake();
    });
  }

  /** Move time forward by `ms`, waking sleepers whose deadline has come. */
  advance(ms: number): void {
    this.set(this.#now + ms);
  }

  /** Set the time (may go backwards), waking sleepers whose deadline has come. */
  set(ms: number): void {
    this.#now = ms;
    this.#wake();
  }

  /** Number of `sleep` calls still waiting (only with `autoAdvance: false`). */
  get pendingSleeps(): number {
    return this.#sleepers.length;
  }

  #wake(): void {
    const due = this.#sleepers.filter((s) => s.until <= this.#now);
    this.#sleepers = this.#sleepers.filter((s) => s.until > this.#now);
    for (const s of due) s.resolve();
  }
}
