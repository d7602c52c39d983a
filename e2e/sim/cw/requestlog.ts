/**
 * What the simulated Manage API was asked, in order: for tests ("the retry did not create a second
 * ticket") and benchmarks ("requests per screen view"). Admin routes are not logged.
 */
export interface LoggedRequest {
  seq: number;
  method: string;
  /** Path and query string, as received. */
  path: string;
  status: number;
  /** Wall-clock time to answer, fault delays included. */
  ms: number;
  /** Wall-clock ISO time the request arrived. */
  time: string;
}

export class RequestLog {
  private items: LoggedRequest[] = [];
  private seq = 0;

  add(entry: Omit<LoggedRequest, 'seq'>): void {
    this.items.push({ seq: ++this.seq, ...entry });
  }

  list(): readonly LoggedRequest[] {
    return this.items;
  }

  /** Forget everything; numbering starts again at 1. */
  clear(): void {
    this.items = [];
    this.seq = 0;
  }
}
