import { z } from 'zod';

/**
 * The Dropsuite wire format as clients and the simulator have seen it (vendor-api.md §1.4–1.5),
 * validated tolerantly: extra fields pass, fields clients disagree on are optional, numbers and
 * booleans sent as strings are accepted. Anything else is a bad response, never guessed at.
 */

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** A number, or a string holding one ("12", PHP/Rails serialisers do that). */
const Num = z.union([z.number(), z.string().trim().regex(NUMERIC, 'expected a number').transform(Number)]);
const Int = Num.pipe(z.number().int());
const OptNum = Num.nullish().transform((v) => v ?? null);
const OptInt = Int.nullish().transform((v) => v ?? null);

/** Ids arrive as numbers or strings; the domain uses strings. */
const WireId = z.union([z.string().trim().min(1), z.number()]).transform(String);
const OptId = WireId.nullish().transform((v) => v ?? null);

const Bool = z.union([
  z.boolean(),
  z.literal(0).transform(() => false),
  z.literal(1).transform(() => true),
  z.enum(['true', 'false', '0', '1']).transform((v) => v === 'true' || v === '1'),
]);
const OptBool = Bool.nullish().transform((v) => v ?? null);
const OptText = z.string().nullish().transform((v) => v ?? null);

/** An ISO 8601 time (or empty/null) → normalised ISO UTC, or null. */
const OptTime = z.string().nullish().transform((value, ctx) => {
  if (value === null || value === undefined || value.trim() === '') return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `"${value.slice(0, 40)}" is not a date` });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});
const Time = OptTime.transform((value, ctx) => {
  if (value !== null) return value;
  ctx.addIssue({ code: 'custom', message: 'a time is required' });
  return z.NEVER;
});

export const StatusBody = z.union([z.string(), z.looseObject({})]);

export const PlanRow = z.looseObject({
  id: WireId,
  name: z.string(),
  product_type: OptText,
  amount: OptNum,
  currency: OptText,
  periodicity: OptText,
  /** GB; null = unlimited. UNVERIFIED unit. */
  data_storage: OptNum,
});
export type PlanRow = z.infer<typeof PlanRow>;

/** `/users/{id}` adds a subscription summary; its shape is the simulator's (SIMULATOR-ONLY). */
const Subscription = z.looseObject({
  plan_id: OptId,
  seats: OptInt,
  state: OptText,
  state_changed_at: OptTime,
  unsubscribed_at: OptTime,
  purge_after: OptTime,
});

/** An organisation: a `/users` row (Dropsuite still calls organisations "users"). */
export const OrgRow = z.looseObject({
  /** The string id ("1788161-14" style). */
  id: OptId,
  organization_id: OptId,
  organization_name: OptText,
  email: OptText,
  plan_id: OptId,
  /** The organisation's own access token. Read by org-directory.ts only; never mapped. */
  authentication_token: z.string().nullish(),
  notification_email: z.union([z.array(z.string()), z.string().transform((v) => [v])]).nullish(),
  external_id: OptId,
  customer_deactivated: OptBool,
  login_disabled: OptBool,
  flg_suspended: OptBool,
  auto_license: OptBool,
  seats_used: OptInt,
  seats_available: OptInt,
  active_seats: OptInt,
  deactivated_seats: OptInt,
  required_seats: OptInt,
  paid_shared_mailboxes: OptInt,
  free_shared_mailboxes: OptInt,
  storage_used: OptNum,
  storage_available: OptNum,
  subscription: Subscription.nullish(),
}).refine((row) => row.organization_id !== null || row.id !== null, 'an organisation needs an id or organization_id');
export type OrgRow = z.infer<typeof OrgRow>;

export const TenantRow = z.looseObject({
  id: WireId,
  organization_id: OptId,
  domain: z.string(),
  managed_domain: OptText,
  tenant_id: OptText,
  status: z.union([Int, z.string()]).nullish().transform((v) => v ?? null),
  total_users: OptInt,
  type: OptText,
});
export type TenantRow = z.infer<typeof TenantRow>;

/** `/accounts`: a protected mailbox. `errors` is any of object/array/null/empty, read by map.ts. */
export const AccountRow = z.looseObject({
  id: WireId,
  email: z.string(),
  display_name: OptText,
  last_backup: OptTime,
  /** Not sent by Dropsuite; taken when a vendor does send it. */
  last_success_at: OptTime,
  current_backup_status: OptText,
  errors: z.unknown().optional(),
  storage: OptNum,
  msg_count: OptInt,
  flg_deleted: OptBool,
  added_on: OptTime,
  deactivated_since: OptTime,
  /**
   * The owning organisation's row, embedded in each account (vendor-api.md §1.5, [C]). Left
   * unparsed here: one is read (client.ts embeddedOwner), and validating a thousand copies costs more
   * than the rest of the list.
   */
  user: z.unknown().optional(),
});
export type AccountRow = z.infer<typeof AccountRow>;

/** 202 from force_backup / reauthorize (SIMULATOR-ONLY routes). */
export const TaskAccepted = z.looseObject({ task_id: WireId, status: OptText });

const TaskError = z.union([
  z.string().transform((message) => ({ code: null, message })),
  z.looseObject({ code: OptText, message: z.string() }).transform(({ code, message }) => ({ code, message })),
]);

export const TaskBody = z.looseObject({
  id: WireId,
  type: OptText,
  status: OptText,
  account_id: OptId,
  organization_id: OptId,
  created_at: OptTime,
  started_at: OptTime,
  finished_at: OptTime,
  error: TaskError.nullish().transform((v) => v ?? null),
});
export type TaskBody = z.infer<typeof TaskBody>;

/** `GET /actions/{action}/{id}` (SIMULATOR-ONLY). */
export const ActionBody = z.looseObject({
  id: WireId,
  action: z.string(),
  name: OptText,
  organization_id: OptId,
  account_id: OptId,
  email: OptText,
  /** Normalised on backup actions, an action status on the others. */
  status: OptText,
  current_backup_status: OptText,
  errors: z.unknown().optional(),
  attempts: OptInt,
  max_attempts: OptInt,
  next_attempt_at: OptTime,
  last_backup: OptTime,
  created_at: OptTime,
  finished_at: OptTime,
  error: OptText,
});
export type ActionBody = z.infer<typeof ActionBody>;

const HistoryDay = z.looseObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected a YYYY-MM-DD date').transform((d) => d.slice(0, 10)),
  total: Int.pipe(z.number().nonnegative()),
  succeeded: Int.pipe(z.number().nonnegative()),
  failed: Int.pipe(z.number().nonnegative()),
});

/** `{organization_id, data: [...]}` (the simulator) or a bare list of days. */
export const HistoryBody = z.union([
  z.array(HistoryDay),
  z.looseObject({ data: z.array(HistoryDay) }).transform((body) => body.data),
]);

export const ImpersonationBody = z.looseObject({
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) link' }),
  expires_at: OptTime,
});

const EventRow = z.looseObject({
  id: WireId,
  type: z.string(),
  org_id: WireId,
  account_id: OptId,
  occurred_at: Time,
  data: z.record(z.string(), z.unknown()).nullish().transform((v) => v ?? {}),
});
export type EventRow = z.infer<typeof EventRow>;

export const EventsBody = z.looseObject({
  events: z.array(EventRow),
  next_cursor: WireId,
  has_more: OptBool,
});

/** The pagination block of either envelope (will_paginate names, or next/prev links). */
export const Pagination = z.looseObject({
  current_page: OptInt,
  total_pages: OptInt,
  next_page: OptInt,
});

/** Error bodies: Dropsuite `{error:"…"}`, the neutral `{error:{code,message,details}}`, `{code,msg}`, `{title,detail}`. */
export const ErrorBody = z.union([
  z.looseObject({
    error: z.looseObject({
      code: OptText,
      message: OptText,
      details: z.record(z.string(), z.unknown()).nullish(),
    }),
  }).transform(({ error }) => ({ code: error.code, message: error.message, details: error.details ?? {} })),
  z.looseObject({ error: z.string() }).transform(({ error }) => ({ code: null, message: error, details: {} })),
  z.looseObject({ code: z.union([z.string(), z.number()]).transform(String), msg: z.string() })
    .transform(({ code, msg }) => ({ code, message: msg, details: {} })),
  z.looseObject({ title: z.string(), detail: OptText })
    .transform(({ title, detail }) => ({ code: null, message: detail ?? title, details: {} })),
]);
export type ErrorBody = z.infer<typeof ErrorBody>;
