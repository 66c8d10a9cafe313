/**
 * A semaphore that serves its waiters round-robin by key: at most `limit` tasks run at once, and a
 * key with many tasks waiting (one student sending sixteen password checks) gets one turn per
 * round, so everyone else waits behind one of them, not all sixteen.
 */
export class FairGate {
  private active = 0;
  // Map order is the round: a key is served from the front, then goes to the back if it has more.
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {}

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Tasks waiting for a turn. */
  get queued(): number {
    let n = 0;
    for (const queue of this.waiting.values()) n += queue.length;
    return n;
  }

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) {
      this.active += 1;
    } else {
      // The finishing task hands its slot straight to us, so `active` does not change.
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(key);
        if (queue) queue.push(resolve);
        else this.waiting.set(key, [resolve]);
      });
    }
    try {
      return await task();
    } finally {
      this.handOver();
    }
  }

  private handOver(): void {
    const first = this.waiting.entries().next();
    if (first.done) {
      this.active -= 1;
      return;
    }
    const [key, queue] = first.value;
    const wake = queue.shift();
    this.waiting.delete(key);
    if (queue.length > 0) this.waiting.set(key, queue);
    wake?.();
  }
}
