import type { EventPhase } from '../domain/event.js';
import type { ClockPort } from '../ports/clock.port.js';
import type { StorePort } from '../ports/store.port.js';

/** Which target a journal row is about. */
export interface JournalScope {
  ticket?: string;
  repo?: string;
}

/**
 * Writes the append-only event journal of one command invocation: `intent` before each side
 * effect, then `done` or `failed`, so a crash can be reconciled from the rows.
 */
export class Journal {
  readonly #deps: { store: StorePort; clock: ClockPort };
  readonly #base: { runId: string | null; operationId: string; actor: string | null };
  readonly #silent: boolean;

  /** With `options.dryRun`, nothing is written: a dry run leaves no rows. */
  constructor(
    deps: { store: StorePort; clock: ClockPort },
    base: { runId: string | null; operationId: string; actor: string | null },
    options: { dryRun?: boolean } = {},
  ) {
    this.#deps = deps;
    this.#base = base;
    this.#silent = options.dryRun === true;
  }

  /** The id grouping this invocation's rows. */
  get operationId(): string {
    return this.#base.operationId;
  }

  /** Append one row. */
  async write(
    type: string,
    phase: EventPhase,
    scope: JournalScope,
    data: Record<string, unknown> = {},
  ): Promise<void> {
    if (this.#silent) return;
    await this.#deps.store.appendEvent({
      ...this.#base,
      ticket: scope.ticket ?? null,
      repo: scope.repo ?? null,
      type,
      phase,
      data,
      at: new Date(this.#deps.clock.nowMs()).toISOString(),
    });
  }

  /** Record a state change that has no separate side effect. */
  info(type: string, scope: JournalScope, data?: Record<string, unknown>): Promise<void> {
    return this.write(type, 'info', scope, data);
  }

  /** Run `fn` between an `intent` row and a `done` (with `doneData(result)`) or `failed` row. */
  async step<T>(
    type: string,
    scope: JournalScope,
    data: Record<string, unknown>,
    fn: () => Promise<T>,
    doneData?: (result: T) => Record<string, unknown>,
  ): Promise<T> {
    await this.write(type, 'intent', scope, data);
    let result: T;
    try {
      result = await fn();
    } catch (e) {
      const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : 'INTERNAL';
      await this.write(type, 'failed', scope, { ...data, error: code }).catch(() => undefined);
      throw e;
    }
    await this.write(type, 'done', scope, { ...data, ...(doneData ? doneData(result) : {}) });
    return result;
  }
}
