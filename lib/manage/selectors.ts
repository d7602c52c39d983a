/**
 * Every CSS selector for the Manage web client's DOM, in one place (refined-github style).
 * Each selector `foo` has a sibling `foo_` listing `[expectedCount, fixtureFile]` pairs; the files
 * live in ./fixtures and selectors.test.ts checks every count, and that every fixture not listed
 * matches nothing (so a new fixture forces a look at every selector). Sources are named in
 * connectwise-screens.md; obfuscated GWT classes (GMDB3DUB…, GE0S-T1C…) are never used.
 *
 * Fixtures: `*-v2025.html` / `*-v2021.html` are captured from the imitation (e2e/sim/screens,
 * see its README); `reference-*.html` are hand-written from the research notes' skeletons.
 */

export type Fixtures = ReadonlyArray<readonly [expectedCount: number, fixtureFile: string]>;

/** The workspace the app swaps screens into: the MutationObserver root (ATT). */
export const workspace = '#cwContent, .cw-WorkspaceView';
export const workspace_: Fixtures = [
  [1, 'ticket-v2025.html'],
  [1, 'ticket-v2021.html'],
  [1, 'ticket-modal-v2025.html'],
  [1, 'company-v2025.html'],
  [1, 'agreement-v2025.html'],
  [1, 'board-v2021.html'],
  [1, 'time-entry-v2025.html'],
  [1, 'loading-v2025.html'],
  [1, 'reference-ticket.html'],
  [1, 'reference-ticket-fallbacks.html'],
];

/** Breadcrumb / screen-name labels; the last one names the open screen (ATT's three spellings). */
export const breadcrumb = '.navigationEntry.cw_CwLabel, .navigationEntry.mm_label, .navigationEntry.gwt-Label';
export const breadcrumb_: Fixtures = [
  [1, 'ticket-v2025.html'],
  [1, 'ticket-v2021.html'],
  [1, 'ticket-modal-v2025.html'],
  [1, 'company-v2025.html'],
  [1, 'agreement-v2025.html'],
  [1, 'board-v2021.html'],
  [1, 'time-entry-v2025.html'],
  [1, 'reference-ticket.html'],
  [1, 'reference-ticket-fallbacks.html'],
];

/** The screen header: "Service Ticket #26251 - testing ticket" on tickets (SEL, TPI, CWT). */
export const detailHeader = '.detailLabel.cw_CwLabel';
export const detailHeader_: Fixtures = [
  [1, 'ticket-v2025.html'],
  [1, 'ticket-v2021.html'],
  [4, 'ticket-modal-v2025.html'],
  [1, 'company-v2025.html'],
  [1, 'agreement-v2025.html'],
  [1, 'time-entry-v2025.html'],
  [1, 'reference-ticket.html'],
  [1, 'reference-ticket-fallbacks.html'],
];

/** Labels in the ticket's header bar; one reads "Age: …" (ATT's ticket test). */
export const htmlLabel = '.cw_CwHTML.mm_label';
export const htmlLabel_: Fixtures = [
  [1, 'ticket-v2025.html'],
  [1, 'ticket-v2021.html'],
  [1, 'ticket-modal-v2025.html'],
  [1, 'reference-ticket.html'],
  [1, 'reference-ticket-fallbacks.html'],
];

/** The bar under the header holding the action buttons and the "Age: …" label (ATT, TPI CSS). */
export const actionBar = '.cw_CwHorizontalPanel';
export const actionBar_: Fixtures = [
  [1, 'ticket-v2025.html'],
  [1, 'ticket-v2021.html'],
  [1, 'ticket-modal-v2025.html'],
  [1, 'company-v2025.html'],
  [1, 'agreement-v2025.html'],
  [1, 'time-entry-v2025.html'],
  [1, 'reference-ticket.html'],
  [1, 'reference-ticket-fallbacks.html'],
];

/** Native action buttons of the ticket header bar; ATT mounts its own after the last one. */
export const actionButton = '.cw_CwActionButton';
export const actionButton_: Fixtures = [
  [3, 'ticket-v2025.html'],
  [3, 'ticket-v2021.html'],
  [3, 'ticket-modal-v2025.html'],
  [1, 'reference-ticket.html'],
  [2, 'reference-ticket-fallbacks.html'],
];

/** The ticket summary field; its `value` (not text) is the summary (TPI). */
export const ticketSummaryInput = 'input.cw_PsaSummaryHeader';
export const ticketSummaryInput_: Fixtures = [
  [1, 'ticket-v2025.html'],
  [1, 'ticket-v2021.html'],
  [1, 'ticket-modal-v2025.html'],
  [1, 'reference-ticket.html'],
];

/** The company field (value = company name) on ticket and company screens, with ATT's fallback. */
export const companyNameInput = 'input.cw_company, [data-cwid="company"] input[readonly]';
export const companyNameInput_: Fixtures = [
  [1, 'ticket-v2025.html'],
  [1, 'ticket-v2021.html'],
  [1, 'ticket-modal-v2025.html'],
  [1, 'company-v2025.html'],
  [1, 'agreement-v2025.html'],
  [1, 'time-entry-v2025.html'],
  [1, 'reference-ticket.html'],
  [1, 'reference-ticket-fallbacks.html'],
];

/** The company pod on a ticket (ATT's Contact Insight mounts inside it). */
export const ticketCompanyPod = '.pod_service_ticket_company';
export const ticketCompanyPod_: Fixtures = [
  [1, 'ticket-v2025.html'],
  [1, 'ticket-v2021.html'],
  [1, 'ticket-modal-v2025.html'],
  [1, 'reference-ticket.html'],
  [1, 'reference-ticket-fallbacks.html'],
];

/**
 * The root container of a record screen: `.ServiceTicket.cw_PsaRootContainer` on tickets (TPI).
 * UNVERIFIED: that Company and Agreement screens use the same class with their own prefix.
 */
export const screenRoot = '.cw_PsaRootContainer';
export const screenRoot_: Fixtures = [
  [1, 'ticket-v2025.html'],
  [1, 'ticket-v2021.html'],
  [1, 'ticket-modal-v2025.html'],
  [1, 'company-v2025.html'],
  [1, 'agreement-v2025.html'],
  [1, 'time-entry-v2025.html'],
  [1, 'reference-ticket.html'],
  [1, 'reference-ticket-fallbacks.html'],
];

/** GXT windows: contact flyout and other modals (ATT, SEL). Nothing inside one is the screen. */
export const modal = '.cw-gxt-wnd';
export const modal_: Fixtures = [
  [1, 'ticket-modal-v2025.html'],
];

/** The loading spinner shown while a screen's data is in flight (SEL). */
export const loadingSpinner = '.cw-loading-spinner';
export const loadingSpinner_: Fixtures = [
  [1, 'loading-v2025.html'],
];

/** Any of these means a Time Entry or Time Sheet screen, where no panel belongs (ATT). */
export const timeEntryMarker =
  '.pod_timeEntryDetails, .cw_ToolbarButton_TimeStamp, input.cw_ChargeToTextBox, #mytimesheetdaygrid-listview-scroller';
export const timeEntryMarker_: Fixtures = [
  [4, 'time-entry-v2025.html'],
];

/** Service board rows and their ticket links (ATT). */
export const serviceBoardRow = 'table.srboard-grid tr.cw-ml-row';
export const serviceBoardRow_: Fixtures = [
  [7, 'board-v2021.html'],
];
export const serviceBoardTicketLink = 'table.srboard-grid a.multilineClickable';
export const serviceBoardTicketLink_: Fixtures = [
  [7, 'board-v2021.html'],
];

/** UNVERIFIED (by analogy with `cw_company`): the Company screen's "Company ID" field. */
export const companyIdentifierInput = 'input.cw_identifier';
export const companyIdentifierInput_: Fixtures = [
  [1, 'company-v2025.html'],
];

/** UNVERIFIED (heuristic; no public DOM evidence for Agreement screens): the agreement name field. */
export const agreementNameInput = 'input.cw_agreementName';
export const agreementNameInput_: Fixtures = [
  [1, 'agreement-v2025.html'],
];
