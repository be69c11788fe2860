import { describe, expect, it } from "vitest";
import type { OwnerRule } from "@/workflows/definition/schema";
import { decideAssignment, nextInTurn } from "@/workflows/runtime/assignment";

const byRegion: OwnerRule = {
  kind: "byField",
  field: "region",
  teams: { east: "eastTeam", north: "northTeam" },
  fallbackTeamKey: "hq",
};

describe("decideAssignment", () => {
  it("should keep the owner", () => {
    expect(decideAssignment({ kind: "keep" }, { region: "east" })).toEqual({ kind: "keep" });
  });

  it("should hand the deal to the team manager", () => {
    expect(decideAssignment({ kind: "teamManager" }, {})).toEqual({ kind: "teamManager" });
  });

  it("should hand the deal to a named user", () => {
    expect(decideAssignment({ kind: "user", userId: "u-9" }, {})).toEqual({ kind: "user", userId: "u-9" });
  });

  it("should take turns within a named team", () => {
    expect(decideAssignment({ kind: "roundRobin", teamKey: "east" }, {})).toEqual({
      kind: "roundRobin",
      teamKey: "east",
    });
  });

  it("should pick the team a field's value maps to", () => {
    expect(decideAssignment(byRegion, { region: "east" })).toEqual({
      kind: "roundRobin",
      teamKey: "eastTeam",
    });
    expect(decideAssignment(byRegion, { region: "north" })).toEqual({
      kind: "roundRobin",
      teamKey: "northTeam",
    });
  });

  it("should fall back when the value maps to no team", () => {
    expect(decideAssignment(byRegion, { region: "west" })).toEqual({ kind: "roundRobin", teamKey: "hq" });
  });

  it.each([
    ["missing", {}],
    ["null", { region: null }],
    ["blank", { region: "" }],
    ["a number", { region: 7 }],
    ["a list", { region: ["east"] }],
  ])("should fall back when the value is %s", (_, values) => {
    expect(decideAssignment(byRegion, values)).toEqual({ kind: "roundRobin", teamKey: "hq" });
  });

  it.each(["constructor", "toString", "hasOwnProperty", "valueOf"])(
    "should fall back for a value named like an object built-in (%s)",
    (region) => {
      expect(decideAssignment(byRegion, { region })).toEqual({ kind: "roundRobin", teamKey: "hq" });
    },
  );

  it("should ignore other fields", () => {
    expect(decideAssignment(byRegion, { industry: "east", region: "north" })).toEqual({
      kind: "roundRobin",
      teamKey: "northTeam",
    });
  });
});

describe("nextInTurn", () => {
  const reps = ["ann", "bo", "cy"] as const;

  /** How many turns each rep gets over `turns` deals, counting from `from`. */
  const tally = (from: number, turns: number) => {
    const counts = new Map<string, number>();
    for (let i = 0; i < turns; i++) {
      const rep = nextInTurn(reps, from + i);
      expect(rep).toBeDefined();
      counts.set(rep as string, (counts.get(rep as string) ?? 0) + 1);
    }
    return Object.fromEntries(counts);
  };

  it("should go round the reps in order", () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => nextInTurn(reps, n))).toEqual([
      "ann",
      "bo",
      "cy",
      "ann",
      "bo",
      "cy",
    ]);
  });

  it("should give each of 3 reps 100 of 300 turns", () => {
    expect(tally(0, 300)).toEqual({ ann: 100, bo: 100, cy: 100 });
  });

  it.each([
    ["negative", -1_000],
    ["just below zero", -1],
    ["huge", Number.MAX_SAFE_INTEGER - 300],
    ["hugely negative", -Number.MAX_SAFE_INTEGER],
  ])("should stay fair from a %s counter", (_, from) => {
    expect(tally(from, 300)).toEqual({ ann: 100, bo: 100, cy: 100 });
  });

  it("should never give the same rep two turns in a row across zero", () => {
    const turns = [-3, -2, -1, 0, 1, 2].map((n) => nextInTurn(reps, n));
    turns.forEach((rep, i) => i > 0 && expect(rep).not.toBe(turns[i - 1]));
  });

  it("should always pick the only rep of a team of one", () => {
    for (const n of [-5, 0, 1, 99]) expect(nextInTurn(["solo"], n)).toBe("solo");
  });

  it("should pick nobody from an empty team", () => {
    expect(nextInTurn([], 0)).toBeUndefined();
    expect(nextInTurn([], 12)).toBeUndefined();
  });
});
