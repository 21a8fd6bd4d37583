/**
 * Counters of failed attempts per key (a client address) in a sliding window. The server keeps them in
 * memory by default; a deployment of several instances injects a shared implementation (AppDeps).
 */
export interface AttemptCounter {
  /** Records one failure under the key; returns the failures in the window, this one included. */
  hit(key: string, now: Date): Promise<number>;
  /** The failures currently counted under the key. */
  count(key: string, now: Date): Promise<number>;
}

/** An in-process AttemptCounter: the timestamps of at most `cap` recent failures per key. */
export class MemoryAttemptCounter implements AttemptCounter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly cap: number,
    /** Keys kept at most; the oldest key is dropped first, so memory stays bounded under a flood. */
    private readonly maxKeys = 100_000,
  ) {}

  private recent(key: string, now: Date): number[] {
    const since = now.getTime() - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }

  async count(key: string, now: Date): Promise<number> {
    return this.recent(key, now).length;
  }

  async hit(key: string, now: Date): Promise<number> {
    const list = this.recent(key, now);
    list.push(now.getTime());
    if (list.length > this.cap) list.splice(0, list.length - this.cap);
    // Re-insert so that Map order is least recently hit first.
    this.hits.delete(key);
    this.hits.set(key, list);
    if (this.hits.size > this.maxKeys) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
    return list.length;
  }
}
