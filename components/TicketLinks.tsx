import type { CompanyView } from '../lib/messages/panels';
import type { ManageLinks } from './panel-types';

/** Open backup tickets, each a link to its ticket screen (in a new tab: this screen stays). */
export function TicketLinks({ tickets, links }: { tickets: CompanyView['openTickets']; links: ManageLinks }) {
  if (tickets.length === 0) return <p class="bb-muted">No open backup tickets.</p>;
  return (
    <ul class="bb-list">
      {tickets.map((ticket) => (
        <li key={ticket.id}>
          <a href={links.ticket(ticket.id)} target="_blank" rel="noopener">
            #{ticket.id}
          </a>{' '}
          {ticket.summary} <span class="bb-muted">({ticket.status})</span>
        </li>
      ))}
    </ul>
  );
}
