/**
 * The few fields of ConnectWise records the rules read, as structural types: the ConnectWise
 * client's own (zod) types satisfy them, and the rules do not depend on that client.
 * Dates are ConnectWise's ISO strings (`2025-06-01T00:00:00Z`). Fields ConnectWise may leave out
 * are optional, as the client's tolerant schemas (lib/connectwise/resources) deliver them.
 */

/** An agreement addition (Finance > Agreements > Additions). */
export interface AdditionLike {
  id: number;
  /** Missing counts as 0. */
  quantity?: number | null;
  /** Seats other line items of the agreement already include (seeds 001, 004: "Less Included"). */
  lessIncluded?: number | null;
  effectiveDate?: string | null;
  cancelledDate?: string | null;
  /** Ours: `{region}.{organizationId}` (links.ts). */
  serialNumber?: string | null;
  /** The catalog item; ours are identified `{region}.{planId}` (seed 000). */
  product?: { id?: number; identifier?: string } | null;
}

/** An addition together with where it sits: needed to tell which company it links a tenant to. */
export interface LocatedAddition extends AdditionLike {
  agreementId: number;
  companyId: number;
}

/** A company configuration (Companies > Configurations). */
export interface ConfigurationLike {
  id: number;
  name: string;
  type?: { id?: number; name?: string } | null;
  company?: { id: number } | null;
  /** ConnectWise's active flag; an inactive configuration no longer states anything. */
  activeFlag?: boolean;
}

/** A service ticket. Whether it is open is the caller's knowledge (board statuses vary). */
export interface TicketLike {
  id: number;
  summary?: string;
  /** Ours: the de-duplication key `{region}.{action}.{id}` (tickets.ts). */
  externalXRef?: string | null;
  closedDate?: string | null;
}

/** A ticket note (service/tickets/{id}/notes). */
export interface NoteLike {
  id: number;
  text?: string | null;
  /** Set by ConnectWise: one clock for every technician. */
  dateCreated?: string | null;
}

/** What the linking rules know of a company: its name, identifier and mail domains. */
export interface CompanyLike {
  name: string;
  identifier?: string;
  /** From its website and contacts' e-mail addresses (see `domainOf` in links.ts). */
  domains: readonly string[];
}
