/**
 * SIMULATOR-ONLY token bucket per X-Reseller-Token on real (wall) time: Dropsuite publishes no
 * limits, but clients honour 429 + Retry-After, and this makes them prove it. The
 * X-RateLimit-* headers are invented for testing (vendor-api.md §5.6).
 */
export interface BucketVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  reset(): void {
    this.buckets.clear();
  }

  take(key: string, nowMs: number, ratePerSecond: number, burst: number): BucketVerdict {
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: nowMs };
    bucket.tokens = Math.min(burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * ratePerSecond);
    bucket.at = nowMs;
    this.buckets.set(key, bucket);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    const secondsUntil = (tokens: number) => Math.max(0, Math.ceil((tokens - bucket.tokens) / ratePerSecond));
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(burst),
      'x-ratelimit-remaining': String(Math.floor(bucket.tokens)),
      'x-ratelimit-reset': String(secondsUntil(burst)),
    };
    if (!allowed) headers['retry-after'] = String(Math.max(1, secondsUntil(1)));
    return { allowed, headers };
  }
}
