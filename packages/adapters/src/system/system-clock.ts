import type { ClockPort } from '@metawsm/core';

/** ClockPort on the system clock. */
export class SystemClock implements ClockPort {
  nowMs(): number {
    return Date.now();
  }
  timezoneOffsetMinutes(ms: number): number {
    // JS reports minutes *behind* UTC; git stores minutes *ahead*.
    return -new Date(ms).getTimezoneOffset();
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
