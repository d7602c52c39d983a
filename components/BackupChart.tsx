import type { TenantView } from '../lib/messages/panels';
import { formatDate, plural } from './format';

type HistoryDay = TenantView['history'][number];

const BAR = 10;
const GAP = 3;
const HEIGHT = 28;

/**
 * Backups per day (oldest first) as small stacked bars: green succeeded, red failed. The SVG is
 * for the eye; screen readers get the summary and a table of the same numbers.
 */
export function BackupChart({ days }: { days: readonly HistoryDay[] }) {
  if (days.length === 0) return <p class="bb-muted">No backup history yet.</p>;
  const most = Math.max(1, ...days.map((day) => day.total));
  const failedDays = days.filter((day) => day.failed > 0).length;
  const summary =
    failedDays === 0
      ? `No failed backups in the last ${days.length} days.`
      : `Failed backups on ${plural(failedDays, 'day')} of the last ${days.length}.`;

  return (
    <figure class="bb-chart">
      <svg width={days.length * (BAR + GAP) - GAP} height={HEIGHT} aria-hidden="true">
        {days.map((day, index) => {
          const x = index * (BAR + GAP);
          const height = day.total === 0 ? 0 : Math.max(2, Math.round((day.total / most) * HEIGHT));
          // A single failure among hundreds still shows (2 px at least).
          const failedHeight = day.failed === 0 ? 0 : Math.max(2, Math.round((height * day.failed) / day.total));
          return (
            <g key={day.date}>
              <title>{`${formatDate(day.date)}: ${day.succeeded} of ${day.total} succeeded`}</title>
              {day.total === 0 ? (
                <rect class="bb-chart__none" x={x} y={HEIGHT - 2} width={BAR} height={2} />
              ) : (
                <>
                  <rect class="bb-chart__ok" x={x} y={HEIGHT - height + failedHeight} width={BAR} height={height - failedHeight} />
                  <rect class="bb-chart__failed" x={x} y={HEIGHT - height} width={BAR} height={failedHeight} />
                </>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="bb-muted">{summary}</figcaption>
      <table class="bb-visually-hidden">
        <caption>Backups per day, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Succeeded</th>
            <th scope="col">Failed</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.date}>
              <th scope="row">{formatDate(day.date)}</th>
              <td>{day.succeeded}</td>
              <td>{day.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
