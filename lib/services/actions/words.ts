/** `2026-04-01` → `1 Apr 2026` (the day as stored, whatever the browser's time zone). */
export function readableDay(day: string): string {
  return new Date(`${day.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC',
  });
}

/** An instant → `2026-04-01 14:03 UTC`, as lib/domain's notes write it: the same for every technician. */
export const readableTime = (instant: number | string | Date): string =>
  `${new Date(instant).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** `2` → `2 seats`, `1` → `1 seat`. */
export const seats = (count: number): string => `${count} seat${count === 1 ? '' : 's'}`;
