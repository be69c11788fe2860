import { describe, expect, it } from "vitest";
import * as N from "@/workflows/compiler/number-set";

describe("number sets", () => {
  it("should merge touching intervals and keep separate ones apart", () => {
    expect(N.union(N.below(5, true), N.above(5, false))).toEqual(N.ALL);
    expect(N.union(N.below(5, false), N.above(5, false))).toHaveLength(2);
  });

  it("should intersect with the right open and closed ends", () => {
    expect(N.intersect(N.above(5, true), N.below(5, true))).toEqual(N.closed(5, 5));
    expect(N.intersect(N.above(5, false), N.below(5, true))).toEqual(N.EMPTY);
  });

  it("should complement to the values left out", () => {
    expect(N.complement(N.ALL)).toEqual(N.EMPTY);
    expect(N.complement(N.EMPTY)).toEqual(N.ALL);
    expect(N.complement(N.complement(N.closed(1, 2)))).toEqual(N.closed(1, 2));
    expect(N.sampleOf(N.complement(N.union(N.above(100, true), N.below(50, false))))).toBe(50);
  });
});
