import type { Organization } from '../vendor/domain';
import type { CompanyLike, ConfigurationLike, LocatedAddition } from './records';

/**
 * Which vendor organisation belongs to which ConnectWise company. The link lives in ConnectWise,
 * where every technician's browser sees it (issue 4), in the records the integration writes
 * (e2e/sim/world.ts header):
 * - a configuration of the `{vendor}_mailbox_actions` type named `{region}.tenant.{organizationId}`;
 * - the agreement addition that bills the tenant, serialNumber `{region}.{organizationId}`, whose
 *   product is the plan's catalog item `{region}.{planId}` (seed 000, "Create Dropsuite Plans").
 */

// ── Names ─────────────────────────────────────────────────────────────────────────────────────

const normaliseRegion = (region: string) => region.trim().toLowerCase();

/** Case and stray whitespace do not matter: ` USWest . tenant . 5979 ` reads as `uswest.tenant.5979`. */
const dotted = (text: string) => text.trim().toLowerCase().replace(/\s*\.\s*/g, '.');

/**
 * `{region}.{middle…}.{digits}` for this region → the digits; null for anything else, including
 * the same shape for another region (another region's records are not ours).
 */
function parseScoped(region: string, text: string | null | undefined, middle: string | null): string | null {
  if (!text) return null;
  const prefix = middle === null ? `${normaliseRegion(region)}.` : `${normaliseRegion(region)}.${middle}.`;
  const value = dotted(text);
  if (!value.startsWith(prefix)) return null;
  const id = value.slice(prefix.length);
  return /^\d+$/.test(id) ? id : null;
}

export const tenantLinkName = (region: string, organizationId: string): string =>
  `${normaliseRegion(region)}.tenant.${organizationId}`;

/** The organisation id a tenant-link configuration names, or null when it is not one of this region's. */
export const parseTenantLinkName = (region: string, name: string | null | undefined): string | null =>
  parseScoped(region, name, 'tenant');

export const additionSerialNumber = (region: string, organizationId: string): string =>
  `${normaliseRegion(region)}.${organizationId}`;

/** The organisation id an addition's serialNumber names, or null. */
export const parseAdditionSerialNumber = (region: string, serialNumber: string | null | undefined): string | null =>
  parseScoped(region, serialNumber, null);

export const planItemIdentifier = (region: string, planId: string): string => `${normaliseRegion(region)}.${planId}`;

/** The vendor plan id a catalog item identifier names, or null. */
export const parsePlanItemIdentifier = (region: string, identifier: string | null | undefined): string | null =>
  parseScoped(region, identifier, null);

// ── Discovery ─────────────────────────────────────────────────────────────────────────────────

export type LinkEvidence =
  | { via: 'configuration'; configurationId: number; companyId: number }
  | { via: 'addition'; additionId: number; agreementId: number; companyId: number; cancelledDate: string | null };

export interface DiscoveredLink {
  organizationId: string;
  /** The company every piece of evidence names; null on a conflict. */
  companyId: number | null;
  /** Every company the current evidence names, ascending. */
  companyIds: number[];
  /** More than one company: shown to the technician, never resolved by guessing. */
  conflict: boolean;
  /** Where the link was found: configurations first, then additions, each by id. */
  evidence: LinkEvidence[];
}

/** An addition for one of our plans that names no tenant (its serial number was blanked or edited). */
export interface UnattributedAddition {
  additionId: number;
  agreementId: number;
  companyId: number;
  planId: string;
}

export interface LinkDiscovery {
  /** One entry per organisation, by organisation id. */
  links: DiscoveredLink[];
  unattributedAdditions: UnattributedAddition[];
}

/** Numeric ids as text compare as numbers; anything else as plain text. */
function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

const evidenceOrder = (e: LinkEvidence) => (e.via === 'configuration' ? [0, e.configurationId] : [1, e.additionId]);

export function discoverLinks(
  region: string,
  input: { configurations: readonly ConfigurationLike[]; additions: readonly LocatedAddition[] },
): LinkDiscovery {
  const evidenceByOrg = new Map<string, LinkEvidence[]>();
  const add = (organizationId: string, evidence: LinkEvidence) => {
    const list = evidenceByOrg.get(organizationId) ?? [];
    list.push(evidence);
    evidenceByOrg.set(organizationId, list);
  };

  for (const configuration of input.configurations) {
    // DECISION: the name alone makes a link (a technician may create one by hand with another
    // type); an inactive configuration or one without a company states nothing.
    const organizationId = parseTenantLinkName(region, configuration.name);
    if (organizationId === null || configuration.activeFlag === false || !configuration.company) continue;
    add(organizationId, { via: 'configuration', configurationId: configuration.id, companyId: configuration.company.id });
  }

  const unattributedAdditions: UnattributedAddition[] = [];
  for (const addition of input.additions) {
    const organizationId = parseAdditionSerialNumber(region, addition.serialNumber);
    if (organizationId !== null) {
      add(organizationId, {
        via: 'addition', additionId: addition.id, agreementId: addition.agreementId, companyId: addition.companyId,
        cancelledDate: addition.cancelledDate ?? null,
      });
      continue;
    }
    const planId = parsePlanItemIdentifier(region, addition.product?.identifier);
    if (planId !== null) {
      unattributedAdditions.push({ additionId: addition.id, agreementId: addition.agreementId, companyId: addition.companyId, planId });
    }
  }

  const links = [...evidenceByOrg.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([organizationId, evidence]): DiscoveredLink => {
      // DECISION: a cancelled addition is history: it names a company only when nothing current
      // does, so a tenant that moved from one company to another is not a conflict.
      const current = evidence.filter((e) => e.via === 'configuration' || e.cancelledDate === null);
      const companyIds = [...new Set((current.length > 0 ? current : evidence).map((e) => e.companyId))].sort((a, b) => a - b);
      const conflict = companyIds.length > 1;
      return {
        organizationId,
        companyId: conflict ? null : (companyIds[0] ?? null),
        companyIds,
        conflict,
        evidence: [...evidence].sort((a, b) => {
          const [ka = 0, ia = 0] = evidenceOrder(a);
          const [kb = 0, ib = 0] = evidenceOrder(b);
          return ka - kb || ia - ib;
        }),
      };
    });
  unattributedAdditions.sort((a, b) => a.additionId - b.additionId);
  return { links, unattributedAdditions };
}

/** The links that name a company, conflicting ones included (the panel shows the conflict). */
export const linksOfCompany = (discovery: LinkDiscovery, companyId: number): DiscoveredLink[] =>
  discovery.links.filter((link) => link.companyIds.includes(companyId));

// ── Suggestions ───────────────────────────────────────────────────────────────────────────────

export type SuggestionReason = 'domain' | 'admin-email' | 'name';

export interface LinkSuggestion {
  orgId: string;
  orgName: string;
  /** 0..1, three decimals. */
  score: number;
  /** Strongest first. */
  reasons: SuggestionReason[];
}

/**
 * How much each signal says on its own; combined as 1 − Π(1 − w), so agreeing signals add up
 * without passing 1. DECISION: a shared mail domain is the strongest evidence (the mail is what
 * is backed up), the admin's address next, then an exact name; NinjaOne's "Auto Map" matches by
 * name but still asks a human to confirm (vendor-api.md §3.1, §5.7).
 */
const WEIGHT = { 'domain': 0.9, 'admin-email': 0.8, 'name': 0.85 } as const;

/** DECISION: names less similar than this are no evidence at all. */
const NAME_THRESHOLD = 0.5;

/**
 * DECISION: domains shared by unrelated customers (free mail, tenants' default domains) never
 * count: a contact on gmail.com must not suggest every tenant whose admin uses gmail.com.
 */
const SHARED_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'icloud.com',
  'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com',
  'zoho.com', 'yandex.com', 'onmicrosoft.com',
]);

/**
 * The mail domain in an e-mail address, URL or bare host name, lower-cased without `www.`;
 * null when there is none.
 */
export function domainOf(text: string | null | undefined): string | null {
  if (!text) return null;
  let host = text.trim().toLowerCase();
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#:].*$/, '').replace(/\.$/, '').replace(/^www\./, '');
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(host) ? host : null;
}

const isShared = (domain: string) =>
  SHARED_DOMAINS.has(domain) || [...SHARED_DOMAINS].some((shared) => domain.endsWith(`.${shared}`));

/** DECISION: same domain, or one a subdomain of the other (`mail.bluelight.com` ≈ `bluelight.com`). */
const sameDomain = (a: string, b: string) => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);

const usableDomains = (texts: readonly (string | null | undefined)[]) =>
  texts.map(domainOf).filter((d): d is string => d !== null && !isShared(d));

/**
 * Legal-form words dropped from the end of a name ("Blue Light, Co." ≈ "Blue Light").
 * DECISION: only trailing ones, so "Co-op Bank" or "Group Health Partners" keep their words.
 */
const LEGAL_SUFFIXES = new Set([
  'ltd', 'limited', 'llc', 'llp', 'lp', 'gmbh', 'inc', 'incorporated', 'co', 'company', 'corp', 'corporation',
  'group', 'plc', 'pty', 'sa', 'ag', 'bv', 'nv', 'sarl', 'srl', 'spa',
]);

/**
 * A company name → comparable words. Case, diacritics and punctuation do not matter; "&" is "and";
 * DECISION: German transliterations fold to the plain vowel (ä/ae → a, ö/oe → o, ü/ue → u before a
 * consonant; ß → ss) on both sides, so Zürich, Zurich and Zuerich compare equal; legal forms at
 * the end are dropped.
 */
export function nameTokens(name: string): string[] {
  const words = name
    .replace(/([a-z0-9])(?=[A-Z][a-z])/g, '$1 ') // identifiers: "WoodgroveBakery" → "Woodgrove Bakery"; "GmbH" stays
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/æ/g, 'ae').replace(/œ/g, 'oe').replace(/ø/g, 'o')
    .replace(/([aou])e(?=[b-df-hj-np-tv-z])/g, '$1') // "zuerich" → "zurich", but "blue" stays
    .replace(/&/g, ' and ')
    .replace(/['’`.]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] ?? '')) words.pop();
  return words;
}

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const pair = text.slice(i, i + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** Dice coefficient of two multisets. */
function dice<T>(a: Map<T, number>, b: Map<T, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let common = 0;
  for (const n of a.values()) sizeA += n;
  for (const [key, n] of b) {
    sizeB += n;
    common += Math.min(n, a.get(key) ?? 0);
  }
  return sizeA + sizeB === 0 ? 0 : (2 * common) / (sizeA + sizeB);
}

const multiset = <T>(items: readonly T[]) => {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
};

/**
 * 0..1: 1 when the normalised names are equal (spacing aside), otherwise (DECISION) the mean of
 * word overlap and character-pair overlap (the latter forgives typos and run-together words).
 */
export function nameSimilarity(a: string, b: string): number {
  const wordsA = nameTokens(a);
  const wordsB = nameTokens(b);
  const compactA = wordsA.join('');
  const compactB = wordsB.join('');
  if (compactA.length === 0 || compactB.length === 0) return 0;
  if (compactA === compactB) return 1;
  return (dice(multiset(wordsA), multiset(wordsB)) + dice(bigrams(compactA), bigrams(compactB))) / 2;
}

const combine = (weights: readonly number[]) => 1 - weights.reduce((rest, w) => rest * (1 - w), 1);
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Ranked organisations that may be this company's tenant: best first, then by name, then id (the
 * same input always gives the same order). Organisations already linked (to this company or
 * another: an organisation maps to one PSA company, vendor-api.md §1.8) are never suggested.
 * DECISION: nor deleted ones (their data is gone, §1.7); unsubscribed ones still are (45 days).
 */
export function suggestLinks(
  company: CompanyLike,
  orgs: readonly Organization[],
  alreadyLinkedOrgIds: Iterable<string>,
  limit = 5,
): LinkSuggestion[] {
  const linked = new Set(alreadyLinkedOrgIds);
  const companyDomains = usableDomains(company.domains);
  const companyNames = [company.name, company.identifier].filter((n): n is string => Boolean(n?.trim()));

  const ranked: Array<{ suggestion: LinkSuggestion; key: string }> = [];
  for (const org of orgs) {
    if (linked.has(org.id) || org.state === 'deleted') continue;
    const reasons: SuggestionReason[] = [];
    const weights: number[] = [];
    if (usableDomains(org.domains).some((d) => companyDomains.some((c) => sameDomain(c, d)))) {
      reasons.push('domain');
      weights.push(WEIGHT.domain);
    }
    const adminDomain = usableDomains([org.adminEmail])[0];
    if (adminDomain !== undefined && companyDomains.some((c) => sameDomain(c, adminDomain))) {
      reasons.push('admin-email');
      weights.push(WEIGHT['admin-email']);
    }
    const similarity = Math.max(0, ...companyNames.map((name) => nameSimilarity(name, org.name)));
    if (similarity >= NAME_THRESHOLD) {
      reasons.push('name');
      weights.push(WEIGHT.name * similarity);
    }
    if (reasons.length > 0) {
      const suggestion = { orgId: org.id, orgName: org.name, score: round3(combine(weights)), reasons };
      ranked.push({ suggestion, key: nameTokens(org.name).join(' ') });
    }
  }
  return ranked
    .sort((a, b) => b.suggestion.score - a.suggestion.score
      || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
      || compareIds(a.suggestion.orgId, b.suggestion.orgId))
    .slice(0, Math.max(0, limit))
    .map((entry) => entry.suggestion);
}
