import { SimClock } from '../sim/clock';
import type { RunningSimulators } from '../sim/server';

/** What the simulators hold after an action: ConnectWise records and the vendor's request log. */

/** The ticket as ConnectWise stores it: its status and whether it is closed. */
export function ticketState(sims: RunningSimulators, ticketId: number): { status: { id: number; name: string }; closed: boolean } {
  const ticket = sims.manage.store.get('service/tickets', ticketId) as unknown as { status: { id: number; name: string }; closedFlag?: boolean };
  return { status: { id: ticket.status.id, name: ticket.status.name }, closed: ticket.closedFlag === true };
}

/** The ticket's notes, oldest first. */
export const ticketNotes = (sims: RunningSimulators, ticketId: number): string[] =>
  sims.manage.store.list(`service/tickets/${ticketId}/notes`).map((note) => String(note.text));

/** Backup Bridge's fix markers on the ticket ("started", "finished"), in order. */
export const fixMarkers = (sims: RunningSimulators, ticketId: number): string[] =>
  ticketNotes(sims, ticketId).flatMap((text) => /^\[Backup Bridge\] fix (started|finished)/.exec(text)?.[1] ?? []);

/** The writes the vendor accepted (re-authorise, force backup…), as paths below /api. */
export const vendorWrites = (sims: RunningSimulators): string[] =>
  sims.vendor.requests.entries.filter((e) => e.method !== 'GET' && e.status < 300).map((e) => e.path.replace(/^\/api/, ''));

/** ConnectWise writes (anything but GET), as "METHOD path". */
export const manageWrites = (sims: RunningSimulators): string[] =>
  sims.manage.requests.list().filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

/**
 * Re-seeds both simulators with their clock `ms` behind the real one. A fix runs the simulated
 * clock fast; starting behind keeps what the vendor then reports (a backup completed "8 min ago")
 * in the browser's past instead of "in 7 min".
 */
export function reseedBehindRealTime(sims: RunningSimulators, ms: number): void {
  sims.clock.reset(SimClock.realMinute() - ms);
  sims.manage.reset();
  sims.vendor.reset();
}
