import { formatDateTime, relativeTime } from './format';

/** "3 hours ago", with the exact time on hover and in `datetime`. */
export function RelativeTime({ at, now, never = 'never' }: { at: string | null; now: number; never?: string }) {
  if (at === null) return <span class="bb-muted">{never}</span>;
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {relativeTime(at, now)}
    </time>
  );
}
