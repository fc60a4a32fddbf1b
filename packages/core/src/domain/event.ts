/** Phase of a journal row: `intent` is written before a side effect, then `done` or `failed`. */
export type EventPhase = 'intent' | 'done' | 'failed' | 'info';

/** An append-only journal row. */
export interface MetawsmEvent {
  /** Assigned by the store, increasing. */
  id: number;
  runId: string | null;
  ticket: string | null;
  repo: string | null;
  /** Dotted name, e.g. `commit.snapshot`, `pr.push`, `run.create`. */
  type: string;
  phase: EventPhase;
  /** Groups the rows of one command invocation. */
  operationId: string;
  actor: string | null;
  /** Redacted, JSON-serialisable detail. */
  data: Record<string, unknown>;
  at: string;
}

/** An event before the store assigned its id. */
export type NewEvent = Omit<MetawsmEvent, 'id'>;
