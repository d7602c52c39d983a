import type { SeatsView } from '../lib/messages/panels';
import { Badge } from './Badge';
import { formatCount } from './format';
import type { ManageLinks } from './panel-types';
import { SEAT_STATUS } from './words';

/** "25 bought", with the number emphasised; a dash when the source did not say. */
export function SeatCount({ value, label, drifted = false }: { value: number | null; label: string; drifted?: boolean }) {
  return (
    <span class={drifted ? 'bb-seat bb-seat--drift' : 'bb-seat'}>
      <b>{value === null ? '—' : formatCount(value)}</b> {label}
    </span>
  );
}

/** Whether the agreement bills what the vendor counts, in a word and a colour. */
export function SeatStatusBadge({ seats }: { seats: SeatsView }) {
  const status = SEAT_STATUS[seats.status];
  return <Badge tone={status.tone}>{status.label(seats.drift)}</Badge>;
}

/** Seats bought and used at the vendor against seats billed on the agreement; drift highlighted. */
export function SeatsLine({ seats, links }: { seats: SeatsView; links: ManageLinks }) {
  const drifted = seats.drift !== null && seats.drift !== 0;
  return (
    <p class="bb-seats">
      <span class="bb-label">Seats</span> <SeatCount value={seats.bought} label="bought" /> ·{' '}
      <SeatCount value={seats.used} label="used" /> · <SeatCount value={seats.billed} label="billed" drifted={drifted} />
      {seats.agreement && (
        <>
          {' '}
          on{' '}
          <a href={links.agreement(seats.agreement.id)} target="_blank" rel="noopener">
            {seats.agreement.name}
          </a>
        </>
      )}{' '}
      <SeatStatusBadge seats={seats} />
    </p>
  );
}
