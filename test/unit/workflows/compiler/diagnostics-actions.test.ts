import { describe, expect, it } from "vitest";
import type { Condition } from "@/workflows/definition/schema";
import { compile } from "@/workflows/compiler";
import { act, cond, extend, stage, withCode } from "./builders";

/** lead's action "close" with one edge to won and one to a review stage, each with a condition. */
const twoWays = (toWon: Condition | undefined, toReview: Condition | undefined) =>
  compile(
    extend({
      nodes: [stage("review")],
      edges: [
        act("lead", "close", "won", toWon && { condition: toWon }),
        act("lead", "close", "review", toReview && { condition: toReview }),
        act("review", "win", "won"),
        act("review", "lose", "lost"),
      ],
    }),
  );

describe("action diagnostics", () => {
  describe("ambiguousAction", () => {
    it("should report two edges of one action without a condition", () => {
      const result = twoWays(undefined, undefined);
      expect(withCode(result, "ambiguousAction")).toMatchObject([
        { severity: "error", nodeId: "lead", edgeId: "lead-close-review" },
      ]);
    });

    it("should report two edges with the same condition", () => {
      expect(withCode(twoWays(cond.flagged, cond.flagged), "ambiguousAction")).toMatchObject([
        { severity: "error" },
      ]);
    });

    it("should report overlapping number ranges with a value where both hold", () => {
      const [found] = withCode(twoWays(cond.amountAtLeast(100), cond.amountAtLeast(200)), "ambiguousAction");
      expect(found).toMatchObject({ severity: "error" });
      expect(found?.message.en).toContain("when Amount is 200");
    });

    it("should warn when it can't prove two conditions exclude each other", () => {
      expect(withCode(twoWays(cond.flagged, cond.noted), "ambiguousAction")).toMatchObject([
        { severity: "warning" },
      ]);
    });

    it("should accept a condition and its negation", () => {
      const result = twoWays(cond.amountAtLeast(100), { not: cond.amountAtLeast(100) });
      expect(result.diagnostics).toEqual([]);
    });

    it("should accept a conditional edge with an unconditional fallback", () => {
      const result = twoWays(cond.flagged, undefined);
      expect(result.diagnostics).toEqual([]);
    });

    it("should accept disjoint ranges", () => {
      expect(withCode(twoWays(cond.amountAtLeast(100), cond.amountBelow(100)), "ambiguousAction")).toEqual(
        [],
      );
    });
  });

  describe("actionGap", () => {
    it("should warn about values no edge of the action takes", () => {
      const [found] = withCode(
        twoWays(cond.amountAtLeast(100), { field: "amount", op: "lt", value: 50 }),
        "actionGap",
      );
      expect(found).toMatchObject({ severity: "warning", nodeId: "lead" });
      expect(found?.message.en).toContain("when Amount is 50");
    });

    it("should warn that an empty field matches no edge of complementary ranges", () => {
      const [found] = withCode(twoWays(cond.amountAtLeast(100), cond.amountBelow(100)), "actionGap");
      expect(found?.message.en).toContain("when Amount is empty");
    });

    it("should accept ranges covering every value, empty included", () => {
      const result = twoWays(cond.amountAtLeast(100), {
        any: [cond.amountBelow(100), { field: "amount", op: "isEmpty" }],
      });
      expect(result.diagnostics).toEqual([]);
    });

    it("should not report a gap when one edge has no condition", () => {
      expect(withCode(twoWays(cond.amountAtLeast(100), undefined), "actionGap")).toEqual([]);
    });
  });
});
