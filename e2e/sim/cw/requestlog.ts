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
  private clears = 0;

  add(entry: Omit<LoggedRequest, 'seq'>): void {
    this.items.push({ seq: ++this.seq, ...entry });
  }

  /**
   * Call when a request arrives; log it with what this returns once it is answered. A request
   * answered after a clear is not logged: it was asked before the reset (a late answer to a
   * client that gave up), so it belongs to the test or run before.
   */
  arriving(): (entry: Omit<LoggedRequest, 'seq'>) => void {
    const clears = this.clears;
    return (entry) => {
      if (clears === this.clears) this.add(entry);
    };
  }

  list(): readonly LoggedRequest[] {
    return this.items;
  }

  /** Forget everything; numbering starts again at 1. */
  clear(): void {
    this.items = [];
    this.seq = 0;
    this.clears += 1;
  }
}
