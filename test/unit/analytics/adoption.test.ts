import { describe, expect, it } from "vitest";
import {
  EMPTY_CELLS,
  adoptionTable,
  compliance,
  leaderboard,
  parseRefusalCode,
  presetPeriod,
  previousPeriod,
  refusalCode,
  type AdoptionCells,
} from "@/lib/analytics";

const cells = (patch: Partial<AdoptionCells>): AdoptionCells => ({ ...EMPTY_CELLS, ...patch });

describe("the compliance score", () => {
  it("should average the parts that have a denominator", () => {
    // On time 3 of 4, fresh 8 of 10, within limit 9 of 10, first time 6 of 8.
    const c = compliance(
      cells({ onTime: 3, late: 1, open: 10, stale: 2, pastLimit: 1, actions: 6, refused: 2 }),
    );
    expect(c).toEqual({
      onTimeRate: 0.75,
      freshRate: 0.8,
      withinLimitRate: 0.9,
      firstTimeRate: 0.75,
      score: 80,
    });
  });

  it("should leave out a part without a denominator, and have no score without any", () => {
    // No stage with a limit left, no open deal: only first time right counts.
    expect(compliance(cells({ actions: 1, refused: 3 }))).toMatchObject({
      onTimeRate: null,
      freshRate: null,
      withinLimitRate: null,
      firstTimeRate: 0.25,
      score: 25,
    });
    expect(compliance(EMPTY_CELLS).score).toBeNull();
  });
});

describe("the adoption table", () => {
  const people = [
    { id: "r1", name: "Rep One", role: "rep", teamIds: ["east"] },
    { id: "r2", name: "Rep Two", role: "rep", teamIds: ["east", "north"] },
    { id: "m", name: "Manager", role: "manager", teamIds: ["east"] },
    { id: "idle", name: "Idle rep", role: "rep", teamIds: ["north"] },
  ];
  const teams = [
    { id: "east", name: "东区", nameEn: "East" },
    { id: "north", name: "北区", nameEn: "North" },
  ];
  const table = adoptionTable(
    people,
    teams,
    new Map([
      ["r1", cells({ touched: 3, actions: 2, open: 4, stale: 1 })],
      ["r2", cells({ touched: 2, refused: 1, open: 2 })],
    ]),
    {
      teams: new Map([
        ["east", 4],
        ["north", 2],
      ]),
      total: 4,
    },
  );

  it("should keep every rep (idle ones too) and others only with figures", () => {
    expect(table.people.map((p) => p.id)).toEqual(["r1", "r2", "idle"]);
    expect(table.people[2]).toMatchObject({ touched: 0, score: null });
  });

  it("should add up a team's members and take its touched deals as given", () => {
    expect(table.teams[0]).toMatchObject({
      id: "east",
      touched: 4,
      actions: 2,
      refused: 1,
      open: 6,
      stale: 1,
      members: 2,
      active: 2,
    });
    expect(table.teams[1]).toMatchObject({ id: "north", touched: 2, open: 2, members: 2, active: 1 });
    expect(table.total).toMatchObject({ touched: 4, open: 6, members: 3, active: 2 });
  });
});

describe("the leaderboard", () => {
  const rows = [
    { id: "a", name: "Ann", role: "rep", score: 90, touched: 5 },
    { id: "b", name: "Bo", role: "rep", score: 75, touched: 9 },
    { id: "c", name: "Cy", role: "rep", score: 90, touched: 2 },
    { id: "d", name: "Di", role: "rep", score: null, touched: 0 },
    { id: "m", name: "Manager", role: "manager", score: 100, touched: 12 },
  ];

  it("should rank reps by score, ties sharing a rank, no score last, managers left out", () => {
    expect(leaderboard(rows, "score").map((r) => [r.id, r.rank, r.value])).toEqual([
      ["a", 1, 90],
      ["c", 1, 90],
      ["b", 3, 75],
      ["d", 4, null],
    ]);
  });

  it("should rank reps by deals touched", () => {
    expect(leaderboard(rows, "touched").map((r) => [r.id, r.rank])).toEqual([
      ["b", 1],
      ["a", 2],
      ["c", 3],
      ["d", 4],
    ]);
  });
});

describe("refusal codes", () => {
  it("should name the field, checklist item or condition a reason is about", () => {
    const message = { zh: "…", en: "…" };
    expect(refusalCode({ kind: "missingField", field: "lostReason", message })).toBe("field:lostReason");
    expect(refusalCode({ kind: "checklist", item: "interestConfirmed", message })).toBe(
      "checklist:interestConfirmed",
    );
    expect(refusalCode({ kind: "condition", edgeId: "e-qualify-analysis", unmet: [], message })).toBe(
      "condition:e-qualify-analysis",
    );
    expect(refusalCode({ kind: "notApprover", message })).toBe("notApprover");
    expect(parseRefusalCode("condition:e-qualify-analysis")).toEqual({
      kind: "condition",
      ref: "e-qualify-analysis",
    });
    expect(parseRefusalCode("closed")).toEqual({ kind: "closed", ref: null });
  });
});

describe("week periods", () => {
  it("should run from Monday 00:00 to the next Monday, Beijing time", () => {
    // Sunday 16 March 2031, 23:30 in Beijing, is still the week of Monday 10 March.
    const sunday = new Date("2031-03-16T23:30:00+08:00");
    expect(presetPeriod("thisWeek", sunday)).toEqual({
      from: new Date("2031-03-10T00:00:00+08:00"),
      to: new Date("2031-03-17T00:00:00+08:00"),
    });
    // Monday 00:10 in Beijing is Sunday afternoon in UTC: already the new week.
    expect(presetPeriod("thisWeek", new Date("2031-03-17T00:10:00+08:00")).from).toEqual(
      new Date("2031-03-17T00:00:00+08:00"),
    );
    const last = presetPeriod("lastWeek", sunday);
    expect(last).toEqual({
      from: new Date("2031-03-03T00:00:00+08:00"),
      to: new Date("2031-03-10T00:00:00+08:00"),
    });
    expect(previousPeriod(presetPeriod("thisWeek", sunday))).toEqual(last);
  });
});
