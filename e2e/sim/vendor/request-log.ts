/** What the simulator answered, in order; tests count requests with it (e.g. "one retry, not three"). */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  status: number;
  /** Real milliseconds from arrival to the last byte, injected latency included. */
  ms: number;
}

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  private clears = 0;

  /** A request answered as it arrived. */
  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  /**
   * Call when a request arrives; record it with what this returns once it is answered. A request
   * answered after a clear is not recorded: it was asked before the reset, so it belongs to the
   * test or run before.
   */
  arriving(): (entry: RequestLogEntry) => void {
    const clears = this.clears;
    return (entry) => {
      if (clears === this.clears) this.record(entry);
    };
  }

  clear(): void {
    this.entries.length = 0;
    this.clears += 1;
  }

  /** Entries matching every given field (path is compared without the query string). */
  filter(match: Partial<Pick<RequestLogEntry, 'method' | 'path' | 'status'>> = {}): RequestLogEntry[] {
    return this.entries.filter((e) =>
      (match.method === undefined || e.method === match.method)
      && (match.path === undefined || e.path === match.path)
      && (match.status === undefined || e.status === match.status));
  }

  count(match: Partial<Pick<RequestLogEntry, 'method' | 'path' | 'status'>> = {}): number {
    return this.filter(match).length;
  }
}
