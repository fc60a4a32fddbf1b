/** A resolved object kept for reuse as a delta base. */
export interface CachedObject {
  type: 'blob' | 'tree' | 'commit' | 'tag';
  content: Buffer;
}

/**
 * Delta bases by pack position, least recently used first out, within a byte budget (git's
 * `core.deltaBaseCacheLimit` plays the same role). Consecutive versions of a tree or file are
 * deltas of one another, so walking history re-reads the same bases again and again.
 */
export class BaseCache {
  readonly #budget: number;
  readonly #map = new Map<string, CachedObject>();
  #bytes = 0;

  constructor(budget: number) {
    this.#budget = budget;
  }

  get(key: string): CachedObject | undefined {
    const hit = this.#map.get(key);
    if (hit) {
      this.#map.delete(key);
      this.#map.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedObject): void {
    const size = value.content.length;
    if (size > this.#budget / 4 || this.#map.has(key)) return;
    this.#map.set(key, value);
    this.#bytes += size;
    for (const [k, v] of this.#map) {
      if (this.#bytes <= this.#budget) break;
      this.#map.delete(k);
      this.#bytes -= v.content.length;
    }
  }
}
