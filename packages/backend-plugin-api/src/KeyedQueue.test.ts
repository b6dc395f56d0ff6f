import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './KeyedQueue.ts';

describe('KeyedQueue', () => {
  it('runs one piece of work per key at a time, in order, other keys alongside, and a failure does not block the next', async () => {
    const queue = new KeyedQueue();
    const events: string[] = [];
    const step = (name: string, ms: number, fail = false) => async () => {
      events.push(`${name} start`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const a1 = queue.run('a', step('a1', 20, true));
    const a2 = queue.run('a', step('a2', 1));
    const b1 = queue.run('b', step('b1', 5));
    expect(queue.isBusy('a')).toBe(true);
    await expect(a1).rejects.toThrow('a1');
    await expect(a2).resolves.toBe('a2');
    await expect(b1).resolves.toBe('b1');
    expect(events.indexOf('a2 start')).toBeGreaterThan(events.indexOf('a1 end'));
    expect(events.indexOf('b1 start')).toBeLessThan(events.indexOf('a1 end'));
    expect(queue.isBusy('a')).toBe(false);
    expect(queue.isBusy('b')).toBe(false);
  });
});
