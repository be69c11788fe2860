import { describe, expect, it } from "vitest";
import type { Condition } from "@/workflows/definition/schema";
import { compile } from "@/workflows/compiler";
import { act, base, cond, extend, stage, withCode } from "./builders";

const withCondition = (condition: Condition) => {
  const def = base();
  def.edges[0] = act("lead", "win", "won", { condition });
  return compile(def);
};

describe("field and rule diagnostics", () => {
  describe("unknownField", () => {
    it("should report a condition on a field the process doesn't have", () => {
      const [found] = withCode(withCondition({ field: "ghost", op: "isSet" }), "unknownField");
      expect(found).toMatchObject({ severity: "error", edgeId: "lead-win-won" });
      expect(found?.message.en).toContain("ghost");
      expect(found?.message.zh).toContain("ghost");
    });

    it("should check named rules, scoring criteria and notify conditions", () => {
      const ghost: Condition = { field: "ghost", op: "isSet" };
      const def = extend({
        rules: [{ key: "r", name: { zh: "规则", en: "Rule" }, condition: ghost }],
        scoring: {
          criteria: [{ id: "c", label: { zh: "项", en: "Item" }, when: ghost, points: 10 }],
          thresholds: { a: 80, b: 60, c: 40 },
        },
      });
      def.edges[0] = act("lead", "win", "won", { effects: [{ kind: "notify", to: "owner", when: ghost }] });
      const found = withCode(compile(def), "unknownField");
      expect(found.map((d) => d.message.en.split(":")[0])).toEqual([
        "Rule “Rule”",
        "Scoring criterion “Item”",
        "The notification condition of the action “win” (Lead → Won)",
      ]);
    });

    it("should report an owner rule that picks the team by a missing field", () => {
      const def = {
        ...base(),
        assignment: { kind: "byField" as const, field: "ghost", teams: {}, fallbackTeamKey: "east" },
      };
      expect(withCode(compile(def), "unknownField")).toMatchObject([{ severity: "error" }]);
    });

    it("should accept conditions on declared fields", () => {
      expect(withCondition(cond.amountAtLeast(5)).diagnostics).toEqual([]);
    });
  });

  describe("typeMismatch", () => {
    it("should report a comparison that doesn't suit the field", () => {
      expect(
        withCode(withCondition({ field: "amount", op: "gt", value: "lots" }), "typeMismatch"),
      ).toMatchObject([{ severity: "error", edgeId: "lead-win-won" }]);
    });

    it("should report a setField value the field can't hold", () => {
      const def = base();
      def.edges[0] = act("lead", "win", "won", {
        effects: [{ kind: "setField", field: "amount", value: "lots" }],
      });
      expect(withCode(compile(def), "typeMismatch")).toMatchObject([
        { severity: "error", edgeId: "lead-win-won" },
      ]);
    });

    it("should accept fitting values, and null to clear a field", () => {
      const def = base();
      def.edges[0] = act("lead", "win", "won", {
        effects: [
          { kind: "setField", field: "amount", value: 5 },
          { kind: "setField", field: "region", value: "east" },
          { kind: "setField", field: "note", value: null },
        ],
      });
      expect(compile(def).diagnostics).toEqual([]);
    });
  });

  describe("unknownRule", () => {
    it("should report a reference to a rule that doesn't exist", () => {
      expect(withCode(withCondition({ rule: "ghost" }), "unknownRule")).toMatchObject([
        { severity: "error", edgeId: "lead-win-won" },
      ]);
    });

    it("should report rules that refer to each other in a circle", () => {
      const def = extend({
        rules: [
          { key: "a", name: { zh: "甲", en: "A" }, condition: { rule: "b" } },
          { key: "b", name: { zh: "乙", en: "B" }, condition: { rule: "a" } },
        ],
      });
      expect(withCode(compile(def), "unknownRule").length).toBeGreaterThan(0);
    });

    it("should accept a reference to a declared rule", () => {
      const def = extend({
        rules: [{ key: "big", name: { zh: "大单", en: "Big" }, condition: cond.amountAtLeast(10) }],
      });
      def.edges[0] = act("lead", "win", "won", { condition: { rule: "big" } });
      expect(compile(def).diagnostics).toEqual([]);
    });
  });

  describe("unknownRequiredField", () => {
    it("should report stage and action required fields, and setField targets, that don't exist", () => {
      const def = base();
      def.nodes[0] = stage("lead", { requiredFields: ["ghost"] });
      def.edges[0] = act("lead", "win", "won", {
        requiredFields: ["phantom"],
        effects: [{ kind: "setField", field: "spectre", value: 1 }],
      });
      const found = withCode(compile(def), "unknownRequiredField");
      expect(found.map((d) => [d.nodeId, d.edgeId])).toEqual([
        [undefined, "lead-win-won"],
        [undefined, "lead-win-won"],
        ["lead", undefined],
      ]);
    });

    it("should accept declared required fields", () => {
      const def = base();
      def.nodes[0] = stage("lead", { requiredFields: ["note"] });
      expect(compile(def).diagnostics).toEqual([]);
    });
  });
});
