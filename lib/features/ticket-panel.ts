import { isTicketScreen } from './feature';
import { definePlaceholderPanel } from './placeholder-panel';

export const ticketPanel = definePlaceholderPanel('ticket-panel', 'ticket', [isTicketScreen]);
