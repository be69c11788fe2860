import { describe, expect, it } from "vitest";
import { attainmentOf, periodStartOf, targetPeriod } from "@/lib/analytics";

const march = targetPeriod("month", "2025-03-01");
/** Half-way through March 2025 in Beijing: 16 March, noon. */
const midMarch = new Date("2025-03-16T04:00:00Z");

describe("targets' attainment and pace", () => {
  it("should cut months and quarters in Beijing time", () => {
    expect(march).toEqual({ from: new Date("2025-02-28T16:00:00Z"), to: new Date("2025-03-31T16:00:00Z") });
    expect(targetPeriod("quarter", "2025-04-01").to).toEqual(new Date("2025-06-30T16:00:00Z"));
    expect(periodStartOf("quarter", midMarch)).toBe("2025-01-01");
    // 31 March 17:00 UTC is already April in Beijing.
    expect(periodStartOf("month", new Date("2025-03-31T17:00:00Z"))).toBe("2025-04-01");
  });

  it("should judge counts and amounts against the share of the period gone by", () => {
    // Half-way: 2 of 4 is on track, 1.7 of 4 (≥ 80 % of 2) at risk, 1.5 behind.
    expect(attainmentOf("dealsWon", 4, 2, march, midMarch)).toEqual({
      attainment: 0.5,
      elapsed: 0.5,
      expected: 2,
      pace: "onTrack",
    });
    expect(attainmentOf("wonAmount", 4, 1.7, march, midMarch).pace).toBe("atRisk");
    expect(attainmentOf("wonAmount", 4, 1.5, march, midMarch).pace).toBe("behind");
  });

  it("should say behind, not at risk, once the period is over without the target met", () => {
    const after = new Date("2025-04-05T00:00:00Z");
    expect(attainmentOf("dealsWon", 4, 3.9, march, after)).toMatchObject({ elapsed: 1, pace: "behind" });
    expect(attainmentOf("dealsWon", 4, 4, march, after).pace).toBe("onTrack");
  });

  it("should judge a conversion against the target rate itself", () => {
    expect(attainmentOf("conversion", 0.5, 0.5, march, midMarch).pace).toBe("onTrack");
    expect(attainmentOf("conversion", 0.5, 0.46, march, midMarch).pace).toBe("atRisk");
    expect(attainmentOf("conversion", 0.5, 0.44, march, midMarch)).toMatchObject({
      attainment: 0.88,
      pace: "behind",
    });
  });
});
