import { describe, expect, it } from "vitest";
import { comparePilot, groupFigures, type DealHistory, type StageRef } from "@/workflows/versions/compare";

const name = (en: string) => ({ zh: en, en });
const STAGES: StageRef[] = [
  { key: "lead", name: name("Lead"), outcome: "open" },
  { key: "proposal", name: name("Proposal"), outcome: "open" },
  { key: "won", name: name("Won"), outcome: "won" },
  { key: "lost", name: name("Lost"), outcome: "lost" },
];
const DAY = 86_400_000;
const t0 = new Date("2026-03-01T00:00:00Z").getTime();
const at = (days: number) => new Date(t0 + days * DAY);

/** A deal through the stages `path`, spending `days[i]` days in each before the next. */
function deal(path: string[], days: number[], amount: number | null = null): DealHistory {
  let t = 0;
  const moves = path.map((to, i) => {
    const move = { from: i === 0 ? null : path[i - 1]!, to, at: at(t) };
    t += days[i] ?? 0;
    return move;
  });
  const last = path[path.length - 1]!;
  return { amount, outcome: last === "won" ? "won" : last === "lost" ? "lost" : "open", moves };
}
const repeat = (n: number, make: () => DealHistory) => Array.from({ length: n }, make);

describe("figures of a group of deals", () => {
  it("should count who entered each stage, who moved on, and the median stay", () => {
    const figures = groupFigures(STAGES, [
      deal(["lead", "proposal", "won"], [2, 10], 100_000),
      deal(["lead", "proposal", "lost"], [4, 6], 50_000),
      deal(["lead", "lost"], [1]),
      deal(["lead"], []),
    ]);
    expect(figures).toMatchObject({ deals: 4, won: 1, lost: 2, avgWonAmount: 100_000 });
    expect(figures.stages.lead).toEqual({ entered: 4, advanced: 2, medianMs: 2 * DAY, stays: 3 });
    expect(figures.stages.proposal).toEqual({ entered: 2, advanced: 1, medianMs: 8 * DAY, stays: 2 });
  });

  it("should count a deal that went back and forth once per stage, and every stay", () => {
    const figures = groupFigures(STAGES, [
      deal(["lead", "proposal", "lead", "proposal", "won"], [1, 2, 3, 4]),
    ]);
    expect(figures.stages.lead).toEqual({ entered: 1, advanced: 1, medianMs: 2 * DAY, stays: 2 });
    expect(figures.stages.proposal).toEqual({ entered: 1, advanced: 1, medianMs: 3 * DAY, stays: 2 });
  });
});

describe("pilot versus the rest", () => {
  it("should find a pilot that wins 24 of 30 against 30 of 60 better (p 0.006)", () => {
    const pilot = [
      ...repeat(24, () => deal(["lead", "proposal", "won"], [1, 3], 200_000)),
      ...repeat(6, () => deal(["lead", "proposal", "lost"], [1, 3])),
      ...repeat(10, () => deal(["lead"], [])),
    ];
    const rest = [
      ...repeat(30, () => deal(["lead", "proposal", "won"], [3, 5], 100_000)),
      ...repeat(30, () => deal(["lead", "lost"], [2])),
    ];
    const result = comparePilot(STAGES, pilot, rest);
    expect(result.pilot.deals).toBe(40);
    expect(result.winRate.a).toEqual({ x: 24, n: 30, rate: 0.8 });
    expect(result.winRate.b).toEqual({ x: 30, n: 60, rate: 0.5 });
    expect(result.winRate.p).toBeCloseTo(0.00617, 4);
    expect(result.verdict).toEqual({ kind: "better", p: expect.closeTo(0.00617, 4) });
    expect(result.pilot.avgWonAmount).toBe(200_000);
    expect(result.rest.avgWonAmount).toBe(100_000);
    // Lead: 30 of 40 pilot deals moved on, 30 of 60 of the rest.
    const lead = result.stages.find((s) => s.key === "lead")!;
    expect(lead.conversion.a).toEqual({ x: 30, n: 40, rate: 0.75 });
    expect(lead.conversion.b).toEqual({ x: 30, n: 60, rate: 0.5 });
    expect(result.pilot.stages.lead!.medianMs).toBe(DAY);
    expect(result.rest.stages.lead!.medianMs).toBe(2.5 * DAY);
    expect(result.stages.map((s) => s.key)).toEqual(["lead", "proposal"]);
  });

  it("should say not enough data yet while the pilot has few closed deals", () => {
    const pilot = [
      ...repeat(3, () => deal(["lead", "proposal", "won"], [1, 1])),
      ...repeat(5, () => deal(["lead"], [])),
    ];
    const rest = repeat(40, () => deal(["lead", "lost"], [1]));
    expect(comparePilot(STAGES, pilot, rest).verdict).toEqual({
      kind: "notEnoughData",
      reason: "smallSample",
    });
  });
});
