import { describe, expect, it } from 'vitest';
import { SimClock } from './clock';

describe('SimClock', () => {
  it('starts at the given epoch and only moves when advanced', () => {
    const clock = new SimClock(Date.UTC(2026, 0, 1));
    expect(clock.iso()).toBe('2026-01-01T00:00:00Z');
    clock.advance(30 * 60_000);
    expect(clock.iso()).toBe('2026-01-01T00:30:00Z');
    expect(() => clock.advance(-1)).toThrow(/non-negative/);
    clock.reset(Date.UTC(2027, 5, 1));
    expect(clock.iso()).toBe('2027-06-01T00:00:00Z');
  });
});
