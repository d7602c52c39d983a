/**
 * Which screen a Manage URL opens, and the URL (in any of the real forms) for a screen. The shell
 * asks the server (`sim-route`) instead of parsing URLs itself, so all URL knowledge of the imitation
 * lives here, typed and tested. It is written independently of lib/manage/url.ts on purpose: the
 * two halves are checked against each other, not derived from each other.
 */
import { decodeHash, deterministicRnd, encodeHashBlob, gwtJson } from './hash';

export type SimScreen = 'ticket' | 'company' | 'agreement' | 'board' | 'time-entry' | 'home';
export interface ScreenTarget {
  screen: SimScreen;
  /** The record id; null for list screens (board, home). */
  id: number | null;
}

/** The readable `??` suffix per screen. Agreement and Time Entry names are UNVERIFIED guesses. */
export const HASH_SCREEN_NAMES: Record<SimScreen, string> = {
  ticket: 'ServiceTicket',
  company: 'CompanyDetail',
  agreement: 'AgreementDetail',
  board: 'ServiceBoard',
  'time-entry': 'TimeEntryDetail',
  home: 'CalendarSchedule',
};

/** `routeTo=` / `recordType=` values (Manage accepts `ServiceFv` and `ServiceFV` alike). */
const RECORD_TYPES: Record<string, SimScreen> = {
  servicefv: 'ticket',
  companyfv: 'company',
  agreementfv: 'agreement',
  timeentryfv: 'time-entry',
};
const ROUTE_TO: Partial<Record<SimScreen, string>> = {
  ticket: 'ServiceFV',
  company: 'CompanyFV',
  agreement: 'AgreementFV',
  'time-entry': 'TimeEntryFV',
};
/** Screen codes of the `"p"` member and of `#startscreen=`. */
const SCREEN_CODES: Record<string, SimScreen> = {
  sr100: 'ticket',
  sr150: 'ticket',
  sr200: 'board',
  my_calendar: 'home',
  company_detail: 'company',
  agreement_detail: 'agreement',
  time_entry_detail: 'time-entry',
};

const HOME: ScreenTarget = { screen: 'home', id: null };
/** The start screen when a URL names none (a user preference in Manage; the board here). */
const DEFAULT_SCREEN: ScreenTarget = { screen: 'board', id: null };

/** What the shell shows for a full URL (path, query and hash). The hash wins: the app rewrites it. */
export function resolveScreen(href: string): ScreenTarget {
  const url = new URL(href, 'http://manage.invalid');
  return screenFromHash(url.hash) ?? screenFromPathAndQuery(url) ?? DEFAULT_SCREEN;
}

function screenFromPathAndQuery(url: URL): ScreenTarget | null {
  const query = new Map([...url.searchParams].map(([key, value]) => [key.toLowerCase(), value] as const));
  const path = url.pathname.toLowerCase();
  if (path.endsWith('/service/fv_sr100_request.rails')) return { screen: 'ticket', id: toId(query.get('service_recid')) };
  if (path.endsWith('/timeexpensemodule.html')) return { screen: 'time-entry', id: toId(query.get('recid')) };
  const recordType = query.get('routeto') ?? query.get('recordtype');
  if (recordType === undefined) return null;
  const screen = RECORD_TYPES[recordType.toLowerCase()];
  return screen ? { screen, id: toId(query.get('recid') ?? query.get('srrecid')) } : HOME;
}

function screenFromHash(hash: string): ScreenTarget | null {
  if (hash.length <= 1) return null;
  const compressed = decodeHash(hash);
  if (compressed) {
    const state = parseJson(compressed.json);
    const named = Object.entries(HASH_SCREEN_NAMES).find(([, name]) => name === compressed.screenName)?.[0] as
      | SimScreen
      | undefined;
    return targetFromState(state, named);
  }
  const params = new URLSearchParams(hash.slice(1));
  const startScreen = params.get('startscreen');
  if (startScreen === null) return null;
  return targetFromState(parseJson(params.get('state') ?? 'null'), SCREEN_CODES[startScreen]);
}

function targetFromState(state: unknown, named: SimScreen | undefined): ScreenTarget {
  const root = asObject(state);
  const screen = named ?? (typeof root?.p === 'string' ? SCREEN_CODES[root.p] : undefined) ?? 'home';
  const id = toId(asObject(asObject(root?.s)?.p)?.rd);
  return { screen, id: screen === 'board' || screen === 'home' ? null : id };
}

// ---------------------------------------------------------------------------------------------
// URLs for a screen

export type UrlForm =
  /** `/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=N` */
  | 'routeTo'
  /** `…&routeTo=ServiceFV&srRecID=N` (tickets) */
  | 'routeTo-srRecID'
  /** `/services/system_io/router/openrecord.rails?recordType=…&recid=N&companyName=…` */
  | 'openrecord'
  /** `/services/system_io/Service/fv_sr100_request.rails?service_recid=N` (tickets) */
  | 'fv_sr100'
  /** `/ConnectWise.aspx?locale=en_US#<blob>??<ScreenName>`: what the address bar shows after navigation */
  | 'hash'
  /** `#startscreen=sr150&state={…}` (tickets), `#startscreen=sr200` (board) */
  | 'startscreen'
  /** `/timeexpensemodule.html` */
  | 'time-expense';

export interface ScreenUrlOptions {
  form?: UrlForm;
  /** Release segment; any works. Default `v2025_1`. */
  codebase?: string;
  /** The shell page's spelling; all three are served. */
  page?: 'ConnectWise.aspx' | 'connectwise.aspx' | 'ConnectWise.html';
  /** The login company (`companyName=`), a tenant pick, not the customer. */
  companyName?: string;
  /** Extra query parameters, e.g. `{ simDelay: '0' }`. */
  query?: Record<string, string>;
}

/** A path + query + hash (no origin) opening `target` in the requested form. */
export function manageScreenUrl(target: ScreenTarget, options: ScreenUrlOptions = {}): string {
  const form = options.form ?? 'hash';
  const codebase = options.codebase ?? 'v2025_1';
  const shell = `/${codebase}/${options.page ?? 'ConnectWise.aspx'}`;
  const id = String(target.id ?? '');
  const query = (entries: Record<string, string>) =>
    `?${new URLSearchParams({ ...entries, ...(options.companyName ? { companyName: options.companyName } : {}), ...options.query })}`;
  const routeTo = ROUTE_TO[target.screen];
  const needs = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`the ${form} form cannot open ${what}`);
  };

  switch (form) {
    case 'routeTo':
      needs(routeTo !== undefined && target.id !== null, `a ${target.screen} screen`);
      return `${shell}${query({ locale: 'en_US', routeTo: routeTo!, recid: id })}`;
    case 'routeTo-srRecID':
      needs(target.screen === 'ticket' && target.id !== null, 'anything but a ticket');
      return `${shell}${query({ locale: 'en_US', routeTo: 'ServiceFV', srRecID: id })}`;
    case 'openrecord':
      needs(routeTo !== undefined && target.id !== null, `a ${target.screen} screen`);
      return `/${codebase}/services/system_io/router/openrecord.rails${query({ locale: 'en_US', recordType: routeTo!, recid: id })}`;
    case 'fv_sr100':
      needs(target.screen === 'ticket' && target.id !== null, 'anything but a ticket');
      return `/${codebase}/services/system_io/Service/fv_sr100_request.rails${query({ service_recid: id })}`;
    case 'time-expense':
      needs(target.screen === 'time-entry', 'anything but a time entry');
      return `/${codebase}/timeexpensemodule.html${query(target.id === null ? {} : { recid: id })}`;
    case 'startscreen': {
      const base = `${shell}${query({ fullscreen: 'false', locale: 'en_US' })}`;
      if (target.screen === 'board') return `${base}#startscreen=sr200`;
      needs(target.screen === 'ticket' && target.id !== null, `a ${target.screen} screen`);
      const state = { p: 'sr150', s: { p: { pid: 184, rd: target.id, screenid: 'sr100' } } };
      return `${base}#startscreen=sr150&state=${encodeURIComponent(JSON.stringify(state))}`;
    }
    case 'hash':
      return `${shell}${query({ locale: 'en_US' })}#${hashFor(target)}`;
  }
}

/** `<blob>??<ScreenName>` for a screen, as the app writes it on navigation. */
export function hashFor(target: ScreenTarget): string {
  return `${encodeHashBlob(gwtJson(hashState(target)))}??${HASH_SCREEN_NAMES[target.screen]}`;
}

/**
 * The decoded state per screen. Ticket: TPI's `sr150` state (`rd` = ticket id). Board and calendar:
 * trimmed from the two real blobs (note the board's pods all carry `"rd":0`). Company, Agreement and
 * Time Entry: UNVERIFIED, by analogy with the ticket and `activity_detail` (record id under `rd`).
 */
function hashState(target: ScreenTarget): Record<string, unknown> {
  const rnd = deterministicRnd(target.id ?? 200);
  const record = (pid: number, code: string) => ({ pid, p: code, s: { p: { pid, rd: target.id } }, rnd });
  switch (target.screen) {
    case 'ticket':
      return { pid: 184, p: 'sr150', s: { p: { pid: 184, rd: target.id, screenid: 'sr100' } }, rnd };
    case 'company':
      return record(61, 'company_detail');
    case 'agreement':
      return record(72, 'agreement_detail');
    case 'time-entry':
      return record(90, 'time_entry_detail');
    case 'board':
      return {
        pid: 20,
        p: 'sr200',
        s: {
          p: {
            i: 0,
            pid: 99,
            p_0: { pid: 100, idxk: 'board', slk: { pid: 103, sn: { pid: 104, or: 11, ur: 1, sr: [1] }, ss: [1], os: false, bs: 1 } },
            p_1: { pid: 101, slk: null, rt: 's', rd: 0, br: 0, ar: 0, fr: 0, pr: 0, hr: 0, fhe: false },
            p_2: { pid: 102, slk: null, rt: 's', rd: 0, br: 0, ar: 0, fr: 0, pr: 0, hr: 0, fhe: false },
            bn: { sncr: -1, cx: 'Service', o: 11, b: 1, s: [1] },
          },
        },
        rnd,
      };
    case 'home':
      return { pid: 28, p: 'my_calendar', s: { p: { pid: 44, sn: { pid: 45, calmd: 1, dsp: 3, bb: true }, os: false, rh: 0, svm: 0 } }, rnd };
  }
}

function toId(value: unknown): number | null {
  const id = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
