/**
 * Errors and how they are worded on the wire.
 *
 * - Simulator-only routes use the neutral body of vendor-api.md §5.5:
 *   `{ error: { code, message, details?, retryable }, request_id }`.
 * - Routes clients have seen on real Dropsuite answer 401 with `{ "error": "<message>" }`
 *   (clients only report that the text contains "not authorized to perform this action"; the
 *   exact body is UNVERIFIED) and unknown things with Rails' HTML 404 page (UNVERIFIED, the
 *   API looks like a Rails app: will_paginate names, `result_set`).
 */

export const NOT_AUTHORIZED_MESSAGE = 'You are not authorized to perform this action.';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { details?: Record<string, unknown>; retryable?: boolean; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export const unauthorized = () => new ApiError(401, 'unauthorized', NOT_AUTHORIZED_MESSAGE);

/** The answer for an unknown route, a switched-off capability, or an unknown record on a Dropsuite route. */
export const routeNotFound = () => new ApiError(404, 'route_not_found', 'Not Found');

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found`);

export const invalidState = (message: string, details?: Record<string, unknown>) =>
  new ApiError(409, 'invalid_state', message, details ? { details } : {});

export const notRetryable = (message: string) => new ApiError(409, 'not_retryable', message);

/** 422 with one message per offending field. */
export const validationError = (fields: Record<string, string>) =>
  new ApiError(422, 'validation_error', 'The request is not valid', { details: { fields } });

export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);

export const ROUTE_NOT_FOUND_HTML = `<!DOCTYPE html>
<html>
<head><title>The page you were looking for doesn't exist (404)</title></head>
<body><div class="dialog"><h1>The page you were looking for doesn't exist.</h1>
<p>You may have mistyped the address or the page may have moved.</p></div></body>
</html>
`;
