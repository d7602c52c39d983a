/**
 * The Rails "action processor" answers the shell loads its data from, built from the REST-shaped
 * store. Requests are form posts of `actionMessage={"payload":"<json>","payloadClassName":…,
 * "project":…}`; answers are `{"data":{"action":{…}}}` (ATT and TPI read them that way).
 * Verified: the two paths and fields under `serviceTicketViewModel` that ATT/TPI read
 * (companyPodViewModel.contact.id/.title/.type, .emailAddress, initialDescriptionPod…), and
 * `companyRecID` from GetCompanyNameAction. Everything else is UNVERIFIED shape, kept small.
 */
import type { CwReadStore, CwRecord } from '../cw/types';

export interface ActionRequest {
  /** The path after `actionprocessor/`, e.g. `Service/GetServiceTicketDetailViewAction`. */
  action: string;
  payload: Record<string, unknown>;
}
export type ActionResult = { status: 200; body: { data: { action: Record<string, unknown> } } } | { status: 404; body: { error: { message: string } } };

type Ref = { id?: number; name?: string; identifier?: string } | undefined;

export function runAction(store: CwReadStore, request: ActionRequest, now: number): ActionResult {
  const handler = ACTIONS[request.action];
  if (!handler) return notFound(`Unknown action ${request.action}`);
  const action = handler(new Reader(store, now), request.payload);
  return action ? { status: 200, body: { data: { action } } } : notFound('The record could not be found.');
}

const notFound = (message: string): ActionResult => ({ status: 404, body: { error: { message } } });

const ACTIONS: Record<string, (data: Reader, payload: Record<string, unknown>) => Record<string, unknown> | null> = {
  // Verified path (ATT): payload {serviceRecId}.
  'Service/GetServiceTicketDetailViewAction': (data, payload) => {
    const ticket = data.get('service/tickets', payload.serviceRecId);
    return ticket ? { serviceTicketViewModel: data.ticketViewModel(ticket) } : null;
  },
  // Name verified (TPI reads data.action.companyRecID); module folder and payload UNVERIFIED.
  'Company/GetCompanyNameAction': (data, payload) => {
    const ticket = data.get('service/tickets', payload.serviceRecId);
    const company = ref(ticket?.company);
    return company?.id ? { companyRecID: company.id, companyName: company.name ?? '' } : null;
  },
  // UNVERIFIED names from here on.
  'Company/GetCompanyDetailViewAction': (data, payload) => {
    const company = data.get('company/companies', payload.companyRecId);
    return company ? { companyViewModel: data.companyViewModel(company) } : null;
  },
  'Finance/GetAgreementDetailViewAction': (data, payload) => {
    const agreement = data.get('finance/agreements', payload.agreementRecId);
    return agreement ? { agreementViewModel: data.agreementViewModel(agreement) } : null;
  },
  'Service/GetServiceBoardViewAction': (data) => ({ serviceBoardViewModel: data.boardViewModel() }),
  'Time/GetTimeEntryDetailViewAction': (data, payload) => {
    const id = Number(payload.timeRecId);
    return Number.isSafeInteger(id) && id > 0 ? { timeEntryViewModel: data.timeEntryViewModel(id) } : null;
  },
};

class Reader {
  constructor(
    private readonly store: CwReadStore,
    private readonly now: number,
  ) {}

  get(path: string, id: unknown): CwRecord | undefined {
    const recordId = Number(id);
    return Number.isSafeInteger(recordId) && recordId > 0 ? this.store.get(path, recordId) : undefined;
  }

  openTickets(companyId?: number): CwRecord[] {
    return this.store
      .list('service/tickets')
      .filter((t) => t.closedFlag !== true && (companyId === undefined || ref(t.company)?.id === companyId));
  }

  ticketViewModel(ticket: CwRecord) {
    const company = ref(ticket.company);
    const contact = ref(ticket.contact);
    const contactRecord = contact?.id ? this.store.get('company/contacts', contact.id) : undefined;
    const agreement = ref(ticket.agreement);
    const notes = this.store.list(`service/tickets/${ticket.id}/notes`);
    const initial = notes.find((n) => n.detailDescriptionFlag === true);
    return {
      serviceRecId: ticket.id,
      summary: str(ticket.summary),
      boardName: ref(ticket.board)?.name ?? '',
      statusName: ref(ticket.status)?.name ?? '',
      priorityName: ref(ticket.priority)?.name ?? '',
      typeName: ref(ticket.type)?.name ?? '',
      age: this.age(info(ticket).dateEntered),
      agreement: agreement?.id ? { id: agreement.id, name: agreement.name ?? '' } : null,
      companyPodViewModel: {
        company: { id: company?.id ?? 0, identifier: company?.identifier ?? '', name: company?.name ?? '' },
        contact: {
          id: contact?.id ?? 0,
          name: contact?.name ?? '',
          title: str(contactRecord?.title),
          type: 'A. Owner',
        },
        emailAddress: str(ticket.contactEmailAddress) || emailOf(contactRecord),
        phoneNumber: str(ticket.contactPhoneNumber),
      },
      initialDescriptionPod: { discussion: { contactRecId: contact?.id ?? 0, text: str(initial?.text) } },
      notes: notes.map((note) => ({
        id: note.id,
        text: str(note.text),
        author: ref(note.member)?.name ?? ref(note.contact)?.name ?? str(note.createdBy),
        dateCreated: str(note.dateCreated),
      })),
      otherTickets: this.openTickets()
        .filter((t) => t.id !== ticket.id)
        .slice(0, 3)
        .map((t) => ({ id: t.id, summary: str(t.summary) })),
      nextServiceRecId: this.nextTicketId(ticket.id),
    };
  }

  companyViewModel(company: CwRecord) {
    const agreements = this.store.list('finance/agreements').filter((a) => ref(a.company)?.id === company.id);
    const contacts = this.store.list('company/contacts').filter((c) => ref(c.company)?.id === company.id);
    return {
      companyRecId: company.id,
      identifier: str(company.identifier),
      name: str(company.name),
      statusName: ref(company.status)?.name ?? '',
      typeName: Array.isArray(company.types) ? ((company.types[0] as Ref)?.name ?? '') : '',
      phoneNumber: str(company.phoneNumber),
      website: str(company.website),
      address: [company.addressLine1, company.city, company.state].map(str).filter(Boolean).join(', '),
      contacts: contacts.map((c) => ({ id: c.id, name: `${str(c.firstName)} ${str(c.lastName)}`.trim(), email: emailOf(c) })),
      agreements: agreements.map((a) => ({ id: a.id, name: str(a.name), typeName: ref(a.type)?.name ?? '' })),
      openTickets: this.openTickets(company.id).map((t) => ({ id: t.id, summary: str(t.summary) })),
    };
  }

  agreementViewModel(agreement: CwRecord) {
    const company = ref(agreement.company);
    return {
      agreementRecId: agreement.id,
      name: str(agreement.name),
      typeName: ref(agreement.type)?.name ?? '',
      statusName: str(agreement.agreementStatus),
      company: { id: company?.id ?? 0, name: company?.name ?? '' },
      contactName: ref(agreement.contact)?.name ?? '',
      startDate: str(agreement.startDate).slice(0, 10),
      billingCycle: ref(agreement.billingCycle)?.name ?? '',
      additions: this.store.list(`finance/agreements/${agreement.id}/additions`).map((addition) => ({
        id: addition.id,
        productIdentifier: ref(addition.product)?.identifier ?? '',
        description: str(addition.description),
        quantity: Number(addition.quantity ?? 0),
        cancelled: Boolean(addition.cancelledDate),
      })),
    };
  }

  boardViewModel() {
    return {
      boardName: 'All Boards',
      rows: this.openTickets().map((t) => ({
        id: t.id,
        summary: str(t.summary),
        companyName: ref(t.company)?.name ?? '',
        contactName: ref(t.contact)?.name ?? '',
        boardName: ref(t.board)?.name ?? '',
        statusName: ref(t.status)?.name ?? '',
        priorityName: ref(t.priority)?.name ?? '',
        age: this.age(info(t).dateEntered),
      })),
    };
  }

  /** The store may hold time entries; otherwise a deterministic one is charged to an open ticket. */
  timeEntryViewModel(id: number) {
    const entry = this.store.get('time/entries', id);
    const tickets = this.openTickets();
    const ticket = this.get('service/tickets', entry?.chargeToId) ?? tickets[id % Math.max(tickets.length, 1)];
    return {
      timeRecId: id,
      chargeToId: ticket?.id ?? 0,
      chargeToSummary: str(ticket?.summary),
      companyName: ref(ticket?.company)?.name ?? '',
      member: ref(entry?.member)?.identifier ?? 'jsmith',
      timeStart: '09:00',
      timeEnd: '09:30',
      hours: Number(entry?.actualHours ?? 0.5),
      notes: str(entry?.notes) || 'Remote session, checked mailbox permissions.',
      dayEntries: tickets.slice(0, 3).map((t, i) => ({
        timeRecId: id + i,
        text: `Service Ticket #${t.id} - ${str(t.summary)}`,
        hours: 0.5,
      })),
    };
  }

  private nextTicketId(id: number): number | null {
    const ids = this.openTickets().map((t) => t.id);
    if (ids.length === 0) return null;
    return ids[(ids.indexOf(id) + 1) % ids.length] ?? null;
  }

  private age(dateEntered: string | undefined): string {
    const ms = this.now - Date.parse(dateEntered ?? '');
    if (!Number.isFinite(ms) || ms < 0) return '';
    const hours = Math.floor(ms / 3_600_000);
    if (hours < 24) return `${hours} ${hours === 1 ? 'Hour' : 'Hours'}`;
    const days = Math.floor(hours / 24);
    return `${days} ${days === 1 ? 'Day' : 'Days'}`;
  }
}

const ref = (value: unknown): Ref => (typeof value === 'object' && value !== null ? (value as Ref) : undefined);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const info = (record: CwRecord) => (record._info ?? {}) as Record<string, string | undefined>;

function emailOf(contact: CwRecord | undefined): string {
  const items = Array.isArray(contact?.communicationItems) ? (contact.communicationItems as Array<Record<string, unknown>>) : [];
  return str(items.find((item) => item.communicationType === 'Email')?.value);
}
