import { describe, expect, it } from "vitest";
import { erfc, median, twoProportionTest, verdict } from "@/workflows/versions/significance";

/* Expected figures computed independently (Python's math.erfc, the textbook formulas). */

describe("two-proportion z-test", () => {
  it("should find 60/100 against 45/100 significant at 5% (z 2.124, p 0.0337)", () => {
    const test = twoProportionTest(60, 100, 45, 100);
    expect(test.difference).toBeCloseTo(0.15, 10);
    expect(test.z).toBeCloseTo(2.123977, 5);
    expect(test.p).toBeCloseTo(0.033672, 5);
    expect(test.ci![0]).toBeCloseTo(0.013153, 5);
    expect(test.ci![1]).toBeCloseTo(0.286847, 5);
  });

  it("should give p = 1 and a symmetric interval for equal rates", () => {
    const test = twoProportionTest(30, 100, 30, 100);
    expect(test.z).toBe(0);
    expect(test.p).toBeCloseTo(1, 6);
    expect(test.ci![0]).toBeCloseTo(-0.12702, 5);
    expect(test.ci![1]).toBeCloseTo(0.12702, 5);
  });

  it("should find 200/1000 against 150/1000 highly significant (p 0.0033)", () => {
    const test = twoProportionTest(200, 1000, 150, 1000);
    expect(test.z).toBeCloseTo(2.942449, 5);
    expect(test.p).toBeCloseTo(0.003256, 5);
  });

  it("should give a negative z for a lower first rate (12/40 against 25/50: p 0.0553)", () => {
    const test = twoProportionTest(12, 40, 25, 50);
    expect(test.z).toBeCloseTo(-1.916141, 5);
    expect(test.p).toBeCloseTo(0.055347, 5);
  });

  it("should not compute a test for an empty group, or when both are all wins", () => {
    expect(twoProportionTest(0, 0, 5, 10)).toMatchObject({ z: null, p: null, ci: null, difference: null });
    expect(twoProportionTest(10, 10, 20, 20)).toMatchObject({ z: null, p: null, difference: 0 });
  });

  it("should match the normal tail at known points", () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(1.959963984540054 / Math.SQRT2)).toBeCloseTo(0.05, 6);
    expect(erfc(-1)).toBeCloseTo(1.842700793, 6);
  });
});

describe("median", () => {
  it("should take the middle value, or the mean of the middle two", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe("verdict", () => {
  it("should call a significant higher rate better and a significant lower one worse", () => {
    expect(verdict(twoProportionTest(24, 30, 30, 60))).toEqual({
      kind: "better",
      p: expect.closeTo(0.00617, 4),
    });
    expect(verdict(twoProportionTest(8, 30, 30, 60))).toEqual({
      kind: "worse",
      p: expect.closeTo(0.034625, 4),
    });
  });

  it("should say not enough data yet when the difference could be noise", () => {
    expect(verdict(twoProportionTest(16, 30, 30, 60))).toEqual({
      kind: "notEnoughData",
      reason: "notSignificant",
    });
    // p 0.055: just above 5%, even though the interval's edge is near zero.
    expect(verdict(twoProportionTest(12, 40, 25, 50))).toEqual({
      kind: "notEnoughData",
      reason: "notSignificant",
    });
  });

  it("should say not enough data yet for small groups, whatever the rates", () => {
    expect(verdict(twoProportionTest(5, 8, 10, 20))).toEqual({
      kind: "notEnoughData",
      reason: "smallSample",
    });
    // 20 each but only 2 losses in the pilot: the normal approximation does not hold.
    expect(verdict(twoProportionTest(18, 20, 5, 20))).toEqual({
      kind: "notEnoughData",
      reason: "smallSample",
    });
  });
});
