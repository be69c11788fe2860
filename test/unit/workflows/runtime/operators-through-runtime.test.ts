import { describe, expect, it } from "vitest";
import type { ComparisonOp, Condition } from "@/workflows/definition/schema";
import type { DealValues } from "@/workflows/rules";
import {
  act,
  Deal,
  daysFromNow,
  definition,
  expectRefused,
  lostStage,
  programOf,
  stage,
  wonStage,
} from "./fixtures";

/** lead --advance [condition]--> won, and a way to close lost: the smallest process a guard can sit on. */
const guardedBy = (condition: Condition) =>
  programOf(
    definition({
      initial: "lead",
      nodes: [stage("lead"), wonStage(), lostStage()],
      edges: [
        act("lead", "advance", "won", { condition }),
        act("lead", "closeLost", "lost", { requiredFields: ["lostReason"] }),
      ],
    }),
  );

type Case = { condition: Condition; passing: DealValues; failing: DealValues };

/** One guard per operator, with a deal that meets it and one that doesn't. */
const CASES: Record<ComparisonOp, Case> = {
  eq: {
    condition: { field: "region", op: "eq", value: "east" },
    passing: { region: "east" },
    failing: { region: "west" },
  },
  neq: {
    condition: { field: "region", op: "neq", value: "east" },
    passing: { region: "west" },
    failing: { region: "east" },
  },
  in: {
    condition: { field: "region", op: "in", value: ["east", "north"] },
    passing: { region: "north" },
    failing: { region: "west" },
  },
  notIn: {
    condition: { field: "region", op: "notIn", value: ["east", "north"] },
    passing: { region: "west" },
    failing: { region: "east" },
  },
  gt: {
    condition: { field: "amount", op: "gt", value: 100 },
    passing: { amount: 101 },
    failing: { amount: 100 },
  },
  gte: {
    condition: { field: "amount", op: "gte", value: 100 },
    passing: { amount: 100 },
    failing: { amount: 99.5 },
  },
  lt: {
    condition: { field: "amount", op: "lt", value: 100 },
    passing: { amount: 99 },
    failing: { amount: 100 },
  },
  lte: {
    condition: { field: "amount", op: "lte", value: 100 },
    passing: { amount: 100 },
    failing: { amount: 101 },
  },
  between: {
    condition: { field: "discount", op: "between", value: [10, 20] },
    passing: { discount: 20 },
    failing: { discount: 21 },
  },
  isSet: { condition: { field: "note", op: "isSet" }, passing: { note: "called" }, failing: { note: "   " } },
  isEmpty: { condition: { field: "note", op: "isEmpty" }, passing: {}, failing: { note: "called" } },
  contains: {
    condition: { field: "note", op: "contains", value: "urgent" },
    passing: { note: "Customer says: URGENT" },
    failing: { note: "no rush" },
  },
  withinDays: {
    condition: { field: "closeDate", op: "withinDays", value: 30 },
    passing: { closeDate: daysFromNow(30) },
    failing: { closeDate: daysFromNow(31) },
  },
};

describe("every comparison operator, guarding an action through the runtime", () => {
  describe.each(Object.entries(CASES))("%s", (_, { condition, passing, failing }) => {
    const program = guardedBy(condition);

    it("should let a deal that meets it advance", () => {
      expect(Deal.start(program).do("advance", passing)).toMatchObject({
        from: "lead",
        to: "won",
        done: true,
      });
    });

    it("should refuse a deal that doesn't, explaining the condition in both languages", () => {
      const deal = Deal.start(program);
      const refusal = expectRefused(deal.try("advance", failing));
      expect(refusal.reasons.map((r) => r.kind)).toEqual(["condition"]);
      const [reason] = refusal.reasons;
      if (reason?.kind !== "condition") return;
      expect(reason.edgeId).toBe("lead-advance-won");
      expect(reason.unmet).toHaveLength(1);
      expect(reason.unmet[0]?.zh.length).toBeGreaterThan(0);
      expect(reason.unmet[0]?.en.length).toBeGreaterThan(0);
      expect(deal.stage).toBe("lead");
    });
  });

  it("should treat a date in the past as not within the next days", () => {
    const program = guardedBy(CASES.withinDays.condition);
    expect(
      expectRefused(Deal.start(program).try("advance", { closeDate: daysFromNow(-1) })).reasons,
    ).toHaveLength(1);
    expect(Deal.start(program).do("advance", { closeDate: daysFromNow(0) }).to).toBe("won");
  });

  it("should let a multi-select contain an option", () => {
    const program = guardedBy({ field: "products", op: "contains", value: "erp" });
    expect(Deal.start(program).do("advance", { products: ["crm", "erp"] }).to).toBe("won");
    expect(expectRefused(Deal.start(program).try("advance", { products: ["crm"] })).reasons).toHaveLength(1);
  });

  it("should compare numbers that arrive as text from an import", () => {
    const program = guardedBy(CASES.gt.condition);
    expect(Deal.start(program).do("advance", { amount: "150" }).to).toBe("won");
    expect(expectRefused(Deal.start(program).try("advance", { amount: "lots" })).reasons).toHaveLength(1);
  });

  it("should never let an empty field pass an ordering or a match", () => {
    for (const op of [
      "eq",
      "in",
      "gt",
      "gte",
      "lt",
      "lte",
      "between",
      "isSet",
      "contains",
      "withinDays",
    ] as const) {
      const program = guardedBy(CASES[op].condition);
      expect(expectRefused(Deal.start(program).try("advance")).reasons.map((r) => r.kind)).toEqual([
        "condition",
      ]);
    }
  });
});
