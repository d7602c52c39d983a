import { TicketPanel } from '../../components/TicketPanel';
import { isTicketScreen } from './feature';
import { definePanelFeature } from './panel-feature';

/** Service Ticket screen: the failed backup behind the ticket and "Fix and resume backup". */
export const ticketPanel = definePanelFeature({
  id: 'ticket-panel',
  kind: 'ticket',
  include: [isTicketScreen],
  title: 'Backup ticket',
  body: (view, props) => <TicketPanel view={view} {...props} />,
});
