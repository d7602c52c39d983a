/**
 * Calendar helpers for the rules. Time is always a parameter: nothing here reads the clock.
 * A "day" is an ISO date string `YYYY-MM-DD`; an "instant" is milliseconds since the epoch.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/**
 * An ISO 8601 time (vendor `2025-05-01T10:00:00.000Z`, ConnectWise `2025-05-01T00:00:00Z`, or a
 * bare `2025-05-01`, read as UTC midnight) → instant; null for missing or unreadable values, so a
 * bad field never becomes "1970".
 */
export function toInstant(value: string | null | undefined): number | null {
  if (!value) return null;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/i.test(text)) return null;
  const [year = 0, month = 0, day = 0] = text.slice(0, 10).split('-').map(Number);
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null; // Date.parse rolls 02-30 over to March
  // DECISION: a date-time without a zone is UTC (ConnectWise's own reading of its dates).
  const withZone = /T[\d:.]+$/i.test(text) ? `${text}Z` : text;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : ms;
}

export const toIso = (instant: number): string => new Date(instant).toISOString();

/** The UTC calendar day of an instant. */
export const utcDay = (instant: number): string => toIso(instant).slice(0, 10);

/** `2025-05-01` → `2025-05-01T00:00:00Z`, the form ConnectWise dates take. */
export const connectWiseDate = (day: string): string => `${day}T00:00:00Z`;

/** Adds whole days to a UTC day (negative to go back); month and year ends roll over. */
export function addDays(day: string, days: number): string {
  const start = toInstant(day);
  if (start === null) throw new RangeError(`not a day: ${day}`);
  return utcDay(start + days * DAY_MS);
}

interface CalendarDay { year: number; month: number; day: number }

/** The calendar day `now` falls on in a time zone (IANA name; throws RangeError on an unknown one). */
function calendarDayIn(now: Date, timeZone: string): CalendarDay {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: 'numeric', day: 'numeric',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day `now` falls on in `timeZone` (default UTC), as `YYYY-MM-DD`. */
export function dayIn(now: Date, timeZone = 'UTC'): string {
  const { year, month, day } = calendarDayIn(now, timeZone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * The 1st of the month after the one `now` falls in, judged in `timeZone` (the MSP's billing zone;
 * default UTC) and returned as a day, to be stored as UTC midnight. Dropsuite dates new agreement
 * additions "from the 1st of Next Month" (seed 000, "User / Subscription Management").
 */
export function firstOfNextMonth(now: Date, timeZone = 'UTC'): string {
  const { year, month } = calendarDayIn(now, timeZone);
  return month === 12 ? `${pad(year + 1, 4)}-01-01` : `${pad(year, 4)}-${pad(month + 1)}-01`;
}
