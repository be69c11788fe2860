import { initialTransition, transition } from "xstate";
import { describe, expect, it } from "vitest";
import { compile, hasErrors } from "@/workflows/compiler";
import { defaultProcess } from "@/workflows/templates/default-process";
import { requiredFieldsOf, toXState } from "./builders";

const DAY = 86_400_000;

describe("compiling the default process", () => {
  const result = compile(defaultProcess);

  it("should compile with no errors and no warnings", () => {
    expect(result.diagnostics).toEqual([]);
    expect(hasErrors(result)).toBe(false);
    expect(result.machine).not.toBeNull();
  });

  it("should have one state per node, keyed by node key, starting at the lead", () => {
    expect(result.machine?.initial).toBe("lead");
    expect(Object.keys(result.machine?.states ?? {})).toEqual([
      "lead",
      "contact",
      "nurture",
      "analysis",
      "proposal",
      "negotiation",
      "won",
      "lost",
      "qualify",
      "discountCheck",
      "discountApproval",
      "bigDealApproval",
    ]);
    expect(result.machine?.states.won?.type).toBe("final");
    expect(result.machine?.states.lost?.type).toBe("final");
    expect(result.machine?.states.lead?.tags).toEqual(["stage", "open"]);
    expect(result.machine?.states.qualify?.tags).toEqual(["decision"]);
    expect(result.machine?.states.bigDealApproval?.tags).toEqual(["approval"]);
  });

  it("should time every open stage with a named delay (the lead: 3 days)", () => {
    expect(result.delays).toEqual({
      timeLimit_lead: 3 * DAY,
      timeLimit_contact: 7 * DAY,
      timeLimit_nurture: 90 * DAY,
      timeLimit_analysis: 14 * DAY,
      timeLimit_proposal: 14 * DAY,
      timeLimit_negotiation: 21 * DAY,
    });
    const lead = result.machine?.states.lead;
    expect(lead?.meta).toMatchObject({ timeLimitDelay: "timeLimit_lead" });
    expect(lead?.after).toEqual({
      timeLimit_lead: [
        { actions: [{ type: "notifyOwner", params: { stage: "lead", reason: "timeLimit" } }] },
      ],
    });
    expect(result.machine?.states.analysis?.after).toEqual({ timeLimit_analysis: [{ actions: [] }] });
    expect(result.machine?.states.won?.after).toBeUndefined();
  });

  it("should ask for a stage's fields to go forwards but only the lost reason to close lost", () => {
    const analysis = result.machine?.states.analysis?.on;
    expect(requiredFieldsOf(analysis?.startProposal?.[0])).toEqual(["painPoints", "competitors"]);
    expect(requiredFieldsOf(analysis?.closeLost?.[0])).toEqual(["lostReason"]);
  });

  it("should route Close won to the approval when the deal is big", () => {
    const closeWon = result.machine?.states.negotiation?.on?.closeWon ?? [];
    expect(closeWon.map((t) => t.target)).toEqual(["won", "bigDealApproval"]);
    expect(closeWon.map(requiredFieldsOf)).toEqual([["finalAmount"], ["finalAmount"]]);
    expect(result.machine?.states.bigDealApproval?.entry).toEqual([
      {
        type: "requestApproval",
        params: { node: "bigDealApproval", approver: { kind: "teamManager" }, notify: true },
      },
    ]);
  });

  it("should decide with guarded branches first and the default last, unguarded", () => {
    const always = result.machine?.states.qualify?.always ?? [];
    expect(always).toEqual([
      {
        target: "analysis",
        guard: { type: "rule", params: { edgeId: "qualify-bant-analysis", condition: { rule: "bant" } } },
        actions: [],
        meta: { edgeId: "qualify-bant-analysis" },
      },
      { target: "nurture", actions: [], meta: { edgeId: "qualify-default-nurture", branch: "default" } },
    ]);
  });

  it("should be byte-identical, with the same hash, across two compiles", () => {
    const again = compile(JSON.parse(JSON.stringify(defaultProcess)));
    expect(JSON.stringify(again)).toBe(JSON.stringify(result));
    expect(again.hash).toBe(result.hash);
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("should build an XState machine that moves a deal from lead to analysis", () => {
    const machine = toXState(result);
    const [start] = initialTransition(machine);
    expect(start.value).toBe("lead");
    expect(start.hasTag("stage")).toBe(true);
    const [contact] = transition(machine, start, { type: "startContact" });
    const [qualified] = transition(machine, contact, { type: "qualify" });
    expect(qualified.value).toBe("analysis");
  });

  it("should stop at the approval, then follow the approver's answer", () => {
    const machine = toXState(result);
    const resolved = machine.resolveState({ value: "negotiation", context: {} });
    const [waiting, actions] = transition(machine, resolved, { type: "closeWon" });
    expect(waiting.value).toBe("won"); // stub guards all pass: the first candidate wins
    expect(actions.map((a) => a.type)).toContain("xstate.cancel");
    const atApproval = machine.resolveState({ value: "bigDealApproval", context: {} });
    expect(transition(machine, atApproval, { type: "reject" })[0].value).toBe("negotiation");
    expect(transition(machine, atApproval, { type: "approve" })[0].value).toBe("won");
  });
});
