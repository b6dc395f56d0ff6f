/**
 * Runs work one at a time per key, in the order asked; different keys run in
 * parallel. Git needs this: two clones or fetches into one folder would
 * fight over its refs, index and packs. A failed run does not stop the next.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Whether work for the key is running or waiting. */
  isBusy(key: string): boolean {
    return this.tails.has(key);
  }

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    this.tails.set(key, current);
    try {
      return await current;
    } finally {
      // Only the last in line clears the key, so the map holds no finished work.
      if (this.tails.get(key) === current) this.tails.delete(key);
    }
  }
}
