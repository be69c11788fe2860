/**
 * Statistics for "pilot versus the rest": a two-proportion z-test with a confidence interval,
 * and medians. Pure and dependency-free, so the same figures show in any view and in tests.
 */

/**
 * The complementary error function, erfc(x), to a fractional error below 1.2e-7 everywhere
 * (Chebyshev fit, Numerical Recipes §6.2 `erfcc`): plenty for p-values shown to three digits.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** The standard normal's upper tail beyond |z|, both sides: the two-sided p-value of a z score. */
export const twoSidedP = (z: number) => erfc(Math.abs(z) / Math.SQRT2);

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export type ProportionTest = {
  /** Successes and trials of the first group (the pilot) and the second (the rest). */
  a: { x: number; n: number; rate: number | null };
  b: { x: number; n: number; rate: number | null };
  /** rate a − rate b; null when a group is empty. */
  difference: number | null;
  /** Pooled two-proportion z statistic; null when it cannot be computed (empty group, 0% or 100% in both). */
  z: number | null;
  /** Two-sided p-value of z (null with it). */
  p: number | null;
  /** 95% Wald interval of the difference (unpooled standard error). */
  ci: [number, number] | null;
};

/**
 * Two-proportion z-test of `x1/n1` against `x2/n2`: is the difference more than sampling noise?
 * The test uses the pooled proportion (under "no difference"); the interval uses each group's own.
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): ProportionTest {
  const rate = (x: number, n: number) => (n > 0 ? x / n : null);
  const a = { x: x1, n: n1, rate: rate(x1, n1) };
  const b = { x: x2, n: n2, rate: rate(x2, n2) };
  if (a.rate === null || b.rate === null) return { a, b, difference: null, z: null, p: null, ci: null };
  const difference = a.rate - b.rate;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = se > 0 ? difference / se : null;
  const seDiff = Math.sqrt((a.rate * (1 - a.rate)) / n1 + (b.rate * (1 - b.rate)) / n2);
  return {
    a,
    b,
    difference,
    z,
    p: z === null ? null : twoSidedP(z),
    ci: [difference - Z_95 * seDiff, difference + Z_95 * seDiff],
  };
}

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type Verdict =
  | { kind: "better" | "worse"; p: number }
  | { kind: "notEnoughData"; reason: "smallSample" | "notSignificant" };

/** Smallest group and smallest count of each outcome in each group for the normal approximation. */
export const MIN_GROUP = 20;
export const MIN_OUTCOMES = 5;

/**
 * The plain verdict on a proportion where higher is better (win rate, conversion): better or
 * worse when the difference is significant at `alpha`, else "not enough data yet" — because the
 * groups are too small for the test to mean anything (fewer than 20, or fewer than 5 wins or
 * losses in a group), or because the difference could still be noise.
 */
export function verdict(test: ProportionTest, alpha = 0.05): Verdict {
  const { a, b } = test;
  const small = a.n < MIN_GROUP || b.n < MIN_GROUP || Math.min(a.x, a.n - a.x, b.x, b.n - b.x) < MIN_OUTCOMES;
  if (small) return { kind: "notEnoughData", reason: "smallSample" };
  if (test.p === null || test.difference === null || test.p >= alpha)
    return { kind: "notEnoughData", reason: "notSignificant" };
  return { kind: test.difference > 0 ? "better" : "worse", p: test.p };
}
