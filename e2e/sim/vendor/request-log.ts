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

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  clear(): void {
    this.entries.length = 0;
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
