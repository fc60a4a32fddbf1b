import type { CheckPhase, CheckResult, ChecksReport } from '../domain/checks.js';
import type { ClockPort } from '../ports/clock.port.js';
import { BUILTIN_CHECKS } from './builtin-checks.js';
import type { Check, CheckContext } from './check.js';

/** Named check plug-ins. Library users may register their own before building the policy schema. */
export class CheckRegistry {
  readonly #checks = new Map<string, Check>();

  /** A registry holding the built-in checks. */
  static withBuiltins(): CheckRegistry {
    const r = new CheckRegistry();
    for (const c of BUILTIN_CHECKS) r.register(c);
    return r;
  }

  /** Add a check; a duplicate name replaces the earlier one. */
  register(check: Check): this {
    this.#checks.set(check.name, check);
    return this;
  }

  /** Every registered name. */
  names(): string[] {
    return [...this.#checks.keys()];
  }

  /** One check, or undefined. */
  get(name: string): Check | undefined {
    return this.#checks.get(name);
  }
}

/**
 * Run every required check that applies to the phase (no short circuit; a throwing check counts as
 * failed). `requireAll`: all must pass (skipped is not a failure); otherwise at least one must pass.
 */
export async function runChecks(
  deps: { clock: ClockPort },
  input: { registry: CheckRegistry; required: readonly string[]; requireAll: boolean; ctx: CheckContext },
): Promise<ChecksReport> {
  const results: CheckResult[] = [];
  for (const name of input.required) {
    const check = input.registry.get(name);
    if (!check || !check.appliesTo.includes(input.ctx.phase)) continue;
    const started = deps.clock.nowMs();
    let result: CheckResult;
    try {
      const outcome = await check.run(input.ctx);
      result = { name, ...outcome, durationMs: deps.clock.nowMs() - started };
    } catch (e) {
      result = {
        name,
        status: 'failed',
        summary: `check crashed: ${e instanceof Error ? e.message : String(e)}`,
        durationMs: deps.clock.nowMs() - started,
      };
    }
    results.push(result);
  }
  return {
    phase: input.ctx.phase,
    passed: decide(results, input.requireAll),
    requireAll: input.requireAll,
    results,
    at: new Date(deps.clock.nowMs()).toISOString(),
  };
}

function decide(results: readonly CheckResult[], requireAll: boolean): boolean {
  if (requireAll) return results.every((r) => r.status !== 'failed');
  if (results.every((r) => r.status === 'skipped')) return true;
  return results.some((r) => r.status === 'passed');
}

/** Phases a check name applies to, for docs. */
export function phasesOf(registry: CheckRegistry, name: string): readonly CheckPhase[] {
  return registry.get(name)?.appliesTo ?? [];
}
