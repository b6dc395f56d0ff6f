import { describe, expect, it } from 'vitest';
import { newEntityUid } from './entityUid.ts';

describe('newEntityUid', () => {
  it('is a version 7 UUID carrying the time in milliseconds', () => {
    const uid = newEntityUid(Date.UTC(2026, 10, 22, 12, 0, 0, 123));
    expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(uid.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 22, 12, 0, 0, 123));
  });

  it('sorts by time, and differs within one millisecond', () => {
    const earlier = newEntityUid(1_700_000_000_000);
    const later = newEntityUid(1_700_000_000_001);
    expect(earlier < later).toBe(true);
    const same = new Set(Array.from({ length: 1000 }, () => newEntityUid(1_700_000_000_000)));
    expect(same.size).toBe(1000);
  });
});
