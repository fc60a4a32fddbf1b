import type { StandInFault } from './types.js';

/** Where and how often a preset fault applies. */
export interface RateLimitFaultTarget {
  path: RegExp;
  method?: string;
  count?: number;
  /** 403 (default) or 429: GitHub uses both for rate limits. */
  status?: 403 | 429;
}

function base(target: RateLimitFaultTarget): StandInFault {
  const spec: StandInFault = { path: target.path, status: target.status ?? 403, count: target.count ?? 1 };
  if (target.method !== undefined) spec.method = target.method;
  return spec;
}

/** Fault presets shaped like GitHub's rate-limit answers. */
export const rateLimitFaults = {
  /** A secondary (abuse) rate limit: "You have exceeded a secondary rate limit" with `retry-after`. */
  secondary(target: RateLimitFaultTarget & { retryAfterSeconds?: number }): StandInFault {
    const spec = base(target);
    spec.headers = { 'retry-after': String(target.retryAfterSeconds ?? 1) };
    spec.body = {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: String(spec.status),
    };
    return spec;
  },
  /** The primary rate limit: `x-ratelimit-remaining: 0` until `x-ratelimit-reset` (epoch seconds). */
  primary(target: RateLimitFaultTarget & { resetEpochSeconds: number }): StandInFault {
    const spec = base(target);
    spec.headers = {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-reset': String(target.resetEpochSeconds),
      'x-ratelimit-resource': 'core',
    };
    spec.body = {
      message: 'API rate limit exceeded for user ID 1.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      status: String(spec.status),
    };
    return spec;
  },
};
