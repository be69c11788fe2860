import { describe, expect, it } from "vitest";
import { figuresFromLog, type StageTime } from "@/lib/analytics";
import { DAY_S, MARCH, NOW, kindOf, lookup, steps, story } from "./story";

const march = (mode: "cohort" | "active" = "cohort") =>
  figuresFromLog(story, { lookup, steps, kindOf, period: MARCH, mode, now: NOW });

/** Percentiles are bucketed (docs/analytics.md): within 1.1 % of the exact value. */
const days = (seconds: number | null) => (seconds === null ? null : seconds / DAY_S);
const near = (actual: number | null, expected: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected) / expected).toBeLessThan(0.0111);
};
const stage = (rows: StageTime[], key: string) => rows.find((r) => r.key === key)!;

describe("funnel", () => {
  it("should count a cohort's deals at every step they reached, skipped steps included", () => {
    const f = march().funnel;
    // March's cohort: A B C D E F G (H was created in February, I in January).
    expect(f.deals).toBe(7);
    expect({ won: f.won, lost: f.lost, open: f.open }).toEqual({ won: 1, lost: 2, open: 4 });
    // Furthest step: A won, B C D negotiation (D's win was undone), F proposal, E analysis, G contact.
    expect(f.steps.map((s) => [s.key, s.reached])).toEqual([
      ["lead", 7],
      ["contact", 7],
      ["analysis", 6],
      ["proposal", 5],
      ["negotiation", 4],
      ["won", 1],
    ]);
    // Entered for real: F (no events) never was in Lead; B jumped from Lead to Negotiation.
    expect(f.steps.map((s) => [s.key, s.entered, s.skipped])).toEqual([
      ["lead", 6, 1],
      ["contact", 5, 2],
      ["analysis", 4, 2],
      ["proposal", 4, 1],
      ["negotiation", 4, 0],
      ["won", 1, 0],
    ]);
  });

  it("should give conversions step to step and from the first step", () => {
    const f = march().funnel;
    expect(f.steps.map((s) => s.conversion)).toEqual([1, 1, 6 / 7, 5 / 6, 4 / 5, 1 / 4]);
    expect(f.steps[5]!.fromFirst).toBe(1 / 7);
  });

  it("should sum the amounts of the deals reaching each step", () => {
    const f = march().funnel;
    expect(f.amount).toBe(2800);
    // negotiation: A 100 + B 200 + C 300 + D 400; won: A.
    expect(f.steps.map((s) => s.amount)).toEqual([2800, 2800, 2100, 1600, 1000, 100]);
  });

  it("should say where deals sit now and where the lost ones stopped", () => {
    const f = march().funnel;
    expect(f.steps.map((s) => [s.key, s.openHere, s.lostHere])).toEqual([
      ["lead", 0, 0],
      ["contact", 1, 0], // G, back from Nurture
      ["analysis", 1, 0], // E
      ["proposal", 1, 0], // F
      ["negotiation", 1, 2], // B open; C and D lost there
      ["won", 0, 0],
    ]);
    expect(f.side).toEqual([{ key: "nurture", entered: 1, amount: 700, openHere: 0 }]);
  });

  it("should count a deal once per step however often it went back and forth", () => {
    // C entered Proposal and Negotiation twice each; D entered Negotiation twice.
    const f = march().funnel;
    expect(f.steps.find((s) => s.key === "negotiation")!.entered).toBe(4);
    expect(f.steps.find((s) => s.key === "proposal")!.entered).toBe(4);
  });

  it("should take every deal in play in the period in active mode", () => {
    const f = march("active").funnel;
    // + H (created in February, open); I closed in January is out.
    expect(f.deals).toBe(8);
    expect(f.steps.map((s) => s.reached)).toEqual([8, 8, 7, 5, 4, 1]);
  });
});

describe("time in stage", () => {
  it("should take the stays that ended in the period, with nearest-rank percentiles", () => {
    const t = march().timeInStage;
    // Lead: A C D E G 1 day each, B 22 days (3 → 25 March).
    const lead = stage(t, "lead");
    expect(lead.visits).toBe(6);
    near(days(lead.p50), 1);
    near(days(lead.p75), 1);
    near(days(lead.p90), 22);
    expect(days(lead.mean)).toBeCloseTo(27 / 6, 6);
    expect([lead.breached, lead.breachRate]).toEqual([1, 1 / 6]); // B, over 3 days
    // Contact: C 1, D 1, G 2, A 3, E 4 (the migration on the 8th does not cut it), H 20 (from February).
    const contact = stage(t, "contact");
    expect(contact.visits).toBe(6);
    near(days(contact.p50), 2);
    near(days(contact.p75), 4);
    near(days(contact.p90), 20);
    expect(days(contact.mean)).toBeCloseTo(31 / 6, 6);
    expect(contact.breached).toBe(1); // H, over 7 days
    // Proposal: 2 2 4 10 (C twice); Negotiation: 2 3 4 4 5.
    const proposal = stage(t, "proposal");
    expect(proposal.visits).toBe(4);
    near(days(proposal.p50), 2);
    near(days(proposal.p75), 4);
    near(days(proposal.p90), 10);
    const negotiation = stage(t, "negotiation");
    near(days(negotiation.p50), 4);
    near(days(negotiation.p90), 5);
    expect(days(negotiation.mean)).toBeCloseTo(18 / 5, 6);
  });

  it("should sort exits forward, back, aside and lost, and give the steps' pass rates", () => {
    const t = march().timeInStage;
    expect(stage(t, "lead").exits).toEqual({ forward: 6, back: 0, side: 0, lost: 0 });
    expect(stage(t, "contact").exits).toEqual({ forward: 5, back: 0, side: 1, lost: 0 }); // G → Nurture
    expect(stage(t, "contact").passRate).toBe(5 / 6);
    // Negotiation: A and D won, C back to Proposal, C and D lost.
    expect(stage(t, "negotiation").exits).toEqual({ forward: 2, back: 1, side: 0, lost: 2 });
    expect(stage(t, "negotiation").passRate).toBe(2 / 5);
    expect(stage(t, "negotiation").nextStages).toEqual([
      { key: "lost", visits: 2 },
      { key: "won", visits: 2 },
      { key: "proposal", visits: 1 },
    ]);
    // Nurture is a side stage: its stays count, it has no pass rate.
    expect(stage(t, "nurture")).toMatchObject({ visits: 1, passRate: null });
    near(days(stage(t, "nurture").p50), 15);
  });

  it("should count the stays going on now and those past their limit, whatever the period", () => {
    const t = march().timeInStage;
    // Now (31 March noon): G in Contact since the 20th (> 7 days), E and H in Analysis since the
    // 10th and the 3rd (> 14), F in Proposal since the 7th (> 14), B in Negotiation since the 25th.
    expect(
      ["contact", "analysis", "proposal", "negotiation"].map((k) => [
        k,
        stage(t, k).openNow,
        stage(t, k).overdueNow,
      ]),
    ).toEqual([
      ["contact", 1, 1],
      ["analysis", 2, 2],
      ["proposal", 1, 1],
      ["negotiation", 1, 0],
    ]);
  });

  it("should never count a stay in Won or Lost", () => {
    const keys = march().timeInStage.map((r) => r.key);
    expect(keys).not.toContain("won");
    expect(keys).not.toContain("lost");
  });
});

describe("win rate, cycle, weighted pipeline, forecast", () => {
  it("should count deals by their last close in the period", () => {
    const o = march().outcomes;
    // A won on the 25th; C lost on the 18th; D won on the 10th, reopened, lost on the 15th.
    expect([o.won, o.lost, o.winRate]).toEqual([1, 2, 1 / 3]);
    expect([o.wonAmount, o.lostAmount, o.amountWinRate, o.averageWon]).toEqual([100, 700, 0.125, 100]);
    near(days(o.cycleMedian), 24);
    expect(days(o.cycleMean)).toBe(24);
  });

  it("should weigh the open deals by their stage's win probability", () => {
    const p = march().pipeline;
    // B 200 × 75 %, E 500 × 25 %, H 800 × 25 %, F 600 × 50 %, G 700 × 10 %.
    expect([p.deals, p.amount, p.weighted]).toEqual([5, 2800, 845]);
    expect(p.byStage.map((s) => [s.stage, s.deals, s.weighted])).toEqual([
      ["contact", 1, 70],
      ["analysis", 2, 325],
      ["proposal", 1, 300],
      ["negotiation", 1, 150],
    ]);
  });

  it("should forecast by expected close month, with what is already won", () => {
    const rows = march().forecast;
    const row = (m: string) => rows.find((r) => r.month === m)!;
    expect(rows.map((r) => r.month)).toEqual([
      "overdue",
      "2025-03",
      "2025-04",
      "2025-05",
      "2025-06",
      "2025-07",
      "2025-08",
      "none",
    ]);
    expect(row("overdue")).toMatchObject({ deals: 1, amount: 500, weighted: 125 }); // E, expected in February
    expect(row("2025-03")).toMatchObject({ deals: 1, weighted: 200, wonAmount: 100, forecast: 300 }); // H; A won
    expect(row("2025-04")).toMatchObject({ deals: 1, weighted: 150, forecast: 150 }); // B
    expect(row("2025-05")).toMatchObject({ deals: 1, weighted: 70 }); // G
    expect(row("none")).toMatchObject({ deals: 1, amount: 600, weighted: 300 }); // F
  });
});

describe("an empty period", () => {
  it("should give zeros and no rates rather than fail", () => {
    const empty = { from: new Date("2030-01-01T00:00:00Z"), to: new Date("2030-02-01T00:00:00Z") };
    const f = figuresFromLog(story, { lookup, steps, kindOf, period: empty, mode: "cohort", now: NOW });
    expect(f.funnel.deals).toBe(0);
    expect(f.funnel.steps.every((s) => s.reached === 0 && s.conversion === null)).toBe(true);
    expect(f.timeInStage.every((s) => s.visits === 0 && s.p50 === null && s.passRate === null)).toBe(true);
    expect(f.outcomes).toMatchObject({ won: 0, lost: 0, winRate: null, cycleMedian: null, averageWon: null });
  });
});
