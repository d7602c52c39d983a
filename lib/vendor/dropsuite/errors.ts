import type { z } from 'zod';
import { AppError, type AppErrorData } from '../../errors';
import type { Capability } from '../domain';
import type { VendorErrorCode } from '../errors';
import { ErrorBody } from './wire';

/**
 * Every failure of the Dropsuite API in a technician's words, in one place. Messages say what
 * happened and what to do; they never include tokens (the client also redacts, in case the
 * vendor echoes one back).
 */

/** An optional route: a capability, or task polling (which backs retry and reauthorize). */
export type Feature = Capability | 'tasks';

export interface RequestContext {
  /** What the call does, as in "… while trying to {action}": "read the organisation list". */
  action: string;
  /** What a 404 means is missing: "organisation 5979". */
  subject?: string;
  /** The route is optional (SIMULATOR-ONLY): a missing route means the feature is unsupported. */
  feature?: Feature;
  /** The route exists on every Dropsuite API, so a missing route means a wrong API address. */
  core?: boolean;
  write: boolean;
}

export interface Links {
  apiUrl: string;
  portalUrl: string;
}

const FEATURE_LABEL: Record<Feature, string> = {
  retry: 'Force Backup',
  reauthorize: 're-authorising a mailbox',
  changeSeats: 'changing seats',
  suspend: 'suspending an organisation',
  unsubscribe: 'unsubscribing an organisation',
  reactivate: 'reactivating an organisation',
  impersonate: '"Login as Client"',
  events: 'a change feed',
  history: 'backup history',
  actions: 'looking up mailbox actions',
  tasks: 'task status',
};

const vendorError = (code: VendorErrorCode, data: Omit<AppErrorData, 'code'>) => new AppError({ code, ...data });

/** The vendor's own error text and field messages, whatever the body's shape. */
function readErrorBody(body: unknown): ErrorBody | null {
  const parsed = ErrorBody.safeParse(body);
  return parsed.success ? parsed.data : null;
}

const withReason = (text: string, reason: string | null | undefined) =>
  reason ? `${text}: ${reason.replace(/\.$/, '')}.` : `${text}.`;

function fieldDetails(details: Record<string, unknown>): NonNullable<AppErrorData['details']> {
  const fields = details.fields;
  const source = typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? fields : details;
  return Object.entries(source).map(([field, message]) => ({
    field,
    message: typeof message === 'string' ? message : JSON.stringify(message),
  }));
}

function unsupported(feature: Feature, links: Links): AppError {
  return vendorError('vendor-unsupported', {
    message: `The vendor's API does not offer ${FEATURE_LABEL[feature]}.`,
    hint: `Do it in the vendor portal instead: ${links.portalUrl}`,
  });
}

/** The address answers, but not like the API: a web page, or no such route where every Dropsuite API has one. */
export function notTheApi(status: number, isHtml: boolean, ctx: RequestContext, links: Links): AppError {
  return vendorError('vendor-unreachable', {
    message: `Cannot reach the vendor API at ${links.apiUrl}: that address answers, but not like the vendor's API `
      + `(HTTP ${status}${isHtml ? ', a web page' : ''}), so Backup Bridge could not ${ctx.action}.`,
    hint: 'Check the API URL in the options: it is the reseller API base, usually ending in /api (e.g. https://dropsuite.us/api).',
    field: 'vendor.apiUrl',
    status,
  });
}

export function httpFailure(
  status: number, body: unknown, retryAfterSeconds: number | null, isHtml: boolean, ctx: RequestContext, links: Links,
): AppError {
  const vendor = isHtml ? null : readErrorBody(body);
  const reason = vendor?.message ?? null;
  const common = { status, retryable: false };
  switch (status) {
    case 401:
      return vendorError('vendor-auth', {
        ...common,
        message: 'The vendor rejected the reseller token or access token — copy them again from Partner Portal → Settings → API Information.',
        hint: 'The reseller token is the UUID on that page (not the short reseller number); the access token is the reseller-level authentication token.',
      });
    case 403:
      return ctx.write
        ? vendorError('vendor-read-only', {
          ...common,
          message: `The vendor lets this API account only read (HTTP 403), so Backup Bridge cannot ${ctx.action}.`,
          hint: 'The vendor allows sub-partners and resellers GET requests only (its API documentation, as quoted by the MSPbots '
            + `Dropsuite integration). Make the change in the vendor portal (${links.portalUrl}), or ask the vendor for direct-partner API access.`,
        })
        : vendorError('vendor-forbidden', { ...common, message: withReason(`The vendor refused access while trying to ${ctx.action} (HTTP 403)`, reason) });
    case 404:
    case 405:
      if (ctx.feature && (isHtml || vendor === null || status === 405)) return unsupported(ctx.feature, links);
      if (ctx.core) return notTheApi(status, isHtml, ctx, links);
      return vendorError('vendor-not-found', {
        ...common,
        message: `The vendor has no ${ctx.subject ?? 'such record'}.`,
        hint: 'It may have been removed at the vendor; refresh and check the link in ConnectWise.',
      });
    case 409: {
      const notRetryable = vendor?.code === 'not_retryable';
      return vendorError(notRetryable ? 'vendor-not-retryable' : 'vendor-invalid-state', {
        ...common,
        message: withReason(`The vendor would not ${ctx.action}`, reason),
        hint: notRetryable
          ? 'Force Backup is only for failing mailboxes; refresh to see the mailbox\'s current state.'
          : 'Refresh to see the current state; nothing was changed.',
        ...(vendor && Object.keys(vendor.details).length > 0 ? { details: fieldDetails(vendor.details) } : {}),
      });
    }
    case 422: {
      const details = vendor ? fieldDetails(vendor.details) : [];
      const fields = details.map((d) => `${d.field}: ${d.message}`).join('; ');
      return vendorError('vendor-validation', {
        ...common,
        message: withReason(`The vendor rejected the request to ${ctx.action}`, fields || reason),
        ...(details.length > 0 ? { details } : {}),
      });
    }
    case 400:
      return vendorError('vendor-bad-request', {
        ...common,
        message: withReason(`The vendor rejected the request to ${ctx.action} as malformed (HTTP 400)`, reason),
        hint: 'This is a Backup Bridge bug; please report it with this message.',
      });
    case 429:
      return vendorError('vendor-rate-limited', {
        status,
        retryable: true,
        message: `The vendor is limiting how fast Backup Bridge may call it (HTTP 429); it could not ${ctx.action}.`,
        hint: retryAfterSeconds === null
          ? 'Wait a minute and try again.'
          : `The vendor asked to wait ${retryAfterSeconds} seconds; try again after that.`,
      });
    default:
      if (status === 503) {
        return vendorError('vendor-unavailable', {
          status,
          retryable: true,
          message: `The vendor's API is temporarily unavailable (HTTP 503); Backup Bridge could not ${ctx.action}.`,
          hint: 'The vendor is down or overloaded; try again in a few minutes.',
        });
      }
      if (status >= 500) {
        return vendorError('vendor-unavailable', {
          status,
          retryable: true,
          message: withReason(`The vendor's API failed (HTTP ${status}) while trying to ${ctx.action}`, reason),
          hint: ctx.write
            ? 'The change may or may not have been made; check its state before trying again.'
            : 'Try again in a few minutes; if it keeps failing, contact the vendor.',
        });
      }
      return vendorError('vendor-error', { ...common, message: withReason(`The vendor answered HTTP ${status} while trying to ${ctx.action}`, reason) });
  }
}

const NETWORK_CAUSES: Array<[RegExp, string]> = [
  [/ENOTFOUND|EAI_AGAIN|getaddrinfo/, 'the host name does not resolve'],
  [/ECONNREFUSED/, 'the connection was refused'],
  [/ECONNRESET|socket hang up|UND_ERR_SOCKET/, 'the connection was dropped'],
  [/CERT|SSL|TLS/i, 'its certificate is not trusted'],
];

/** `detail` is the low-level cause (e.g. "connect ECONNREFUSED 127.0.0.1:9"), reworded here. */
export function networkFailure(detail: string, ctx: RequestContext, links: Links): AppError {
  const cause = NETWORK_CAUSES.find(([pattern]) => pattern.test(detail))?.[1] ?? 'the network request failed';
  return vendorError('vendor-unreachable', {
    message: `Cannot reach the vendor API at ${links.apiUrl} (${cause}) while trying to ${ctx.action}.`,
    hint: 'Check the API URL in the options (e.g. https://dropsuite.us/api), the network connection, and whether the vendor is up.',
    field: 'vendor.apiUrl',
    retryable: true,
  });
}

export function timeoutFailure(timeoutMs: number, ctx: RequestContext): AppError {
  return vendorError('vendor-timeout', {
    message: `The vendor API did not answer within ${timeoutMs < 1_000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1_000)} s`} while trying to ${ctx.action}.`,
    hint: ctx.write
      ? 'The change may still have been made; check its state before trying again.'
      : 'The vendor may be slow or overloaded; try again.',
    retryable: !ctx.write,
  });
}

export function badResponse(ctx: RequestContext, problem: string, issues: readonly z.core.$ZodIssue[] = []): AppError {
  const details = issues.slice(0, 5).map((issue) => ({
    ...(issue.path.length > 0 ? { field: issue.path.join('.') } : {}),
    message: issue.message,
  }));
  const first = details[0];
  const summary = first ? ` (${first.field ? `${first.field}: ` : ''}${first.message})` : '';
  return vendorError('vendor-bad-response', {
    message: `The vendor sent an answer Backup Bridge does not understand while trying to ${ctx.action}: ${problem}${summary}.`,
    hint: 'If this keeps happening, the vendor may have changed its API; report it with this message.',
    ...(details.length > 0 ? { details } : {}),
  });
}

export function orgTokenRefused(orgName: string): AppError {
  return vendorError('vendor-org-token', {
    status: 401,
    message: `The vendor refused ${orgName}'s own access token, even after Backup Bridge re-read it from the organisation list.`,
    hint: 'The reseller tokens work. The organisation\'s API access may have been revoked or be changing at the vendor; try again later or check it in the vendor portal.',
  });
}

export function orgWithoutToken(orgName: string): AppError {
  return vendorError('vendor-org-unavailable', {
    message: `${orgName} has no API access at the vendor (it is deleted), so its backup data cannot be read.`,
    hint: 'Deleted organisations are purged at the vendor; unlink it in ConnectWise if it is gone for good.',
  });
}

export function unconfirmed(original: AppError, seen: string): AppError {
  return vendorError('vendor-unconfirmed', {
    message: `${original.message.replace(/\.$/, '')}, and the vendor does not show whether it happened: ${seen}.`,
    hint: 'Check in the vendor portal before trying again.',
  });
}

export function cursorExpired(): AppError {
  return vendorError('vendor-cursor-expired', {
    message: 'The vendor does not know the change-feed position Backup Bridge saved (the feed may have been reset).',
    hint: 'Read the change feed again from the start.',
  });
}

export function unexpectedFailure(error: unknown, ctx: RequestContext): AppError {
  const detail = error instanceof Error ? error.message : String(error);
  return vendorError('vendor-error', { message: `Something went wrong while trying to ${ctx.action}: ${detail}` });
}
