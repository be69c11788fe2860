import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  STAY_BUCKET_BOUNDS,
  bottlenecks,
  bucketSeconds,
  customPeriod,
  factsOf,
  funnelSteps,
  percentile,
  presetPeriod,
  previousPeriod,
  splitByMonth,
  stayBucket,
  visitsOf,
  type StageTime,
} from "@/lib/analytics";
import { blankProcess } from "@/workflows/templates/blank";
import { defaultProcess } from "@/workflows/templates/default-process";
import { DAY_S, V1, V2, at, lookup, steps } from "./story";

describe("funnel steps", () => {
  it("should follow the default process's main route and leave Nurture aside", () => {
    expect(funnelSteps(defaultProcess)).toEqual({
      steps: ["lead", "contact", "analysis", "proposal", "negotiation", "won"],
      won: "won",
      side: ["nurture"],
    });
  });

  it("should fall back to the open stages in canvas order without a route to a won stage", () => {
    const s = funnelSteps(blankProcess);
    expect(s.steps.length).toBeGreaterThan(0);
    expect(s.side).toEqual([]);
  });
});

describe("visits from an event log", () => {
  const ev = (
    id: number,
    type: string,
    from: string | null,
    to: string | null,
    day: string,
    versionId = V1,
  ) => ({
    id,
    type,
    fromStage: from,
    toStage: to,
    versionId,
    at: at(day),
  });
  const head = { stage: "lead", versionId: V1, createdAt: at("03-01") };
  const lookup2 = (version: string, stage: string) =>
    version === V2 && stage === "discovery"
      ? {
          key: "discovery",
          name: { zh: "探索", en: "Discovery" },
          kind: "open" as const,
          probability: 20,
          timeLimitS: 5 * DAY_S,
        }
      : lookup(version, stage);

  it("should re-map the current stay on a migration, keeping its start, without a new visit", () => {
    const visits = visitsOf(
      [
        ev(1, "created", null, "lead", "03-01"),
        ev(2, "action", "lead", "contact", "03-02"),
        ev(3, "migrated", "contact", "discovery", "03-04", V2),
        ev(4, "action", "discovery", "analysis", "03-09", V2),
      ],
      head,
      lookup2,
    );
    expect(
      visits.map((v) => [v.stage, v.versionId, v.enteredAt.toISOString(), v.leftAt?.toISOString() ?? null]),
    ).toEqual([
      ["lead", V1, at("03-01").toISOString(), at("03-02").toISOString()],
      ["discovery", V2, at("03-02").toISOString(), at("03-09").toISOString()],
      ["analysis", V2, at("03-09").toISOString(), null],
    ]);
    // The new version's limit and probability apply to the re-mapped stay.
    expect(visits[1]!.timeLimitS).toBe(5 * DAY_S);
    expect(factsOf(visits, lookup2).reached).toEqual(["lead", "discovery", "analysis"]);
  });

  it("should ignore events that leave the deal where it is", () => {
    const visits = visitsOf(
      [
        ev(1, "created", null, "lead", "03-01"),
        ev(2, "timeLimit", "lead", "lead", "03-04"),
        ev(3, "update", null, null, "03-05"),
        ev(4, "comment", null, null, "03-05"),
        ev(5, "action", "lead", "contact", "03-06"),
      ],
      head,
      lookup,
    );
    expect(visits.map((v) => v.stage)).toEqual(["lead", "contact"]);
    expect(visits[0]!.leftAt).toEqual(at("03-06"));
  });

  it("should start a log without its creation in the stage its first move leaves, from the creation", () => {
    const visits = visitsOf([ev(7, "action", "analysis", "proposal", "03-05")], head, lookup);
    expect(visits.map((v) => [v.stage, v.enteredAt, v.leftAt])).toEqual([
      ["analysis", at("03-01"), at("03-05")],
      ["proposal", at("03-05"), null],
    ]);
  });

  it("should give a deal without events one stay in its current stage since its creation", () => {
    const visits = visitsOf([], { stage: "proposal", versionId: V1, createdAt: at("03-07") }, lookup);
    expect(visits).toEqual([
      {
        seq: 1,
        versionId: V1,
        stage: "proposal",
        kind: "open",
        enteredAt: at("03-07"),
        leftAt: null,
        nextStage: null,
        timeLimitS: 14 * DAY_S,
      },
    ]);
  });

  it("should read events in the order they were written, a stay never below zero", () => {
    // An import placing a deal at a date before its creation date.
    const visits = visitsOf(
      [ev(2, "import", "lead", "won", "02-01"), ev(1, "created", null, "lead", "03-01")],
      head,
      lookup,
    );
    expect(visits.map((v) => v.stage)).toEqual(["lead", "won"]);
    expect(factsOf(visits, lookup)).toMatchObject({ outcome: "won", closedAt: at("02-01") });
  });

  it("should keep the probability of the stage before an approval while the deal waits there", () => {
    const visits = visitsOf(
      [ev(1, "created", null, "proposal", "03-01"), ev(2, "action", "proposal", "discountApproval", "03-02")],
      head,
      lookup,
    );
    expect(factsOf(visits, lookup)).toMatchObject({
      stage: "discountApproval",
      outcome: "open",
      probability: 50,
    });
  });

  it("should undo a close on reopening", () => {
    const visits = visitsOf(
      [
        ev(1, "created", null, "negotiation", "03-01"),
        ev(2, "action", "negotiation", "won", "03-02"),
        ev(3, "reopen", "won", "negotiation", "03-03"),
      ],
      head,
      lookup,
    );
    expect(factsOf(visits, lookup)).toMatchObject({
      outcome: "open",
      closedAt: null,
      reached: ["negotiation", "won"],
    });
  });
});

describe("stay buckets", () => {
  it("should number buckets as Postgres' width_bucket does and stay within 1.1 % of the value", () => {
    expect(stayBucket(0)).toBe(0);
    expect(stayBucket(59)).toBe(0);
    expect(stayBucket(60)).toBe(1);
    expect(stayBucket(STAY_BUCKET_BOUNDS[1]!)).toBe(2);
    expect(stayBucket(1e12)).toBe(STAY_BUCKET_BOUNDS.length);
    for (const s of [3_600, 3_601, 7_777, 86_400, 3 * 86_400, 90 * 86_400, 3 * 365 * 86_400]) {
      expect(Math.abs(bucketSeconds(stayBucket(s)) - s) / s).toBeLessThan(0.0111);
    }
  });

  it("should hold the same bounds as the database's pw_stay_bucket", () => {
    const sql = readFileSync(
      path.resolve(import.meta.dirname, "../../../drizzle/0013_analytics.sql"),
      "utf8",
    );
    const literal = /width_bucket\(seconds, '\{([\d,]+)\}'/.exec(sql)?.[1];
    expect(literal?.split(",").map(Number)).toEqual(STAY_BUCKET_BOUNDS);
  });

  it("should take the nearest-rank percentile", () => {
    const hist = [1, 2, 3, 4].map((d) => ({ bucket: stayBucket(d * DAY_S), count: 1 }));
    expect(percentile(hist, 0.5)).toBe(bucketSeconds(stayBucket(2 * DAY_S)));
    expect(percentile(hist, 0.51)).toBe(bucketSeconds(stayBucket(3 * DAY_S)));
    expect(percentile([], 0.5)).toBeNull();
  });
});

describe("periods", () => {
  const now = new Date("2025-05-20T03:00:00Z");
  it("should cut calendar periods in Beijing time", () => {
    expect(presetPeriod("thisMonth", now)).toEqual({
      from: new Date("2025-04-30T16:00:00Z"),
      to: new Date("2025-05-31T16:00:00Z"),
    });
    expect(presetPeriod("lastQuarter", now)).toEqual({
      from: new Date("2024-12-31T16:00:00Z"),
      to: new Date("2025-03-31T16:00:00Z"),
    });
    // 31 Dec 2024 17:00 UTC is already 2025 in Beijing.
    expect(presetPeriod("thisYear", new Date("2024-12-31T17:00:00Z")).from).toEqual(
      new Date("2024-12-31T16:00:00Z"),
    );
  });

  it("should take the previous calendar months, or the same number of days before", () => {
    const q = presetPeriod("thisQuarter", now);
    expect(previousPeriod(q)).toEqual(presetPeriod("lastQuarter", now));
    const p = customPeriod("2025-05-11", "2025-05-20");
    expect(previousPeriod(p)).toEqual(customPeriod("2025-05-01", "2025-05-10"));
  });

  it("should split a period into whole months and the edges around them", () => {
    expect(splitByMonth(presetPeriod("thisQuarter", now))).toEqual({
      months: ["2025-04-01", "2025-05-01", "2025-06-01"],
      edges: [],
    });
    const p = customPeriod("2025-04-15", "2025-06-10");
    expect(splitByMonth(p)).toEqual({
      months: ["2025-05-01"],
      edges: [
        { from: p.from, to: new Date("2025-04-30T16:00:00Z") },
        { from: new Date("2025-05-31T16:00:00Z"), to: p.to },
      ],
    });
    const short = customPeriod("2025-04-03", "2025-04-09");
    expect(splitByMonth(short)).toEqual({ months: [], edges: [short] });
  });
});

describe("bottlenecks", () => {
  const row = (
    key: string,
    visits: number,
    passRate: number,
    p50Days: number,
    breachRate = 0,
  ): StageTime => ({
    key,
    visits,
    p50: p50Days * DAY_S,
    p75: null,
    p90: null,
    mean: null,
    breached: Math.round(breachRate * visits),
    breachRate,
    exits: { forward: Math.round(passRate * visits), back: 0, side: 0, lost: 0 },
    nextStages: [],
    passRate,
    openNow: 0,
    overdueNow: 0,
  });
  const limits = (k: string) =>
    ({ lead: 3, contact: 7, analysis: 14, proposal: 14, negotiation: 21 })[k]! * DAY_S;

  it("should flag the lowest pass rate 10 points under the median, with the numbers", () => {
    const current = [
      row("lead", 20, 0.9, 1),
      row("contact", 20, 0.8, 2),
      row("analysis", 20, 0.85, 3),
      row("proposal", 20, 0.5, 4),
      row("negotiation", 20, 0.6, 5),
    ];
    const flags = bottlenecks(current, [], steps, limits);
    expect(flags).toEqual([
      { stage: "proposal", kind: "lowConversion", passRate: 0.5, medianPassRate: 0.8, visits: 20 },
    ]);
  });

  it("should flag a stage whose median stay nears its limit or breaches often", () => {
    const current = [row("lead", 20, 0.8, 2.5), row("contact", 20, 0.8, 2), row("analysis", 20, 0.8, 3, 0.3)];
    const flags = bottlenecks(current, [], steps, limits).map((f) => [f.stage, f.kind]);
    expect(flags).toEqual([
      ["lead", "slow"], // 2.5 of 3 days
      ["analysis", "slow"], // 30 % breached
    ]);
  });

  it("should flag a stage worse than in the previous period, and skip thin ones", () => {
    const current = [row("lead", 20, 0.8, 1), row("contact", 20, 0.65, 2), row("analysis", 4, 0.1, 9)];
    const previous = [row("lead", 20, 0.8, 0.7), row("contact", 20, 0.8, 2), row("analysis", 20, 0.9, 3)];
    const worse = bottlenecks(current, previous, steps, limits).filter((f) => f.kind === "worse");
    expect(worse.map((f) => f.stage)).toEqual(["lead", "contact"]); // stay +43 %; pass −15 points
    expect(worse[1]).toMatchObject({ passRate: 0.65, previousPassRate: 0.8, visits: 20, previousVisits: 20 });
  });
});
