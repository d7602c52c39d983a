import { describe, expect, test } from 'vitest';
import { daysFrom, formatCount, formatDate, formatDateTime, formatTime, plural, relativeTime } from './format';

const NOW = Date.parse('2025-06-16T14:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const MIN = 60_000;

describe('format', () => {
  test.each([
    [at(-20 * 1000), 'just now'],
    [at(-20 * MIN), '20 min ago'],
    [at(-3 * 60 * MIN), '3 hours ago'],
    [at(-60 * MIN), '1 hour ago'],
    [at(-(2 * 24 + 4) * 60 * MIN), '2 days ago'],
    [at(12 * MIN), 'in 12 min'],
    [at(35 * 24 * 60 * MIN), 'in 35 days'],
    ['not a date', 'not a date'],
  ])('relativeTime(%s)', (value, expected) => expect(relativeTime(value, NOW)).toBe(expected));

  test('a calendar day is that day in every time zone', () => {
    expect(formatDate('2025-07-01')).toBe('Jul 1, 2025');
    expect(formatDateTime('2025-07-01')).toBe('Jul 1, 2025');
  });

  test('instants are local, 24-hour', () => {
    const local = new Date(2025, 5, 16, 9, 5);
    expect(formatTime(local.toISOString())).toBe('09:05');
    expect(formatDateTime(local.toISOString())).toBe('Jun 16, 2025 09:05');
  });

  test('days, counts, plurals', () => {
    expect(daysFrom(at(35 * 24 * 60 * MIN), NOW)).toBe(35);
    expect(daysFrom(at(-10 * 24 * 60 * MIN), NOW)).toBe(-10);
    expect(formatCount(1000)).toBe('1,000');
    expect(plural(1, 'mailbox', 'mailboxes')).toBe('1 mailbox');
    expect(plural(1000, 'mailbox', 'mailboxes')).toBe('1,000 mailboxes');
  });
});
