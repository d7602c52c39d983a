/**
 * The write path every resource shares: bind a JSON body to the model (case-insensitive names,
 * Json.NET-like conversions, unknown fields ignored), resolve references, apply defaults, check
 * required/max-length/unique, derive server-computed fields, stamp `_info`. Writes are planned
 * first and committed after the caller's permission checks, so a refused write changes nothing.
 */
import { conflict, invalidObject, notFound, type FieldError } from './errors';
import type { Lookup } from './lookups';
import { fieldName, MODELS, modelOf, type Model } from './models';
import {
  collectionKey, resolvePath, storageCollection, type RefTarget, type ResolvedPath, type Resource, type WriteContext,
} from './resources';
import { coerceValue, isObject, messages } from './schema';
import type { CwStore } from './store';
import type { CwRecord } from './types';

export interface WriteOptions {
  now: string;
  actor: { id: number; identifier: string };
  clientId: string;
}

export interface WritePlan {
  record: CwRecord;
  /** A permission the write needs on top of the verb's (e.g. closing a ticket). */
  extraPermission: { module: string; verb: 'add' | 'edit' } | undefined;
  commit(): CwRecord;
}

type Target = Pick<ResolvedPath, 'resource' | 'collection' | 'parentIds'>;

const sequenceOf = (resource: Resource) => collectionKey(resource.scope?.collection ?? resource.path);
const toInt = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
};
const sameText = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

function context(store: CwStore, target: Target, options: WriteOptions, previous: CwRecord | undefined): WriteContext {
  return {
    ...options,
    parentIds: target.parentIds,
    previous,
    row: (collection, id) => store.row(collection, id),
    rows: (collection) => store.rows(collection),
    create: (collection, body) => {
      const resolved = resolvePath(collection);
      if (!resolved) throw new Error(`no collection ${collection}`);
      return planCreate(store, resolved, body, options).commit();
    },
    nextId: (sequence) => store.nextId(sequence),
  };
}

// ---------------------------------------------------------------------------------------------
// references

function resolveReference(
  store: CwStore, resource: Resource, field: string, target: RefTarget, record: CwRecord, value: unknown, errors: FieldError[],
): unknown {
  const reference = value as { id?: unknown; identifier?: unknown; name?: unknown };
  const id = toInt(reference.id);
  const fail = (message: string) => {
    errors.push({ code: 'InvalidField', message, resource: resource.resource, field });
    return value;
  };
  if (typeof target === 'object') {
    const lookup = target as Lookup;
    const item = lookup.items.find((candidate) => (id !== undefined ? candidate.id === id : sameText(candidate.name, reference.name)));
    return item ? { id: item.id, name: item.name } : fail(`The ${field} ${id ?? JSON.stringify(reference.name ?? null)} was not found.`);
  }
  const collection = typeof target === 'function' ? target(record) : target;
  if (!collection) return fail(`The ${field} cannot be resolved.`);
  // UNVERIFIED: besides id, references resolve by identifier or name (commonly relied on).
  const row = id !== undefined
    ? store.row(collection, id)
    : reference.identifier !== undefined
      ? store.rows(collection).find((candidate) => sameText(candidate.identifier, reference.identifier))
      : reference.name !== undefined
        ? store.rows(collection).find((candidate) => sameText(candidate.name, reference.name))
        : undefined;
  if (row) return { id: row.id };
  const key = id ?? reference.identifier ?? reference.name;
  return fail(key === undefined ? `The ${field} needs an id.` : `The ${field} ${JSON.stringify(key)} was not found.`);
}

function resolveReferences(store: CwStore, resource: Resource, model: Model, record: CwRecord, errors: FieldError[]): void {
  for (const [field, target] of Object.entries(resource.refs ?? {})) {
    const value = record[field];
    if (value === undefined || resource.derived?.includes(field)) continue;
    record[field] = model[field]?.type === 'refs'
      ? (value as unknown[]).map((item) => resolveReference(store, resource, field, target, record, item, errors))
      : resolveReference(store, resource, field, target, record, value, errors);
  }
}

// ---------------------------------------------------------------------------------------------
// binding and validation

type Mode = 'create' | 'replace' | 'patch';

function bind(
  store: CwStore, target: Target, input: unknown, mode: Mode, options: WriteOptions, previous: CwRecord | undefined,
): { record: CwRecord; extras: Record<string, unknown>; ctx: WriteContext } {
  const { resource } = target;
  const model = MODELS[resource.model] as Model;
  const errors: FieldError[] = [];
  const invalid = (field: string, value: unknown) =>
    errors.push({ code: 'InvalidField', message: messages.invalid(field, value), resource: resource.resource, field });
  if (!isObject(input)) {
    throw invalidObject(resource.resource, [{ code: 'NullValue', message: `The ${resource.resource} object is required.`, resource: resource.resource, field: '' }]);
  }
  const record = {} as CwRecord;
  const extras: Record<string, unknown> = {};
  const unreadable = new Set<string>(); // reported as InvalidField already, not again as missing
  for (const [key, value] of Object.entries(input)) {
    const name = fieldName(model, key);
    if (!name || name === 'id' || name === '_info' || resource.derived?.includes(name)) continue;
    if (value === null || value === undefined) continue;
    if (mode !== 'create' && resource.createOnly?.includes(name)) continue;
    const spec = model[name]!;
    const coerced = coerceValue(spec, value);
    if (!coerced.ok) {
      invalid(name, value);
      unreadable.add(name);
      continue;
    }
    if (spec.postOnly) {
      if (mode === 'create') extras[name] = coerced.value;
    } else if (!resource.writeOnly?.includes(name)) {
      record[name] = coerced.value;
    }
  }
  for (const field of resource.createOnly ?? []) {
    if (previous?.[field] !== undefined) record[field] = structuredClone(previous[field]);
  }
  const missing = (field: string) => errors.push({ code: 'NullValue', message: messages.required(field), resource: resource.resource, field });
  // "Required On Updates" means the PUT body itself must carry them (no server default stands in).
  if (mode === 'replace') {
    for (const [field, spec] of Object.entries(model)) if (spec.requiredOnUpdate && record[field] === undefined && !unreadable.has(field)) missing(field);
  }
  const ctx = context(store, target, options, previous);
  resource.prepare?.(record, ctx);
  resolveReferences(store, resource, model, record, errors);
  if (resource.scope) record[resource.scope.field] = { id: target.parentIds[0] };
  if (mode !== 'patch') resource.defaults?.(record, ctx);

  for (const [field, spec] of Object.entries(model)) {
    const value = record[field];
    if (spec.required && value === undefined && !resource.derived?.includes(field) && !unreadable.has(field)) missing(field);
    if (spec.max !== undefined && typeof value === 'string' && value.length > spec.max) {
      errors.push({ code: 'MaxLength', message: messages.maxLength(field, spec.max), resource: resource.resource, field });
    }
  }
  for (const field of resource.unique ?? []) {
    const value = record[field];
    const clash = value !== undefined && store.rows(storageCollection(target))
      .find((row) => row.id !== previous?.id && sameText(row[field], value));
    if (clash) {
      errors.push({ code: 'DuplicateValue', message: `The ${field} '${String(value)}' is already in use.`, resource: resource.resource, field });
    }
  }
  errors.push(...(resource.validate?.(record, ctx) ?? []));
  if (errors.length > 0) throw invalidObject(resource.resource, errors);
  resource.derive?.(record, ctx);
  return { record, extras, ctx };
}

const stamp = (options: WriteOptions) => ({ lastUpdated: options.now, updatedBy: options.actor.identifier });

// ---------------------------------------------------------------------------------------------
// the four writes

export function planCreate(store: CwStore, target: Target, body: unknown, options: WriteOptions, fixedId?: number): WritePlan {
  const { resource } = target;
  if (resource.linkTo) return planLink(store, target, body);
  const { record, extras, ctx } = bind(store, target, body, 'create', options, undefined);
  return {
    record,
    extraPermission: resource.extraPermission?.(record, ctx),
    commit() {
      const sequence = sequenceOf(resource);
      const id = fixedId ?? store.nextId(sequence);
      store.noteId(sequence, id);
      const stored: CwRecord = { ...record, id, _info: { ...stamp(options), dateEntered: options.now, enteredBy: options.actor.identifier } };
      store.table(storageCollection(target)).set(id, stored);
      resource.afterCreate?.(stored, extras, ctx);
      return stored;
    },
  };
}

/** Linking an existing record (ticket configurations): the body is a reference to it. */
function planLink(store: CwStore, target: Target, body: unknown): WritePlan {
  const { resource } = target;
  const errors: FieldError[] = [];
  const linked = isObject(body)
    ? (resolveReference(store, resource, 'id', resource.linkTo as string, {} as CwRecord, body, errors) as { id?: number })
    : undefined;
  if (!linked && errors.length === 0) errors.push({ code: 'NullValue', message: messages.required('id'), resource: resource.resource, field: 'id' });
  const id = linked?.id;
  if (id !== undefined && errors.length === 0 && store.row(target.collection, id)) {
    // UNVERIFIED: attaching the same configuration twice is refused rather than ignored.
    errors.push({ code: 'DuplicateValue', message: `${resource.entity} ${id} is already attached.`, resource: resource.resource, field: 'id' });
  }
  if (errors.length > 0 || id === undefined) throw invalidObject(resource.resource, errors);
  const record = { id } as CwRecord;
  return {
    record,
    extraPermission: undefined,
    commit() {
      store.table(target.collection).set(id, record);
      return record;
    },
  };
}

export function planReplace(store: CwStore, target: Target, id: number, body: unknown, options: WriteOptions): WritePlan {
  const previous = existing(store, target, id);
  return planUpdate(store, target, previous, bind(store, target, body, 'replace', options, previous), options);
}

export function planPatch(store: CwStore, target: Target, id: number, operations: unknown, options: WriteOptions): WritePlan {
  const previous = existing(store, target, id);
  const patched = applyPatch(structuredClone(previous), operations, MODELS[target.resource.model] as Model, target.resource.resource);
  return planUpdate(store, target, previous, bind(store, target, patched, 'patch', options, previous), options);
}

function planUpdate(
  store: CwStore, target: Target, previous: CwRecord, bound: ReturnType<typeof bind>, options: WriteOptions,
): WritePlan {
  const { record, ctx } = bound;
  return {
    record,
    extraPermission: target.resource.extraPermission?.(record, ctx),
    commit() {
      const stored: CwRecord = { ...record, id: previous.id, _info: { ...(previous._info as object), ...stamp(options) } };
      store.table(storageCollection(target)).set(previous.id, stored);
      return stored;
    },
  };
}

function existing(store: CwStore, target: Target, id: number): CwRecord {
  const row = store.scopedRow(target, id);
  if (!row) throw notFound(target.resource.entity, id);
  return row;
}

/**
 * DELETE: refused with 409 while another record refers to this one (UNVERIFIED wording; "record in
 * use" is the documented meaning of 409). Child collections go with the record, and links to it
 * from tickets are dropped.
 */
export function deleteRecord(store: CwStore, target: Target, id: number): void {
  existing(store, target, id);
  const own = storageCollection(target);
  const children = `${own}/${id}/`;
  for (const [collection, table] of store.collections()) {
    const resolved = resolvePath(collection);
    if (!resolved || collection.startsWith(children)) continue;
    if (resolved.resource.linkTo) continue;
    for (const row of table.values()) {
      for (const [field, refTarget] of Object.entries(resolved.resource.refs ?? {})) {
        if (typeof refTarget === 'object') continue;
        const pointsAt = typeof refTarget === 'function' ? refTarget(row) : refTarget;
        const values = Array.isArray(row[field]) ? (row[field] as unknown[]) : [row[field]];
        const hit = pointsAt && collectionKey(pointsAt) === own && values.some((value) => (value as { id?: number } | undefined)?.id === id);
        if (hit && !(collection === own && row.id === id)) {
          throw conflict(`${target.resource.entity} ${id} is in use by ${resolved.resource.entity} ${row.id}.`);
        }
      }
    }
  }
  store.table(own).delete(id);
  for (const [collection, table] of store.collections()) {
    if (collection.startsWith(children)) store.dropCollection(collection);
    else if (resolvePath(collection)?.resource.linkTo === own) table.delete(id);
  }
}

// ---------------------------------------------------------------------------------------------
// JSON Patch

const OPS = new Set(['add', 'replace', 'remove']);

/**
 * Apply `[{op, path, value}]` to a stored record. Paths may start with "/" or not; a path into a
 * reference (`status/id`, `company/identifier`) replaces the whole reference with that key, so
 * it is resolved again. UNVERIFIED: ops beyond replace (we accept add and remove, refuse
 * move/copy/test) and the error wording (ASP.NET JsonPatch's).
 */
export function applyPatch(document: CwRecord, operations: unknown, model: Model, resource: string): CwRecord {
  const error = (message: string, field = '') => invalidObject(resource, [{ code: 'InvalidField', message, resource, field }]);
  if (!Array.isArray(operations) || operations.length === 0) {
    throw error('The request body must be a non-empty JSON array of patch operations ({op, path, value}).');
  }
  for (const operation of operations) {
    if (!isObject(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') {
      throw error('Each patch operation needs a string "op" and a string "path".');
    }
    const op = operation.op.toLowerCase();
    if (!OPS.has(op)) throw error(`The patch operation '${operation.op}' is not supported.`);
    const path = operation.path;
    if (op !== 'remove' && !('value' in operation)) throw error(`The patch operation '${operation.op}' needs a value.`, path);
    const segments = path.replace(/^\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const notFound = (segment: string) => error(`The target location specified by path segment '${segment}' was not found.`, path);
    const name = fieldName(model, segments[0] ?? '');
    if (!name) throw notFound(segments[0] ?? '');
    const value = operation.value;
    if (segments.length === 1) {
      if (op === 'remove' || value === null) delete document[name];
      else document[name] = value;
      continue;
    }
    const spec = model[name]!;
    if (spec.type === 'ref') {
      const key = fieldName(modelOf(spec.model), segments[1] as string);
      if (!key || segments.length !== 2) throw notFound(segments[1] as string);
      if (op === 'remove') delete document[name];
      else document[name] = { [key]: value };
      continue;
    }
    if (!['object', 'objects', 'refs', 'map', 'any', 'ints', 'strings'].includes(spec.type)) throw notFound(segments[1] as string);
    if (document[name] === undefined) document[name] = spec.type === 'object' || spec.type === 'map' ? {} : [];
    setInside(document[name], segments.slice(1), op, value, notFound);
  }
  return document;
}

function setInside(container: unknown, path: string[], op: string, value: unknown, notFound: (segment: string) => Error): void {
  const [segment, ...rest] = path as [string, ...string[]];
  if (Array.isArray(container)) {
    const index = segment === '-' ? container.length : Number(segment);
    if (!Number.isInteger(index) || index < 0 || index > container.length || (segment === '-' && rest.length > 0)) throw notFound(segment);
    if (rest.length > 0) return setInside(container[index], rest, op, value, notFound);
    if (op === 'add') container.splice(index, 0, value);
    else if (index >= container.length) throw notFound(segment);
    else if (op === 'remove') container.splice(index, 1);
    else container[index] = value;
    return;
  }
  if (!isObject(container)) throw notFound(segment);
  const key = Object.keys(container).find((candidate) => candidate.toLowerCase() === segment.toLowerCase()) ?? segment;
  if (rest.length > 0) return setInside(container[key], rest, op, value, notFound);
  if (op === 'remove') delete container[key];
  else container[key] = value;
}
