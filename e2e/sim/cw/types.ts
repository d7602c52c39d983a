/** A ConnectWise record exactly as the REST API would return it (ids, reference objects, _info). */
export type CwRecord = Record<string, unknown> & { id: number };

/**
 * Read access to the simulated ConnectWise data, used by the Manage screen imitation.
 * `path` is an API collection path without the `/apis/3.0/` prefix, e.g. `company/companies`,
 * `finance/agreements/19064/additions`, `service/tickets/123456/notes`.
 */
export interface CwReadStore {
  get(path: string, id: number): CwRecord | undefined;
  list(path: string): CwRecord[];
}
