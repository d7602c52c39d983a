/**
 * Dates, times and counts as the panels and the popup write them. Manage's own screens use US
 * English, so these do too; times are the technician's local time, 24-hour ("as of 14:05").
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number) => String(n).padStart(2, '0');

/** "2025-07-01" names a calendar day, not an instant: shown as that day whatever the time zone. */
const isCalendarDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

function parts(value: string): { date: Date; utc: boolean } | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : { date, utc: isCalendarDay(value) };
}

export function formatTime(value: string | number): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "Jul 1, 2025" */
export function formatDate(value: string): string {
  const parsed = parts(value);
  if (!parsed) return value;
  const { date, utc } = parsed;
  const [year, month, day] = utc
    ? [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()]
    : [date.getFullYear(), date.getMonth(), date.getDate()];
  return `${MONTHS[month]} ${day}, ${year}`;
}

/** "Jul 1, 2025 14:05" (a calendar day stays a day). */
export function formatDateTime(value: string): string {
  const parsed = parts(value);
  if (!parsed || parsed.utc) return formatDate(value);
  return `${formatDate(value)} ${formatTime(value)}`;
}

/** "14:05" today, "Jul 1, 2025 14:05" on another day. */
export function formatWhen(value: string, now: number): string {
  const at = new Date(value);
  return at.toDateString() === new Date(now).toDateString() ? formatTime(value) : formatDateTime(value);
}

/** "just now", "20 min ago", "3 hours ago", "in 2 days". */
export function relativeTime(value: string, now: number): string {
  const at = Date.parse(value);
  if (Number.isNaN(at)) return value;
  const delta = at - now;
  const span = Math.abs(delta);
  if (span < MINUTE) return 'just now';
  const amount =
    span < HOUR ? `${Math.round(span / MINUTE)} min` : span < DAY ? plural(Math.round(span / HOUR), 'hour') : plural(Math.round(span / DAY), 'day');
  return delta < 0 ? `${amount} ago` : `in ${amount}`;
}

/** Whole days from `now` to `value` (negative in the past), for the 45-day window. */
export function daysFrom(value: string, now: number): number | null {
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.round((at - now) / DAY);
}

export const formatCount = (n: number) => n.toLocaleString('en-US');

/** "1 mailbox", "1,000 mailboxes" */
export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;
