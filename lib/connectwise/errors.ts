import { z } from 'zod';
import { AppError, type AppErrorData } from '../errors';
import { LEVEL_LABEL, levelFor, moduleLabel, moduleNamedIn, permissionLabel, resolveResource, type Level } from './security';

/**
 * Every failure of the Manage REST API, in a technician's words, in one place. `message` says
 * what happened, `hint` what to do, `field` which setting is wrong. Nothing here echoes keys.
 */

export type ManageErrorCode =
  | 'site-unreachable'
  | 'not-manage-site'
  | 'unknown-company'
  | 'insecure-site'
  | 'cannot-route'
  | 'bad-keys'
  | 'missing-client-id'
  | 'unknown-client-id'
  | 'forbidden'
  | 'not-found'
  | 'endpoint-missing'
  | 'invalid-request'
  | 'unsupported-version'
  | 'conflict'
  | 'rate-limited'
  | 'server-error'
  | 'offline'
  | 'unreachable'
  | 'timeout'
  | 'cancelled'
  | 'invalid-response'
  | 'unexpected-data'
  | 'write-outcome-unknown'
  | 'too-many-records';

export const manageError = (code: ManageErrorCode, data: Omit<AppErrorData, 'code'>) => new AppError({ code, ...data });

/** Who asked for what: enough to name the record, the module and the host in a message. */
export interface CallContext {
  method: string;
  /** Below /apis/3.0, e.g. `service/tickets/123`. */
  path: string;
  /** host[:port] of the API. */
  host: string;
  companyId: string;
}

/** The spec's ErrorResponseMessage; every field optional because real answers vary. */
const ErrorBody = z.looseObject({
  code: z.string().nullish(),
  message: z.string().nullish(),
  errors: z
    .array(z.looseObject({ code: z.string().nullish(), message: z.string().nullish(), field: z.string().nullish() }))
    .nullish(),
});
type ErrorBody = z.infer<typeof ErrorBody>;

/** The plain-text routing error (captured in RationallyPrime/connectwise-etl schema.json). */
export const isCannotRoute = (body: unknown) => typeof body === 'string' && /^\s*cannot route/i.test(body);

export const looksLikeHtml = (contentType: string | null, text: string) =>
  (contentType ?? '').includes('html') || /^\s*<(!doctype|html|head|body|\?xml)/i.test(text);

const action = (ctx: CallContext) => `${ctx.method.toUpperCase()} ${ctx.path.split('?')[0]}`;

/** "ticket 123", "agreement addition", or the path when the table does not know it. */
function subject(ctx: CallContext): string {
  const resource = resolveResource(ctx.path);
  if (!resource) return ctx.path.split('?')[0] ?? ctx.path;
  return resource.id === null ? resource.label : `${resource.label} ${resource.id}`;
}

/** An HTTP answer that is not a success, after any retries. `body` is parsed JSON or text. */
export function httpFailure(ctx: CallContext, status: number, body: unknown, contentType: string | null, retryAfterSeconds: number | null): AppError {
  const error = ErrorBody.safeParse(body);
  const parsed: ErrorBody | null = error.success && typeof body === 'object' ? error.data : null;
  const serverMessage = parsed?.message?.trim() || (typeof body === 'string' && !looksLikeHtml(contentType, body) ? body.trim().slice(0, 200) : '');
  const said = serverMessage.replace(/\.\s*$/, '');

  if (isCannotRoute(body)) return cannotRoute(ctx);
  if (typeof body === 'string' && looksLikeHtml(contentType, body) && status < 500) return notTheApi(ctx, status);
  switch (status) {
    case 400:
      return badRequest(ctx, parsed, serverMessage);
    case 401:
      return unauthorized(ctx, serverMessage);
    case 403:
      return forbidden(ctx, serverMessage);
    case 404:
      return notFound(ctx, parsed, serverMessage);
    case 409:
      return manageError('conflict', {
        message: `ConnectWise refused to change the ${subject(ctx)}: ${said || 'another record is using it'}.`,
        hint: 'Another record refers to it or someone changed it at the same time; reload and try again.',
        status,
      });
    case 429:
      return rateLimited(ctx, retryAfterSeconds);
    default:
      if (status >= 500) {
        return manageError('server-error', {
          message: `ConnectWise had a server problem (HTTP ${status}) while answering ${action(ctx)}.`,
          hint: 'This is usually temporary; try again in a few minutes. If it persists, check status.connectwise.com.',
          status,
          retryable: true,
        });
      }
      return manageError('invalid-request', {
        message: `ConnectWise refused ${action(ctx)} (HTTP ${status})${said ? `: ${said}` : ''}.`,
        status,
      });
  }
}

function cannotRoute(ctx: CallContext): AppError {
  return manageError('cannot-route', {
    message: `ConnectWise at ${ctx.host} cannot route requests for the company id “${ctx.companyId}”: the company id or the site’s codebase is wrong.`,
    hint: 'Use the company id you type on the Manage login screen, then run “Test connection” again to re-read the site.',
    field: 'manage.companyId',
    status: 404,
  });
}

function notTheApi(ctx: CallContext, status: number): AppError {
  return manageError('not-manage-site', {
    message: `${ctx.host} answered ${action(ctx)} with a web page instead of ConnectWise data.`,
    hint: 'The site address may point at the Manage web client, a proxy or a login page; run “Test connection” again.',
    field: 'manage.site',
    status,
  });
}

function badRequest(ctx: CallContext, body: ErrorBody | null, serverMessage: string): AppError {
  // Real wording (connectwise-rest #35): "... does not support the API version '2025.1'."
  if (/does not support the api version/i.test(serverMessage)) {
    return manageError('unsupported-version', {
      message: `This Manage server does not accept the API version Backup Bridge asked for: ${serverMessage}`,
      hint: 'Run “Test connection” again so Backup Bridge re-reads the server’s version.',
      field: 'manage.site',
      status: 400,
    });
  }
  const details = (body?.errors ?? [])
    .filter((item) => item.message)
    .map((item) => ({ ...(item.field ? { field: item.field } : {}), message: item.message as string }));
  const first = details[0]?.message ?? serverMessage;
  return manageError('invalid-request', {
    message: `ConnectWise rejected the ${subject(ctx)}${first ? `: ${first}` : '.'}`,
    hint: details.length > 1 ? 'The details list every field ConnectWise objected to.' : undefined,
    status: 400,
    ...(details.length ? { details } : {}),
  });
}

/**
 * UNVERIFIED: real 401 bodies for a missing or unknown clientId are not documented. Any 401 whose
 * message talks about the client id is taken to be about it; every other 401 is about the keys.
 * A revoked key and a wrong key look the same on the wire, so they share the message.
 */
function unauthorized(ctx: CallContext, serverMessage: string): AppError {
  if (/client\s*id/i.test(serverMessage)) {
    const missing = /required|missing|no client/i.test(serverMessage);
    return manageError(missing ? 'missing-client-id' : 'unknown-client-id', {
      message: missing
        ? 'ConnectWise requires a clientId with every request, and none was sent.'
        : 'ConnectWise does not recognise the clientId Backup Bridge sent.',
      hint: 'Enter the clientId registered for this integration at developer.connectwise.com/ClientID (a GUID).',
      field: 'manage.clientId',
      status: 401,
    });
  }
  return manageError('bad-keys', {
    message:
      'ConnectWise rejected the API keys — check the public and private key of the API member (System → Members → API Members → API Keys).',
    hint: `The keys must belong to company “${ctx.companyId}”; a deleted or regenerated key stops working at once.`,
    field: 'manage.publicKey',
    status: 401,
  });
}

/**
 * Which module and level the role lacks: the module named in the server's message when it names
 * one we know (closing a ticket needs "Close Service Tickets", not "Service Tickets"), otherwise
 * the module of the resource; the level from the message ("does not allow edit", UNVERIFIED
 * wording) or from the HTTP method.
 */
function missingPermission(ctx: CallContext, serverMessage: string): { label: string; module: string; level: Level } | null {
  const module = moduleNamedIn(serverMessage) ?? resolveResource(ctx.path)?.module ?? null;
  if (!module) return null;
  const said = /\b(add|edit|delete|inquire)\b/i.exec(serverMessage)?.[1]?.toLowerCase() as Level | undefined;
  const level = said ?? levelFor(ctx.method);
  return { label: permissionLabel(module, [level]), module: moduleLabel(module), level };
}

function forbidden(ctx: CallContext, serverMessage: string): AppError {
  const missing = missingPermission(ctx, serverMessage);
  return manageError('forbidden', {
    message: missing
      ? `The API member’s security role does not allow this: it needs “${missing.label}”.`
      : `The API member’s security role does not allow ${action(ctx)}.`,
    hint: missing
      ? `In Manage, open System › Security Roles, choose the API member’s role and set ${missing.module} › ${LEVEL_LABEL[missing.level]} Level to All.`
      : 'In Manage, open System › Security Roles and compare the API member’s role with the role table in the setup guide.',
    status: 403,
  });
}

function notFound(ctx: CallContext, body: ErrorBody | null, serverMessage: string): AppError {
  // UNVERIFIED: ASP.NET's wording for a URL no route matches, i.e. an endpoint this server lacks.
  if (/no http resource was found/i.test(serverMessage)) {
    return manageError('endpoint-missing', {
      message: `This Manage server does not offer ${action(ctx)}; it may be an older version.`,
      status: 404,
    });
  }
  const named = resolveResource(ctx.path)?.id != null;
  return manageError('not-found', {
    message: named
      ? `ConnectWise has no ${subject(ctx)}; it may have been deleted or merged.`
      : `ConnectWise could not find the ${subject(ctx)}${body?.message ? `: ${body.message}` : '.'}`,
    hint: 'Reload the screen; if the record was deleted in Manage, link or create it again.',
    status: 404,
  });
}

function rateLimited(ctx: CallContext, retryAfterSeconds: number | null): AppError {
  const wait = retryAfterSeconds !== null ? `try again in ${retryAfterSeconds} s` : 'try again in a minute';
  return manageError('rate-limited', {
    message: `ConnectWise is rate-limiting requests from Backup Bridge (${action(ctx)}); ${wait}.`,
    hint: 'Other integrations on the same Manage site share the limit; Backup Bridge already waited and retried.',
    status: 429,
    retryable: true,
  });
}

export function networkFailure(ctx: CallContext, cause: string): AppError {
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  if (offline) {
    return manageError('offline', {
      message: 'This computer is offline, so ConnectWise cannot be reached.',
      hint: 'Reconnect to the network; Backup Bridge tries again on the next refresh.',
      retryable: true,
    });
  }
  return manageError('unreachable', {
    message: `Cannot reach ConnectWise at ${ctx.host} (${cause}).`,
    hint: 'Check the network connection and the site address; a VPN or firewall may block it.',
    field: 'manage.site',
    retryable: true,
  });
}

export function timeoutFailure(ctx: CallContext, ms: number): AppError {
  return manageError('timeout', {
    message: `ConnectWise did not answer ${action(ctx)} within ${Math.round(ms / 1000)} s.`,
    hint: 'The server may be busy; try again shortly.',
    retryable: true,
  });
}

/** A call stopped by its caller (ManageClient.withSignal): nobody waits for its answer any more. */
export function cancelled(ctx: CallContext): AppError {
  return manageError('cancelled', {
    message: `Backup Bridge stopped ${action(ctx)}: what it was for had already failed.`,
    retryable: true,
  });
}

/** A success status whose body is not the JSON it should be (HTML, cut off, empty). */
export function invalidResponse(ctx: CallContext, contentType: string | null, text: string): AppError {
  if (looksLikeHtml(contentType, text)) return notTheApi(ctx, 200);
  return manageError('invalid-response', {
    message: `ConnectWise’s answer to ${action(ctx)} is not valid JSON (${text.trim() === '' ? 'it is empty' : 'it is cut off or malformed'}).`,
    hint: 'This is usually a network hiccup; try again.',
    retryable: true,
  });
}

/** JSON of the wrong shape: name the fields, never crash, never use part of it. */
export function unexpectedData(ctx: CallContext, issues: readonly z.core.$ZodIssue[]): AppError {
  const details = issues.slice(0, 10).map((issue) => ({ field: issue.path.join('.') || undefined, message: issue.message }));
  const fields = [...new Set(details.map((detail) => detail.field ?? '(the whole answer)'))].slice(0, 3).join(', ');
  return manageError('unexpected-data', {
    message: `ConnectWise sent ${subject(ctx)} data Backup Bridge does not understand (${fields}).`,
    hint: 'Nothing was changed. This can follow a Manage upgrade; report it with the details.',
    details,
  });
}
