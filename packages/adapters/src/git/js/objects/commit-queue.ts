/** A commit as a history walk sees it. */
export interface WalkCommit {
  oid: string;
  parents: string[];
  tree: string;
  /** Committer time, seconds. */
  time: number;
}

interface Slot {
  commit: WalkCommit;
  seq: number;
}

/**
 * Max-heap of commits by committer time; ties pop in insertion order, like git's `prio_queue`,
 * so walks list commits in the order `git rev-list` does.
 */
export class CommitQueue {
  readonly #heap: Slot[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(commit: WalkCommit): void {
    const heap = this.#heap;
    heap.push({ commit, seq: this.#seq++ });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  pop(): WalkCommit | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (heap.length > 0) {
      heap[0] = last;
      this.#siftDown();
    }
    return top.commit;
  }

  /** Every queued commit (unordered). */
  items(): WalkCommit[] {
    return this.#heap.map((s) => s.commit);
  }

  #siftDown(): void {
    const heap = this.#heap;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < heap.length && this.#before(heap[l]!, heap[best]!)) best = l;
      if (r < heap.length && this.#before(heap[r]!, heap[best]!)) best = r;
      if (best === i) return;
      [heap[i], heap[best]] = [heap[best]!, heap[i]!];
      i = best;
    }
  }

  #before(a: Slot, b: Slot): boolean {
    return a.commit.time > b.commit.time || (a.commit.time === b.commit.time && a.seq < b.seq);
  }
}
