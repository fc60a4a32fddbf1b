import type { Reply } from './http.js';

/** At most this many answers are kept; past it they are all forgotten (a test reading without end). */
const MAX_ANSWERS = 2_000;

/**
 * Answers of reusable routes (`Route.reusable`), kept until the stand-in's state changes: any
 * change forgets them all. The stand-in serves every request on one thread, so rebuilding,
 * serialising and digesting the same 100-item pages for every poll made its own CPU the slowest
 * part of bench/review; GitHub's servers answer in parallel. Answers are the same either way: a
 * reused one is exactly the one computed from the same state.
 */
export class ReusableAnswers {
  readonly #answers = new Map<string, Reply>();
  #generation = 0;

  /** Which state the answers belong to; bumped by {@link clear}. */
  get generation(): number {
    return this.#generation;
  }

  /** Forget every answer: called before anything that may change the state. */
  clear(): void {
    this.#generation++;
    this.#answers.clear();
  }

  get(key: string): Reply | undefined {
    return this.#answers.get(key);
  }

  /** Keep `reply` for `key`, unless the state changed since `generation` (while it was computed). */
  set(key: string, reply: Reply, generation: number): void {
    if (generation !== this.#generation) return;
    if (this.#answers.size >= MAX_ANSWERS) this.#answers.clear();
    this.#answers.set(key, reply);
  }
}
