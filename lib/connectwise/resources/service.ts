import { z } from 'zod';
import type { ManageClient } from '../client';
import { where } from '../conditions';
import { listAll } from '../paging';
import { Amount, collection, createOnce, findFirst, Flag, getById, Id, IdentRef, Info, listAllOf, patchById, Ref, Text } from './common';

/** Service boards, statuses, priorities, tickets, their notes and attached configurations. */

export const Board = z.looseObject({ id: Id, name: z.string(), inactiveFlag: Flag, projectFlag: Flag });
export type Board = z.infer<typeof Board>;

export const BoardStatus = z.looseObject({
  id: Id,
  name: z.string(),
  board: Ref,
  sortOrder: Amount,
  inactive: Flag,
  /** A status that closes the ticket (needs Service Desk › Close Service Tickets). */
  closedStatus: Flag,
  defaultFlag: Flag,
  escalationStatus: Text,
});
export type BoardStatus = z.infer<typeof BoardStatus>;

export const Priority = z.looseObject({ id: Id, name: z.string(), color: Text, sortOrder: Amount, defaultFlag: Flag });
export type Priority = z.infer<typeof Priority>;

export const Ticket = z.looseObject({
  id: Id,
  summary: z.string(),
  recordType: Text,
  board: Ref,
  status: Ref,
  company: IdentRef,
  contact: Ref,
  priority: Ref,
  agreement: Ref,
  owner: IdentRef,
  severity: Text,
  impact: Text,
  /** The de-duplication key, e.g. `uswest.backup.9201`. */
  externalXRef: Text,
  closedFlag: Flag,
  closedDate: Text,
  closedBy: Text,
  _info: Info,
});
export type Ticket = z.infer<typeof Ticket>;

export const TicketNote = z.looseObject({
  id: Id,
  ticketId: Amount,
  text: Text,
  detailDescriptionFlag: Flag,
  internalAnalysisFlag: Flag,
  resolutionFlag: Flag,
  internalFlag: Flag,
  externalFlag: Flag,
  member: IdentRef,
  dateCreated: Text,
  createdBy: Text,
  _info: Info,
});
export type TicketNote = z.infer<typeof TicketNote>;

/** A configuration attached to a ticket (ConfigurationReference). */
export const TicketConfiguration = z.looseObject({ id: Id, deviceIdentifier: Text });
export type TicketConfiguration = z.infer<typeof TicketConfiguration>;

export const BOARDS = collection('service/boards', Board);
export const statusesOf = (boardId: number) => collection(`service/boards/${boardId}/statuses`, BoardStatus);
export const PRIORITIES = collection('service/priorities', Priority);
export const TICKETS = collection('service/tickets', Ticket);
export const notesOf = (ticketId: number) => collection(`service/tickets/${ticketId}/notes`, TicketNote);
export const configurationsOf = (ticketId: number) => collection(`service/tickets/${ticketId}/configurations`, TicketConfiguration);

export const listBoards = (client: ManageClient) => listAllOf(client, BOARDS, { conditions: where.eq('inactiveFlag', false) });
export const listBoardStatuses = (client: ManageClient, boardId: number) => listAllOf(client, statusesOf(boardId));
export const listPriorities = (client: ManageClient) => listAllOf(client, PRIORITIES);

export const getTicket = (client: ManageClient, id: number) => getById(client, TICKETS, id);

/** The open ticket for one vendor action (closed ones may share the externalXRef). */
export const findOpenTicketByXRef = (client: ManageClient, externalXRef: string) =>
  findFirst(client, TICKETS, { conditions: where.and(where.eq('externalXRef', externalXRef), where.eq('closedFlag', false)) });

/**
 * A company's tickets for the given configurations. Tickets cannot be filtered by an attached
 * configuration's type, so this leans on the integration's convention that a ticket's
 * externalXRef is its action configuration's name (`{region}.{action}.{id}`); callers get the
 * names from listConfigurations(company, type). Batches keep each URL short.
 */
export async function findTicketsForConfigurations(
  client: ManageClient, companyId: number, configurationNames: readonly string[], openOnly = true,
): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  for (let start = 0; start < configurationNames.length; start += 50) {
    const batch = configurationNames.slice(start, start + 50);
    const scope = [where.eq('company/id', companyId), where.in('externalXRef', batch), ...(openOnly ? [where.eq('closedFlag', false)] : [])];
    tickets.push(...(await listAllOf(client, TICKETS, { conditions: where.and(...scope) })));
  }
  return tickets;
}

export interface NewTicket {
  summary: string;
  companyId: number;
  /** Required: how a retry recognises the ticket it may already have created. */
  externalXRef: string;
  boardId?: number;
  statusId?: number;
  priorityId?: number;
  contactId?: number;
  agreementId?: number;
  /** POST-only: becomes the first (discussion) note; never returned. */
  initialDescription?: string;
  /** POST-only: becomes the first internal note. */
  initialInternalAnalysis?: string;
}

const reference = (id: number | undefined) => (id === undefined ? undefined : { id });

export const createTicket = (client: ManageClient, input: NewTicket) =>
  createOnce(client, TICKETS, Object.fromEntries(Object.entries({
    summary: input.summary,
    company: { id: input.companyId },
    externalXRef: input.externalXRef,
    board: reference(input.boardId),
    status: reference(input.statusId),
    priority: reference(input.priorityId),
    contact: reference(input.contactId),
    agreement: reference(input.agreementId),
    initialDescription: input.initialDescription,
    initialInternalAnalysis: input.initialInternalAnalysis,
  }).filter(([, value]) => value !== undefined)), (scoped) => findOpenTicketByXRef(scoped, input.externalXRef));

export interface TicketChanges {
  /** A closed status needs Service Desk › Close Service Tickets. */
  statusId?: number;
  summary?: string;
  priorityId?: number;
}

export const updateTicket = (client: ManageClient, ticketId: number, changes: TicketChanges) =>
  patchById(client, TICKETS, ticketId, { 'status/id': changes.statusId, summary: changes.summary, 'priority/id': changes.priorityId });

/** Ticket notes have no forward-only paging in the simulator; iterate() falls back to page numbers. */
export const listTicketNotes = (client: ManageClient, ticketId: number) => listAllOf(client, notesOf(ticketId));

/** Where a note shows: Discussion (detail), Internal (analysis) or Resolution. */
export type NoteKind = 'detail' | 'internal' | 'resolution';
const NOTE_FLAG: Record<NoteKind, 'detailDescriptionFlag' | 'internalAnalysisFlag' | 'resolutionFlag'> = {
  detail: 'detailDescriptionFlag',
  internal: 'internalAnalysisFlag',
  resolution: 'resolutionFlag',
};

const sameText = (a: string | undefined, b: string) => (a ?? '').replace(/\r\n/g, '\n').trim() === b.replace(/\r\n/g, '\n').trim();

/** Add a note once (a retry finds an identical note of the same kind instead of adding another). */
export function addTicketNote(client: ManageClient, ticketId: number, text: string, kind: NoteKind = 'internal'): Promise<TicketNote> {
  const flag = NOTE_FLAG[kind];
  return createOnce(client, notesOf(ticketId), { text, [flag]: true, internalFlag: kind === 'internal' }, async (scoped) =>
    (await listTicketNotes(scoped, ticketId)).find((note) => note[flag] === true && sameText(note.text, text)) ?? null);
}

export const listTicketConfigurations = (client: ManageClient, ticketId: number) =>
  listAll(client, configurationsOf(ticketId).path, TicketConfiguration);

/** Attach a configuration to a ticket; attaching one already there is a no-op. */
export async function attachConfiguration(client: ManageClient, ticketId: number, configurationId: number): Promise<TicketConfiguration> {
  const attached = async (scoped: ManageClient) =>
    (await listTicketConfigurations(scoped, ticketId)).find((item) => item.id === configurationId) ?? null;
  return (await attached(client)) ?? createOnce(client, configurationsOf(ticketId), { id: configurationId }, attached);
}
