import { AppError } from '../errors';

/**
 * The `AppError.data.code`s a vendor client throws. Messages are written for a technician; the
 * codes are for code that must branch (e.g. hide a button after `vendor-unsupported`).
 */
export const VENDOR_ERROR_CODES = [
  /** The reseller token or the access token was refused (401 on a reseller route). */
  'vendor-auth',
  /** An organisation's own token was refused, even after re-reading the organisation list. */
  'vendor-org-token',
  /** The organisation has no API token (deleted at the vendor). */
  'vendor-org-unavailable',
  /** The API tier may only read: writes answer 403. */
  'vendor-read-only',
  /** Any other 403. */
  'vendor-forbidden',
  /** The API lacks this route (404/405): do it in the vendor portal. */
  'vendor-unsupported',
  'vendor-not-found',
  /** 409: the mailbox is not in a state a retry can help. */
  'vendor-not-retryable',
  /** 409: the organisation or mailbox is in the wrong state for this change. */
  'vendor-invalid-state',
  /** 422, with one `details` entry per field. */
  'vendor-validation',
  /** 400 */
  'vendor-bad-request',
  /** The events cursor is unknown to the vendor (e.g. after a reset); start again without one. */
  'vendor-cursor-expired',
  /** 429 after the retry budget. */
  'vendor-rate-limited',
  /** 5xx: the vendor is down or failing. */
  'vendor-unavailable',
  /** DNS, refused connection, or an address that answers with something other than the API. */
  'vendor-unreachable',
  'vendor-timeout',
  /** An answer that is not what the API should send (HTML, cut-off JSON, wrong types). */
  'vendor-bad-response',
  /** A change timed out and the vendor's state does not show whether it happened. */
  'vendor-unconfirmed',
  /** Anything else the vendor answered with. */
  'vendor-error',
] as const;
export type VendorErrorCode = (typeof VENDOR_ERROR_CODES)[number];

export const isVendorError = (error: unknown, code: VendorErrorCode): error is AppError =>
  error instanceof AppError && error.data.code === code;
