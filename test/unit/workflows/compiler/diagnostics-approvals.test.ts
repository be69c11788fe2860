import { describe, expect, it } from "vitest";
import { compile } from "@/workflows/compiler";
import { defaultProcess } from "@/workflows/templates/default-process";
import { checkImplementations } from "@/workflows/compiler";
import type { CompiledMachine } from "@/workflows/machine/format";
import { act, approval, base, extend, link, stage, withCode } from "./builders";

const withApproval = (
  node = approval("check"),
  edges = [
    link("check", "won", { branch: "approve" }, "approve"),
    link("check", "lead", { branch: "reject" }, "reject"),
  ],
) => compile(extend({ nodes: [node], edges: [act("lead", "ask", "check"), ...edges] }));

describe("approval, time-limit and implementation diagnostics", () => {
  describe("approvalWithoutApprover", () => {
    it("should report an approval nobody decides", () => {
      expect(
        withCode(withApproval(approval("check", null as never)), "approvalWithoutApprover"),
      ).toMatchObject([{ severity: "error", nodeId: "check" }]);
    });

    it("should accept an approval with an approver", () => {
      expect(withApproval().diagnostics).toEqual([]);
    });
  });

  describe("approvalBranches", () => {
    it("should report an approval without exactly one approve and one reject", () => {
      const result = withApproval(approval("check"), [
        link("check", "won", { branch: "approve" }, "a1"),
        link("check", "lost", { branch: "approve" }, "a2"),
      ]);
      expect(withCode(result, "approvalBranches").map((d) => d.message.en)).toEqual([
        "Approval “Check” needs exactly one “approve” connection (it has 2).",
        "Approval “Check” needs exactly one “reject” connection (it has 0).",
      ]);
    });

    it("should report unmarked or conditional approval edges, and outcome marks outside approvals", () => {
      const result = withApproval(approval("check"), [
        link(
          "check",
          "won",
          { branch: "approve", condition: { field: "flag", op: "eq", value: true } },
          "approve",
        ),
        link("check", "lead", { branch: "reject" }, "reject"),
        link("check", "lost", {}, "other"),
      ]);
      expect(withCode(result, "approvalBranches").map((d) => d.edgeId)).toEqual([
        "check-approve-won",
        "check-other-lost",
      ]);
      const stray = compile(extend({ edges: [act("lead", "skip", "won", { branch: "approve" })] }));
      expect(withCode(stray, "approvalBranches")).toMatchObject([{ edgeId: "lead-skip-won" }]);
    });

    it("should accept one approve and one reject", () => {
      expect(withCode(withApproval(), "approvalBranches")).toEqual([]);
    });
  });

  describe("unknownTimeLimitAction", () => {
    it("should report a time limit that moves the deal by an action the stage lacks", () => {
      const def = base();
      def.nodes[0] = stage("lead", { timeLimit: { days: 3, then: [{ kind: "moveBy", action: "ghost" }] } });
      expect(withCode(compile(def), "unknownTimeLimitAction")).toMatchObject([
        { severity: "error", nodeId: "lead" },
      ]);
    });

    it("should accept a move by one of the stage's actions", () => {
      const def = base();
      def.nodes[0] = stage("lead", { timeLimit: { days: 3, then: [{ kind: "moveBy", action: "lose" }] } });
      expect(compile(def).diagnostics).toEqual([]);
    });
  });

  describe("unknownImplementation", () => {
    const machine = compile(defaultProcess).machine as CompiledMachine;

    it("should find nothing wrong with what the compiler emits", () => {
      expect(checkImplementations(machine, compile(defaultProcess).delays)).toEqual([]);
    });

    it("should report guards, actions, delays and targets the runtime can't resolve", () => {
      const broken = structuredClone(machine) as unknown as {
        initial: string;
        states: Record<
          string,
          {
            on?: Record<
              string,
              { target?: string; guard?: { type: string }; actions?: { type: string }[] }[]
            >;
          }
        >;
      };
      const first = broken.states.lead?.on?.startContact?.[0];
      if (!first?.guard) throw new Error("fixture changed");
      first.guard.type = "magic";
      first.actions = [{ type: "teleport" }];
      first.target = "nowhere";
      broken.initial = "void";
      const found = checkImplementations(broken as unknown as CompiledMachine, {}, new Set(["lead"]));
      expect(found.every((d) => d.code === "unknownImplementation" && d.severity === "error")).toBe(true);
      const text = found.map((d) => d.message.en).join("\n");
      for (const name of ["magic", "teleport", "nowhere", "void", "timeLimit_lead"])
        expect(text).toContain(name);
      expect(found.find((d) => d.message.en.includes("magic"))?.nodeId).toBe("lead");
    });
  });
});
