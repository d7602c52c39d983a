import { decodeManageHash, splitManageHash } from './hash';

/**
 * What a Manage web-client URL says about the screen (connectwise-screens.md §1.4–1.6).
 * A URL is a hint only: the hash lags behind in-app navigation and some record changes never touch
 * the URL, so screen.ts lets the DOM overrule it.
 */
export type ScreenHint = 'ticket' | 'company' | 'agreement' | 'time-entry' | 'board' | 'other';

export interface ManageUrl {
  screenHint: ScreenHint | null;
  recordId: number | null;
  /** `url`: a query parameter (routeTo, openrecord, fv_sr100); `hash`: the JSON or compressed hash state. */
  recordIdSource: 'url' | 'hash' | null;
  /** The release segment the app is served under (`v2025_1`, `v4_6_release`), without slashes. */
  codebase: string | null;
}

const NOTHING: ManageUrl = { screenHint: null, recordId: null, recordIdSource: null, codebase: null };

/** `routeTo=` / `recordType=` values, lower-cased (seen as `ServiceFv` and `ServiceFV`). */
const RECORD_TYPES: Record<string, ScreenHint> = {
  servicefv: 'ticket',
  companyfv: 'company',
  agreementfv: 'agreement', // openrecord.rails only; routeTo=AgreementFV is UNVERIFIED
  timeentryfv: 'time-entry',
};

/** Readable `??<ScreenName>` suffixes, lower-cased. */
const SCREEN_NAMES: Record<string, ScreenHint> = {
  serviceticket: 'ticket',
  companydetail: 'company',
  // UNVERIFIED: no public URL shows the agreement screen's suffix.
  agreementdetail: 'agreement',
  serviceboard: 'board',
};

/** Screen codes in the hash JSON (`"p":"sr200"`); the company/agreement codes are unknown. */
const SCREEN_CODES: Record<string, ScreenHint> = { sr100: 'ticket', sr150: 'ticket', sr200: 'board' };

/** Query parameters that name a ticket whatever the screen parameter says (ATT's gating). */
const TICKET_ID_PARAMS = ['service_recid', 'srrecid', 'serviceticketid'];

const APP_PAGE = /^(?:connectwise\.(?:aspx|html)|timeexpensemodule\.html)$/i;

export function parseManageUrl(url: string): ManageUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return NOTHING;
  }
  const fromQuery = parseQuery(parsed);
  const fromHash = parseHash(parsed.hash);
  // The hash is what the app rewrites on navigation; the query is the deep link it was opened with.
  const winner = fromHash?.screenHint ? fromHash : fromQuery;
  return { ...winner, codebase: codebaseOf(parsed.pathname) };
}

type Parsed = Omit<ManageUrl, 'codebase'>;

function parseQuery(url: URL): Parsed {
  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (!params.has(key.toLowerCase())) params.set(key.toLowerCase(), value);
  }
  const path = url.pathname.toLowerCase();
  const found = (screenHint: ScreenHint | null, raw: string | undefined): Parsed => {
    const recordId = positiveId(raw);
    return { screenHint, recordId, recordIdSource: recordId === null ? null : 'url' };
  };

  if (path.endsWith('/service/fv_sr100_request.rails')) return found('ticket', params.get('service_recid'));
  if (path.endsWith('/timeexpensemodule.html')) return found('time-entry', params.get('recid'));
  const recordType = params.get('routeto') ?? params.get('recordtype');
  if (recordType !== undefined) {
    return found(RECORD_TYPES[recordType.toLowerCase()] ?? 'other', params.get('recid') ?? params.get('srrecid'));
  }
  for (const name of TICKET_ID_PARAMS) {
    if (params.has(name)) return found('ticket', params.get(name));
  }
  return found(null, params.get('recid'));
}

function parseHash(hash: string): Parsed | null {
  if (hash.length <= 1) return null;
  const compressed = splitManageHash(hash);
  if (compressed) {
    const state = decodeManageHash(hash)?.state;
    const named = compressed.screenName ? screenFromName(compressed.screenName) : null;
    return fromState(state, named);
  }
  // The older readable form: #startscreen=sr150&state={"p":"sr150","s":{"p":{"rd":123456,…}}}
  const params = new URLSearchParams(hash.slice(1));
  const startScreen = params.get('startscreen');
  const stateText = params.get('state');
  if (startScreen === null && stateText === null) return null;
  let state: unknown = null;
  try {
    state = stateText === null ? null : (JSON.parse(stateText) as unknown);
  } catch {
    // a malformed state still leaves startscreen as a hint
  }
  return fromState(state, startScreen === null ? null : screenFromCode(startScreen));
}

/** Hint and record id from a decoded hash state: `{"p":"<code>","s":{"p":{"rd":<id>}}}`. */
function fromState(state: unknown, hint: ScreenHint | null): Parsed {
  const code = field(state, 'p');
  const screenHint = hint ?? (typeof code === 'string' ? screenFromCode(code) : null);
  // Only the screen's own `s.p.rd` names its record: board states carry `"rd":0` in every pod.
  // UNVERIFIED for Company and Agreement screens (the key may differ there).
  const recordId = positiveId(field(field(field(state, 's'), 'p'), 'rd'));
  return { screenHint, recordId, recordIdSource: recordId === null ? null : 'hash' };
}

function screenFromName(name: string): ScreenHint {
  const key = name.toLowerCase();
  if (key.includes('timeentry') || key.includes('timesheet')) return 'time-entry';
  return SCREEN_NAMES[key] ?? 'other';
}

const screenFromCode = (code: string): ScreenHint => SCREEN_CODES[code.toLowerCase()] ?? 'other';

function codebaseOf(pathname: string): string | null {
  return appBaseSegments(pathname)?.at(-1) ?? null;
}

/** The path segments before the app page (`/cw/v2025_1/ConnectWise.aspx` → cw, v2025_1); null off the app. */
function appBaseSegments(pathname: string): string[] | null {
  const segments = pathname.split('/').filter(Boolean);
  const app = segments.findIndex(
    (segment, i) => APP_PAGE.test(segment) || (segment === 'services' && segments[i + 1] === 'system_io'),
  );
  return app >= 0 ? segments.slice(0, app) : null;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function positiveId(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,15}$/.test(text)) return null;
  const id = Number(text);
  return id > 0 ? id : null;
}

export type RecordScreen = 'ticket' | 'company' | 'agreement';

const ROUTE_TO: Record<RecordScreen, string> = { ticket: 'ServiceFV', company: 'CompanyFV', agreement: 'AgreementFV' };

/** Served by every site whatever its live release (connectwise-screens.md §1.2), for a page off the app. */
const FALLBACK_BASE = ['v4_6_release'];

/**
 * The deep link that opens a record in the web client `pageUrl` belongs to (§1.4 routeTo form):
 * same origin and the same path up to the app page (release segment, and an on-prem prefix if any).
 */
export function manageRecordUrl(pageUrl: string, screen: RecordScreen, recordId: number): string {
  const url = new URL(pageUrl);
  const base = (appBaseSegments(url.pathname) ?? FALLBACK_BASE).map((segment) => `${segment}/`).join('');
  return `${url.origin}/${base}ConnectWise.aspx?locale=en_US&routeTo=${ROUTE_TO[screen]}&recid=${recordId}`;
}
