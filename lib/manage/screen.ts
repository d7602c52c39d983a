import * as selectors from './selectors';
import { parseManageUrl, type ScreenHint } from './url';

export type ScreenKind = 'company' | 'agreement' | 'ticket';

/** What the screen shows, so the background can look a record up when its id is not visible. */
export interface ScreenLabel {
  identifier?: string;
  name?: string;
  ticketNumber?: number;
  summary?: string;
  companyName?: string;
}

export interface ScreenState {
  kind: ScreenKind;
  recordId: number | null;
  recordIdSource: 'url' | 'hash' | 'dom' | null;
  label: ScreenLabel;
}

// "Service Ticket #26251 - testing ticket" (SEL, CWT); ATT's patterns.
const TICKET_HEADER = /service\s*ticket\s*#\s*(\d+)(?:\s*-\s*(.*\S))?/i;
const AGE_LABEL = /^age\s*:/i;
const CRUMBS: ReadonlyArray<readonly [RegExp, ScreenHint]> = [
  [/\bservice\s*ticket\b/i, 'ticket'],
  [/^company(\s+detail)?$/i, 'company'],
  [/^agreement(\s+detail)?$/i, 'agreement'], // UNVERIFIED
  [/\btime\s*(entry|entries|sheet)\b/i, 'time-entry'], // "Daily Time Entries" (ATT)
];

/**
 * Which Company / Agreement / Ticket screen the document shows, or null (any other screen, Time
 * Entry and Time Sheet screens, a screen still loading, a modal, or a document in a sub-frame).
 *
 * The DOM decides the kind; the URL only contributes a record id when it names the same kind,
 * because the hash lags behind in-app navigation and "next record" controls leave it untouched.
 * Nothing inside a modal (`.cw-gxt-wnd`) counts: an open contact flyout leaves the screen as it is.
 */
export function detectScreen(doc: Document, url: string): ScreenState | null {
  if (!isTopDocument(doc)) return null;
  const screen = new ScreenReader(doc);
  const crumb = screen.texts(selectors.breadcrumb).at(-1);
  const crumbKind = crumb === undefined ? null : (CRUMBS.find(([pattern]) => pattern.test(crumb))?.[1] ?? 'other');
  if (crumbKind === 'time-entry' || screen.has(selectors.timeEntryMarker)) return null;

  const headers = screen.all(selectors.detailHeader).map(ownText);
  const ticketHeader = headers.map((text) => TICKET_HEADER.exec(text)).find((match) => match !== null);
  const fromUrl = parseManageUrl(url);
  const urlId = (kind: ScreenKind) =>
    fromUrl.screenHint === kind && fromUrl.recordId !== null
      ? { recordId: fromUrl.recordId, recordIdSource: fromUrl.recordIdSource }
      : { recordId: null, recordIdSource: null };

  const isTicket =
    (ticketHeader !== undefined && crumbKind !== 'company' && crumbKind !== 'agreement') ||
    (crumbKind === 'ticket' &&
      (screen.has(selectors.ticketSummaryInput) || screen.texts(selectors.htmlLabel).some((t) => AGE_LABEL.test(t))));
  if (isTicket) {
    const ticketNumber = ticketHeader ? Number(ticketHeader[1]) : undefined;
    return {
      kind: 'ticket',
      ...(ticketNumber ? { recordId: ticketNumber, recordIdSource: 'dom' } : urlId('ticket')),
      label: compact({
        ticketNumber,
        summary: ticketHeader?.[2] ?? screen.value(selectors.ticketSummaryInput),
        companyName: screen.value(selectors.companyNameInput),
      }),
    };
  }

  // The URL may only vouch for a kind when there is no breadcrumb at all: a stale CompanyDetail
  // hash over, say, a Contact screen (which has a company field too) must not pass.
  const kind: ScreenHint | null = crumbKind ?? fromUrl.screenHint;
  const header = headers[0] || undefined;
  if (kind === 'company' && screen.has(selectors.companyNameInput)) {
    return {
      kind,
      ...urlId(kind),
      label: compact({
        name: screen.value(selectors.companyNameInput) ?? header,
        identifier: screen.value(selectors.companyIdentifierInput),
      }),
    };
  }
  if (kind === 'agreement' && (screen.has(selectors.agreementNameInput) || header !== undefined)) {
    return {
      kind,
      ...urlId(kind),
      label: compact({
        name: screen.value(selectors.agreementNameInput) ?? header,
        companyName: screen.value(selectors.companyNameInput),
      }),
    };
  }
  return null;
}

/** Reads the screen, skipping anything inside a modal. */
class ScreenReader {
  constructor(private readonly doc: Document) {}

  all(selector: string): Element[] {
    return Array.from(this.doc.querySelectorAll(selector)).filter((el) => !el.closest(selectors.modal));
  }
  has(selector: string): boolean {
    return this.all(selector).length > 0;
  }
  texts(selector: string): string[] {
    return this.all(selector).map((el) => normalize(el.textContent));
  }
  /** The first non-empty `value` (property, not attribute: GWT sets the property). */
  value(selector: string): string | undefined {
    for (const el of this.all(selector)) {
      const value = (el as { value?: unknown }).value;
      if (typeof value === 'string' && value.trim()) return normalize(value);
    }
    return undefined;
  }
}

/**
 * A header's own text, without children: scripts append buttons into it (TPI's "Copy Link for
 * Teams"), which must not leak into the summary.
 */
function ownText(el: Element): string {
  const own = Array.from(el.childNodes)
    .filter((node) => node.nodeType === 3)
    .map((node) => node.textContent)
    .join('');
  return normalize(own) || normalize(el.textContent);
}

const normalize = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function compact(label: { [K in keyof ScreenLabel]: ScreenLabel[K] | undefined }): ScreenLabel {
  return Object.fromEntries(
    Object.entries(label).filter(([, value]) => value !== undefined && value !== ''),
  ) as ScreenLabel;
}

function isTopDocument(doc: Document): boolean {
  const win = doc.defaultView;
  if (!win) return true; // a parsed document (DOMParser, fixtures) has no frame to be in
  try {
    return win === win.top;
  } catch {
    return false;
  }
}
