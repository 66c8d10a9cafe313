/**
 * Counts failures per key (a username) in a sliding window, in memory. A key with `limit`
 * failures in the last `windowMs` is blocked until the oldest of them leaves the window. The map
 * is bounded: past `maxKeys` the longest-idle key is dropped, so made-up usernames cannot grow it
 * without end.
 */
export class FailureCounter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => Date,
    private readonly maxKeys = 50_000,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    const oldest = recent[recent.length - this.limit] ?? 0;
    return Math.max(0, oldest + this.windowMs - this.clock().getTime());
  }

  record(key: string): void {
    const recent = [...this.recent(key), this.clock().getTime()].slice(-this.limit);
    // Re-inserting moves the key to the end of the map's order: the front is the longest idle.
    this.failures.delete(key);
    this.failures.set(key, recent);
    if (this.failures.size > this.maxKeys) {
      const idle = this.failures.keys().next();
      if (!idle.done) this.failures.delete(idle.value);
    }
  }

  private recent(key: string): number[] {
    const since = this.clock().getTime() - this.windowMs;
    const recent = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }
}
