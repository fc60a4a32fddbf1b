/** Shared call counter for {@link failingAt}: the call numbered `failAt` (1-based) throws. */
export interface FaultPlan {
  failAt: number;
  calls: number;
  /** Method names that were called, in order (across every wrapped port). */
  log: string[];
  /** Set once the fault fired. */
  fired: boolean;
}

/** A fault plan failing the `failAt`-th call. */
export function faultPlan(failAt: number): FaultPlan {
  return { failAt, calls: 0, log: [], fired: false };
}

/** Thrown by {@link failingAt}: simulates a crash at that point. */
export class InjectedFault extends Error {
  constructor(readonly method: string) {
    super(`injected fault in ${method}`);
    this.name = 'InjectedFault';
  }
}

/**
 * Wrap a port so that, counting calls across every port wrapped with the same plan, the
 * `plan.failAt`-th method call throws {@link InjectedFault} before reaching the real port.
 */
export function failingAt<T extends object>(target: T, plan: FaultPlan, name: string): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string' || prop === 'constructor') return value;
      return (...args: unknown[]) => {
        plan.calls++;
        plan.log.push(`${name}.${prop}`);
        if (plan.calls === plan.failAt) {
          plan.fired = true;
          return Promise.reject(new InjectedFault(`${name}.${prop}`));
        }
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
}
