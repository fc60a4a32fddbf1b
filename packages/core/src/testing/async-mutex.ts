/** A minimal FIFO mutex: `run` executes one task at a time, in call order. */
export class AsyncMutex {
  #tail: Promise<void> = Promise.resolve();

  /** Run `task` once every earlier task has settled; resolves or rejects with its outcome. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.#tail.then(() => task());
    // The chain must survive a failing task, so the next one waits for settlement only.
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
