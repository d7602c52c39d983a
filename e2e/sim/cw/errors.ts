/**
 * Error answers of the simulated Manage API. The JSON shape is the spec's ErrorResponseMessage
 * `{code, message, errors}`. `errors` is null when there are no field errors, as in a real
 * response captured in markciecior/ConnectPyse #4 (`"errors": null`).
 */

export interface FieldError {
  code: string;
  message: string;
  resource: string;
  field: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  errors: FieldError[] | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | string,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'string' ? body : body.message);
  }
}

const json = (status: number, code: string, message: string, errors: FieldError[] | null = null, headers?: Record<string, string>) =>
  new ApiError(status, { code, message, errors }, headers);

/**
 * The plain-text body a wrong codebase or company gets (captured in RationallyPrime/connectwise-etl
 * schema.json). UNVERIFIED: the status code; 404 fits a routing failure.
 */
export const CANNOT_ROUTE = 'Cannot route. Codebase/company is invalid';
export const cannotRoute = () => new ApiError(404, CANNOT_ROUTE);

/** "Ticket 1255787 not found" is real wording (LabtechConsulting/ConnectWise-Manage-Powershell #13). */
export const notFound = (entity: string, id: number | string) => json(404, 'NotFound', `${entity} ${id} not found`);

/** UNVERIFIED: ASP.NET Web API's wording for a URL no route matches. */
export const noRoute = (url: string) => json(404, 'NotFound', `No HTTP resource was found that matches the request URI '${url}'.`);

/** UNVERIFIED: ASP.NET Web API's wording; the Allow header is standard HTTP. */
export const methodNotAllowed = (method: string, allowed: string[]) =>
  json(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`, null, { allow: allowed.join(', ') });

/** Real wording (connectwise-rest #35); UNVERIFIED: status 400. */
export const unsupportedVersion = (url: string, version: string) =>
  json(400, 'ConnectWiseApi', `The HTTP resource that matches the request URI '${url}' does not support the API version '${version}'.`);

/** UNVERIFIED messages; the code "Unauthorized" is one clients handle (christaylorcodes Invoke-CWMWebRequest). */
export const unauthorized = (message: string) => json(401, 'Unauthorized', message);

/** UNVERIFIED: body of a 403; the status itself is documented ("PSA API Requests"). */
export const forbidden = (message: string) => json(403, 'Forbidden', message);

/** UNVERIFIED: top-level code for a bad conditions/orderBy/paging parameter; the status 400 is documented. */
export const badQuery = (message: string) => json(400, 'InvalidObject', message);

/**
 * Validation failure: `{code:"InvalidObject", message:"company object is invalid", errors:[...]}`.
 * The top-level shape and the lower-case resource name match a real 400 quoted in a public source
 * comment; UNVERIFIED: the per-field codes other than OutOfRange (we use NullValue, InvalidField,
 * MaxLength, InvalidValue, DuplicateValue).
 */
export const invalidObject = (resource: string, errors: FieldError[]) =>
  json(400, 'InvalidObject', `${resource} object is invalid`, errors);

/** UNVERIFIED: ASP.NET's wording for a body that is not JSON; 415 is documented. */
export const unsupportedMediaType = (mediaType: string) =>
  json(415, 'UnsupportedMediaType', `The request entity's media type '${mediaType}' is not supported for this resource.`);

/** UNVERIFIED: body of a 409 ("record in use" is the documented meaning). */
export const conflict = (message: string) => json(409, 'Conflict', message);
