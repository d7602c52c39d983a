/** A calendar day as the panels write it ("Nov 22, 2026"), in UTC like the seat rules. */
export const dayOf = (ms: number): string =>
  new Date(ms).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/** The first day of the month after `ms` (UTC): when a new addition starts billing. */
export const firstOfNextMonth = (ms: number): number => {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
};
