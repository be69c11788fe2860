/**
 * Stay buckets: durations (time in stage, sales cycle) are counted in buckets 2^(1/32) ≈ 2.2 %
 * wide, from one minute to twenty years, so a percentile comes out the same from a monthly rollup
 * and from raw rows, within about 1.1 % of the exact value. The SQL function `pw_stay_bucket`
 * (drizzle/0013) holds the same bounds; a unit test keeps the two equal.
 */

const STEPS_PER_DOUBLING = 32;
const LAST = 748; // 60 s × 2^(748/32) ≈ 21 years

/** Lower bounds in whole seconds: bucket b (1 ≤ b ≤ LAST + 1) holds bounds[b-1] ≤ s < bounds[b]. */
export const STAY_BUCKET_BOUNDS: readonly number[] = Array.from({ length: LAST + 1 }, (_, k) =>
  Math.round(60 * 2 ** (k / STEPS_PER_DOUBLING)),
);

/** Whole seconds between two instants, never negative (a move written before the stay began counts 0). */
export function staySeconds(enteredAt: Date, leftAt: Date): number {
  return Math.max(0, Math.floor((leftAt.getTime() - enteredAt.getTime()) / 1000));
}

/**
 * The bucket of a stay, as Postgres' `width_bucket(s, bounds)` numbers it: 0 below one minute,
 * b when bounds[b-1] ≤ s < bounds[b], LAST + 1 from the last bound on.
 */
export function stayBucket(seconds: number): number {
  let lo = 0;
  let hi = STAY_BUCKET_BOUNDS.length;
  // First bound greater than seconds.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (STAY_BUCKET_BOUNDS[mid]! <= seconds) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The value a bucket stands for, in seconds: the geometric middle of its bounds. */
export function bucketSeconds(bucket: number): number {
  if (bucket <= 0) return 30;
  const lo = STAY_BUCKET_BOUNDS[bucket - 1]!;
  const hi = STAY_BUCKET_BOUNDS[bucket];
  return hi === undefined ? lo : Math.sqrt(lo * hi);
}

export type BucketCount = { bucket: number; count: number };

/**
 * Nearest-rank percentile (the smallest value with at least p of the values at or below it)
 * of a histogram, as its bucket's value; null for no values.
 */
export function percentile(histogram: readonly BucketCount[], p: number): number | null {
  const total = histogram.reduce((s, h) => s + h.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  const sorted = [...histogram].sort((a, b) => a.bucket - b.bucket);
  let seen = 0;
  for (const h of sorted) {
    seen += h.count;
    if (seen >= rank) return bucketSeconds(h.bucket);
  }
  return bucketSeconds(sorted[sorted.length - 1]!.bucket);
}

/** Adds counts of equal buckets together. */
export function mergeHistogram(into: Map<number, number>, bucket: number, count: number): void {
  into.set(bucket, (into.get(bucket) ?? 0) + count);
}

export const histogramOf = (m: Map<number, number>): BucketCount[] =>
  [...m].map(([bucket, count]) => ({ bucket, count }));
