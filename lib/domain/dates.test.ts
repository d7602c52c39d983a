import { describe, expect, it } from 'vitest';
import { addDays, connectWiseDate, dayIn, firstOfNextMonth, toInstant, utcDay } from './dates';

describe('toInstant', () => {
  it.each([
    ['2025-05-01T10:00:00.000Z', Date.UTC(2025, 4, 1, 10)],
    ['2025-05-01T00:00:00Z', Date.UTC(2025, 4, 1)], // ConnectWise
    ['2025-05-01', Date.UTC(2025, 4, 1)],
    ['2025-05-01T10:00', Date.UTC(2025, 4, 1, 10)], // no zone: UTC
    ['2025-05-01T10:00:00+02:00', Date.UTC(2025, 4, 1, 8)],
    ['  2025-05-01T10:00:00Z ', Date.UTC(2025, 4, 1, 10)],
  ])('%j → %d', (text, expected) => expect(toInstant(text)).toBe(expected));

  it.each([null, undefined, '', 'March 3', '2025-13-01', '2025-02-30', '2025-04-31T00:00:00Z', '2025-05-01 10:00', 'yesterday', '1714557600000'])(
    'refuses %j', (text) => expect(toInstant(text)).toBeNull(),
  );
});

describe('days', () => {
  it('names the UTC day of an instant', () => {
    expect(utcDay(Date.UTC(2025, 0, 31, 23, 59, 59))).toBe('2025-01-31');
    expect(utcDay(Date.UTC(2025, 1, 1))).toBe('2025-02-01');
  });

  it.each([
    ['2025-01-31', 1, '2025-02-01'],
    ['2024-02-28', 1, '2024-02-29'], // leap year
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2025-03-30', 0, '2025-03-30'],
    ['2025-03-01', -13, '2025-02-16'],
  ] as const)('%s + %d days = %s', (day, n, expected) => expect(addDays(day, n)).toBe(expected));

  it('refuses to add to a non-day', () => expect(() => addDays('soon', 1)).toThrow(RangeError));

  it('writes ConnectWise dates', () => expect(connectWiseDate('2025-06-01')).toBe('2025-06-01T00:00:00Z'));

  it.each([
    ['2025-01-31T23:30:00Z', 'UTC', '2025-01-31'],
    ['2025-01-31T23:30:00Z', 'Australia/Sydney', '2025-02-01'],
    ['2025-01-01T03:00:00Z', 'America/New_York', '2024-12-31'],
  ])('%s is %s in %s', (instant, zone, expected) => expect(dayIn(new Date(instant), zone)).toBe(expected));
});

describe('firstOfNextMonth (seed 000: additions are effective from the 1st of next month)', () => {
  it.each([
    ['2025-05-15T12:00:00Z', undefined, '2025-06-01'],
    ['2025-05-01T00:00:00Z', undefined, '2025-06-01'], // on the 1st: still next month
    ['2025-05-31T23:59:59.999Z', undefined, '2025-06-01'], // month end
    ['2025-01-31T10:00:00Z', undefined, '2025-02-01'],
    ['2024-02-29T10:00:00Z', undefined, '2024-03-01'], // leap day
    ['2025-12-31T23:59:59Z', undefined, '2026-01-01'], // December → January
    ['2025-12-01T00:00:00Z', undefined, '2026-01-01'],
    // Judged in the MSP's zone: already February in Sydney, still December in New York
    ['2025-01-31T23:30:00Z', 'Australia/Sydney', '2025-03-01'],
    ['2026-01-01T03:00:00Z', 'America/New_York', '2026-01-01'],
    ['2025-12-31T20:00:00Z', 'Pacific/Auckland', '2026-02-01'],
  ])('%s (%s) → %s', (instant, zone, expected) => expect(firstOfNextMonth(new Date(instant), zone)).toBe(expected));

  it('throws on an unknown time zone', () => {
    expect(() => firstOfNextMonth(new Date('2025-05-01T00:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
  });

  it('is always the 1st, after today, within 32 days (every day of 2024–2025)', () => {
    for (let t = Date.UTC(2024, 0, 1, 13); t < Date.UTC(2026, 0, 1); t += 86_400_000) {
      const next = firstOfNextMonth(new Date(t));
      const gap = (toInstant(next) as number) - t;
      expect(next.endsWith('-01')).toBe(true);
      expect(gap).toBeGreaterThan(0);
      expect(gap).toBeLessThanOrEqual(32 * 86_400_000);
    }
  });
});
