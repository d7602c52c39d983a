/**
 * One request to `/{codebase}/apis/3.0/...`: routing checks, authentication, version negotiation,
 * then the generic resource engine (list / count / get / POST / PUT / PATCH / DELETE) driven by
 * the descriptors in resources.ts. Every failure is an ApiError turned into the real-looking answer.
 * Order of checks (UNVERIFIED, chosen so each failure is reachable): codebase → credentials and
 * company → clientId → keys → codebase allowed for that company → Accept version → route (404) →
 * method (405) → security role (403) → parent record (404) → query/body (400/415).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SimClock } from '../clock';
import { authenticate, headerValue, requirePermission, type Caller, type PermissionVerb } from './auth';
import {
  ApiError, cannotRoute, invalidObject, methodNotAllowed, noRoute, notFound, unsupportedMediaType, unsupportedVersion,
} from './errors';
import { pageOf, readPaging } from './paging';
import { present, referenceTo } from './present';
import { filterRecords, projectFields, sortRecords } from './query';
import { parentOf, resolvePath, type ResolvedPath, type Verb } from './resources';
import type { CwStore } from './store';
import type { CwRecord } from './types';
import { contentTypeFor, negotiateVersion, releaseOf } from './versioning';
import { deleteRecord, planCreate, planPatch, planReplace, type WritePlan } from './writes';

export interface ApiRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  codebase: string;
  /** Path after `/apis/3.0/`. */
  apiPath: string;
  readBody(): Promise<string>;
}

export interface Answer {
  status: number;
  /** JSON body, or plain text when a string. */
  body?: unknown;
  headers: Record<string, string>;
  /** The release answering (for api-current-version), once the company is known. */
  currentVersion?: string;
}

const ROUTES: Record<ResolvedPath['tail']['kind'], Partial<Record<string, Verb>>> = {
  collection: { GET: 'list', POST: 'create' },
  count: { GET: 'count' },
  item: { GET: 'get', PUT: 'replace', PATCH: 'patch', DELETE: 'delete' },
};
const PERMISSION: Record<Verb, PermissionVerb> = {
  list: 'inquire', count: 'inquire', get: 'inquire', create: 'add', replace: 'edit', patch: 'edit', delete: 'delete',
};

/** Codebases the API answers on: each login company's, and v4_6_release (cloud routes by company). */
export const codebasesOf = (company: Caller['company']) => [...new Set([company.codebase.replace(/\/$/, ''), 'v4_6_release'])];

function errorAnswer(error: ApiError): Answer {
  return { status: error.status, body: error.body, headers: { ...error.headers } };
}

export async function answerApi(store: CwStore, clock: SimClock, request: ApiRequest, knownCodebases: readonly string[]): Promise<Answer> {
  let currentVersion: string | undefined;
  try {
    if (!knownCodebases.includes(request.codebase.toLowerCase())) throw cannotRoute();
    const caller = authenticate(request.headers, store);
    currentVersion = releaseOf(caller.company.versionCode);
    if (!codebasesOf(caller.company).includes(request.codebase.toLowerCase())) throw cannotRoute();
    const negotiated = negotiateVersion(headerValue(request.headers, 'accept'), currentVersion);
    if (!negotiated.ok) throw unsupportedVersion(request.url.toString(), negotiated.requested);
    const answer = await route(store, clock, request, caller);
    return { ...answer, currentVersion, headers: { 'content-type': contentTypeFor(negotiated.version), ...answer.headers } };
  } catch (error) {
    if (error instanceof ApiError) return { ...errorAnswer(error), currentVersion };
    throw error;
  }
}

async function route(store: CwStore, clock: SimClock, request: ApiRequest, caller: Caller): Promise<Omit<Answer, 'currentVersion'>> {
  const { method, url } = request;
  const base = `${url.origin}/${request.codebase}/apis/3.0`;
  const path = request.apiPath.replace(/\/+$/, '');
  if (path.toLowerCase() === 'system/info') {
    if (method !== 'GET') throw methodNotAllowed(method, ['GET']);
    return { status: 200, body: systemInfo(caller), headers: {} };
  }
  const resolved = resolvePath(path);
  if (!resolved) throw noRoute(url.toString());
  const { resource } = resolved;
  const verbsHere = ROUTES[resolved.tail.kind];
  const allowed = Object.entries(verbsHere).filter(([, verb]) => verb && resource.verbs.includes(verb)).map(([m]) => m);
  if (allowed.length === 0) throw noRoute(url.toString());
  const verb = verbsHere[method];
  if (!verb || !resource.verbs.includes(verb)) throw methodNotAllowed(method, allowed);
  requirePermission(store, caller, resource.module, PERMISSION[verb]);
  const parent = parentOf(resolved);
  if (parent && !store.scopedRow(parent.resolved, parent.id)) throw notFound(parent.resolved.resource.entity, parent.id);

  const param = (name: string) => {
    for (const [key, value] of url.searchParams) if (key.toLowerCase() === name.toLowerCase()) return value;
    return undefined;
  };
  const show = (row: CwRecord) => present(store, resolved, row, base);
  const options = { now: clock.iso(), actor: caller.member, clientId: caller.clientId };
  const commit = (plan: WritePlan) => {
    if (plan.extraPermission) requirePermission(store, caller, plan.extraPermission.module, plan.extraPermission.verb);
    return plan.commit();
  };
  const id = resolved.tail.kind === 'item' ? resolved.tail.id : 0;

  switch (verb) {
    case 'list':
    case 'count': {
      const records = filterRecords(store.scopedRows(resolved).map(show), resource.model, resource.entity, {
        conditions: param('conditions'), childConditions: param('childConditions'), customFieldConditions: param('customFieldConditions'),
      });
      if (verb === 'count') return { status: 200, body: { count: records.length }, headers: {} };
      const forwardOnly = headerValue(request.headers, 'pagination-type')?.trim().toLowerCase() === 'forward-only';
      const paging = readPaging(param, forwardOnly, resource.forwardOnly !== false);
      const ordered = paging.mode === 'forward' ? records : sortRecords(records, resource.model, resource.entity, param('orderBy'));
      const { items, link } = pageOf(ordered, paging, url);
      return { status: 200, body: items.map((record) => projectFields(record, param('fields'))), headers: link ? { link } : {} };
    }
    case 'get': {
      const row = store.scopedRow(resolved, id);
      if (!row) throw notFound(resource.entity, id);
      return { status: 200, body: projectFields(show(row), param('fields')), headers: {} };
    }
    case 'create': {
      // `managedInformation` (configurations) is accepted and ignored: the simulator has no managed-services setup.
      const record = commit(planCreate(store, resolved, await readJson(request, resource.resource), options));
      const body = resource.linkTo ? referenceTo(store, resource.linkTo, record.id, base) : show(record);
      return { status: 201, body, headers: {} };
    }
    case 'replace':
      return { status: 200, body: show(commit(planReplace(store, resolved, id, await readJson(request, resource.resource), options))), headers: {} };
    case 'patch':
      return { status: 200, body: show(commit(planPatch(store, resolved, id, await readJson(request, resource.resource), options))), headers: {} };
    case 'delete':
      deleteRecord(store, resolved, id);
      return { status: 204, headers: {} };
  }
}

/** Request bodies must be JSON (`application/json`, or any `+json` type such as json-patch). */
async function readJson(request: ApiRequest, resource: string): Promise<unknown> {
  const text = await request.readBody();
  const mediaType = headerValue(request.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (text.trim() !== '' && mediaType !== 'application/json' && !mediaType.endsWith('+json')) throw unsupportedMediaType(mediaType);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw invalidObject(resource, [{ code: 'InvalidObject', message: 'The request body is not valid JSON.', resource, field: '' }]);
  }
}

/** GET /system/info (model Info). Any authenticated member may read it. */
function systemInfo(caller: Caller) {
  const { company } = caller;
  return {
    version: `${company.versionCode}.${company.versionNumber.split('.').pop()}`,
    isCloud: company.isCloud,
    serverTimeZone: 'Eastern Standard Time',
    licenseBits: ['Finance', 'Procurement', 'Project', 'Sales', 'Service'].map((name) => ({ name, activeFlag: true })),
    ...(company.isCloud ? { cloudRegion: 'NA' } : {}),
    maxWorkFlowRecordsAllowed: 10000,
  };
}
