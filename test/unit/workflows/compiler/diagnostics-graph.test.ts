import { describe, expect, it } from "vitest";
import { compile } from "@/workflows/compiler";
import { act, base, cond, decision, extend, link, stage, withCode } from "./builders";

describe("graph diagnostics", () => {
  describe("unreachable", () => {
    it("should report a stage no action leads to, in words an admin understands", () => {
      const result = compile(extend({ nodes: [stage("nurture")], edges: [act("nurture", "lose", "lost")] }));
      const [found] = withCode(result, "unreachable");
      expect(found).toMatchObject({ severity: "error", nodeId: "nurture" });
      expect(found?.message).toEqual({
        zh: "阶段「nurture阶段」无法到达:没有任何操作通向它。",
        en: "Stage “Nurture” can't be reached: no action leads to it.",
      });
    });

    it("should report nodes only reachable from unreachable ones", () => {
      const result = compile(
        extend({
          nodes: [stage("a"), stage("b")],
          edges: [act("a", "go", "b"), act("b", "lose", "lost"), act("a", "lose", "lost")],
        }),
      );
      expect(withCode(result, "unreachable").map((d) => d.nodeId)).toEqual(["a", "b"]);
      expect(withCode(result, "unreachable")[1]?.message.en).toContain("no path leads to it from the start");
    });

    it("should not report nodes reached from the start", () => {
      expect(withCode(compile(base()), "unreachable")).toEqual([]);
    });
  });

  describe("deadEnd", () => {
    it("should report an open stage with no way out", () => {
      const result = compile(extend({ nodes: [stage("stuck")], edges: [act("lead", "park", "stuck")] }));
      expect(withCode(result, "deadEnd")).toMatchObject([{ severity: "error", nodeId: "stuck" }]);
      expect(withCode(result, "noPathToClose")).toEqual([]);
    });

    it("should not report closed stages or stages with a way out", () => {
      expect(withCode(compile(base()), "deadEnd")).toEqual([]);
    });
  });

  describe("noPathToClose", () => {
    it("should report stages that loop among themselves with no way to close", () => {
      const result = compile(
        extend({
          nodes: [stage("a"), stage("b")],
          edges: [act("lead", "go", "a"), act("a", "next", "b"), act("b", "back", "a")],
        }),
      );
      expect(withCode(result, "noPathToClose").map((d) => [d.severity, d.nodeId])).toEqual([
        ["error", "a"],
        ["error", "b"],
      ]);
    });

    it("should report once when the process has no won or lost stage", () => {
      const def = {
        ...base(),
        nodes: [stage("lead"), stage("next")],
        edges: [act("lead", "go", "next"), act("next", "back", "lead")],
      };
      const found = withCode(compile(def), "noPathToClose");
      expect(found).toHaveLength(1);
      expect(found[0]?.nodeId).toBeUndefined();
    });

    it("should not report stages that can reach a close", () => {
      expect(withCode(compile(base()), "noPathToClose")).toEqual([]);
    });
  });

  describe("decisions", () => {
    const route = (...edges: ReturnType<typeof link>[]) =>
      compile(extend({ nodes: [decision("route")], edges: [act("lead", "route", "route"), ...edges] }));

    it("should report a decision without a default branch", () => {
      const result = route(link("route", "won", { condition: cond.flagged }));
      expect(withCode(result, "decisionWithoutDefault")).toMatchObject([
        { severity: "error", nodeId: "route" },
      ]);
    });

    it("should not count a branch marked default that has a condition as the default", () => {
      const result = route(link("route", "won", { branch: "default", condition: cond.flagged }));
      expect(withCode(result, "decisionWithoutDefault")).toHaveLength(1);
    });

    it("should report a decision with two default branches", () => {
      const result = route(link("route", "won", { branch: "default" }, "a"), link("route", "lost", {}, "b"));
      expect(withCode(result, "decisionMultipleDefaults")).toMatchObject([
        { severity: "error", nodeId: "route" },
      ]);
    });

    it("should accept a decision with conditions and one default", () => {
      const result = route(
        link("route", "won", { condition: cond.flagged }),
        link("route", "lost", { branch: "default" }),
      );
      expect(withCode(result, "decisionWithoutDefault")).toEqual([]);
      expect(withCode(result, "decisionMultipleDefaults")).toEqual([]);
      expect(result.diagnostics).toEqual([]);
    });
  });

  describe("shadowedBranch", () => {
    const route = (...edges: ReturnType<typeof link>[]) =>
      compile(extend({ nodes: [decision("route")], edges: [act("lead", "route", "route"), ...edges] }));

    it("should warn about a branch the branches before it already cover", () => {
      const result = route(
        link("route", "won", { condition: cond.amountAtLeast(0) }, "any"),
        link("route", "lost", { condition: cond.amountAtLeast(100) }, "big"),
        link("route", "won", { branch: "default" }, "rest"),
      );
      expect(withCode(result, "shadowedBranch")).toMatchObject([
        { severity: "warning", nodeId: "route", edgeId: expect.stringContaining("big") },
      ]);
    });

    it("should warn about a branch repeating an earlier condition", () => {
      const result = route(
        link("route", "won", { condition: cond.flagged }, "a"),
        link("route", "lost", { condition: cond.flagged }, "b"),
        link("route", "won", { branch: "default" }, "rest"),
      );
      expect(withCode(result, "shadowedBranch")).toHaveLength(1);
    });

    it("should accept branches ordered from the narrowest to the widest", () => {
      const result = route(
        link("route", "lost", { condition: cond.amountAtLeast(100) }, "big"),
        link("route", "won", { condition: cond.amountAtLeast(0) }, "any"),
        link("route", "won", { branch: "default" }, "rest"),
      );
      expect(withCode(result, "shadowedBranch")).toEqual([]);
    });
  });

  describe("automaticLoop", () => {
    it("should report decisions that pass a deal round among themselves", () => {
      const result = compile(
        extend({
          nodes: [decision("d1"), decision("d2")],
          edges: [
            act("lead", "route", "d1"),
            link("d1", "d2", { condition: cond.flagged }, "flag"),
            link("d1", "won", { branch: "default" }),
            link("d2", "d1", { condition: cond.noted }, "note"),
            link("d2", "lost", { branch: "default" }),
          ],
        }),
      );
      expect(withCode(result, "automaticLoop")).toMatchObject([{ severity: "error", nodeId: "d1" }]);
      expect(result.machine).toBeNull(); // XState would spin round the loop inside one transition
    });

    it("should not report a loop that passes through a stage", () => {
      const result = compile(
        extend({
          nodes: [decision("d1")],
          edges: [
            act("lead", "route", "d1"),
            link("d1", "lead", { condition: cond.flagged }, "flag"),
            link("d1", "won", { branch: "default" }),
          ],
        }),
      );
      expect(withCode(result, "automaticLoop")).toEqual([]);
    });
  });
});
