/** Order statistics for benchmark samples: medians and spreads, never means (one noisy run would skew them). */

export interface Summary {
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
  /** Interquartile range: the run-to-run noise the comparisons are judged against. */
  iqr: number;
}

/** Linear interpolation between closest ranks (the usual "type 7" quantile). */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] ?? 0;
  const high = sorted[above] ?? low;
  return low + (high - low) * (position - below);
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Null for no samples, so a missing figure is visible in the JSON instead of reading as 0. */
export function summarize(values: readonly number[], digits = 1): Summary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: round(quantile(sorted, 0.5), digits),
    p90: round(quantile(sorted, 0.9), digits),
    min: round(sorted[0] ?? 0, digits),
    max: round(sorted[sorted.length - 1] ?? 0, digits),
    iqr: round(quantile(sorted, 0.75) - quantile(sorted, 0.25), digits),
  };
}

/**
 * Whether two arms differ by more than their noise: the difference of medians against the larger
 * interquartile range (and `floor`, the smallest difference worth calling a change).
 */
export function compareArms(without: Summary | null, withExtension: Summary | null, floor: number) {
  if (!without || !withExtension) return null;
  const difference = round(withExtension.median - without.median, 4);
  const noise = Math.max(without.iqr, withExtension.iqr, floor);
  return { difference, noise, measurable: difference > noise };
}
