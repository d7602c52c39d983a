/**
 * ISO 8601 date-times as the API takes them (in bodies and in `[...]` condition literals): a date,
 * optionally a time, optionally a zone; without a zone the time is UTC. Stricter than Date.parse,
 * which would also take "March 3".
 */
const ISO = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/;

export function parseIsoInstant(text: string): number | undefined {
  const match = ISO.exec(text.trim());
  const ms = match ? Date.parse(`${match[1]}${match[2] ?? 'T00:00'}${match[3] ?? 'Z'}`) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/** The API's own date format: `2025-01-31T00:00:00Z` (UTC, whole seconds). */
export const toApiDate = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
