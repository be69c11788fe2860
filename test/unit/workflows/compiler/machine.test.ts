import { describe, expect, it } from "vitest";
import { compile } from "@/workflows/compiler";
import {
  act,
  approval,
  base,
  cond,
  decision,
  extend,
  link,
  requiredFieldsOf,
  stage,
  toXState,
} from "./builders";

describe("the compiled machine", () => {
  it("should give a stage one event per action, conditional edges first", () => {
    const result = compile(
      extend({
        nodes: [stage("review")],
        edges: [
          act("lead", "go", "won", { id: "plain" }),
          act("lead", "go", "review", { id: "big", condition: cond.amountAtLeast(100) }),
          act("review", "win", "won"),
          act("review", "lose", "lost"),
        ],
      }),
    );
    const go = result.machine?.states.lead?.on?.go ?? [];
    expect(go.map((t) => t.meta?.edgeId)).toEqual(["big", "plain"]);
    expect(go[0]?.guard).toEqual({
      type: "edgeAllowed",
      params: { edgeId: "big", requiredFields: [], condition: cond.amountAtLeast(100) },
    });
    expect(go[1]?.guard).toEqual({ type: "edgeAllowed", params: { edgeId: "plain", requiredFields: [] } });
  });

  it("should require the edge's fields then the stage's, once each, except into a lost stage", () => {
    const def = base();
    def.nodes[0] = stage("lead", { requiredFields: ["note", "amount"] });
    def.edges = [
      act("lead", "win", "won", { requiredFields: ["amount", "flag"] }),
      act("lead", "lose", "lost", { requiredFields: ["lostReason"] }),
    ];
    const on = compile(def).machine?.states.lead?.on;
    expect(requiredFieldsOf(on?.win?.[0])).toEqual(["amount", "flag", "note"]);
    expect(requiredFieldsOf(on?.lose?.[0])).toEqual(["lostReason"]);
  });

  it("should turn edge effects into applyEffect actions", () => {
    const effect = { kind: "setField" as const, field: "note", value: "done" };
    const def = base();
    def.edges[0] = act("lead", "win", "won", { effects: [effect] });
    const win = compile(def).machine?.states.lead?.on?.win?.[0];
    expect(win?.actions).toEqual([{ type: "applyEffect", params: { edgeId: "lead-win-won", effect } }]);
  });

  it("should make won and lost stages final, with nothing leaving them", () => {
    const states = compile(base()).machine?.states;
    expect(states?.won).toEqual({
      type: "final",
      tags: ["stage", "won"],
      meta: {
        nodeId: "won",
        kind: "stage",
        outcome: "won",
        name: { zh: "won阶段", en: "Won" },
        probability: 100,
        requiredFields: [],
      },
    });
  });

  it("should ask an approval's approver on entry and wait for approve or reject", () => {
    const result = compile(
      extend({
        nodes: [approval("check", { kind: "role", role: "manager" })],
        edges: [
          act("lead", "ask", "check"),
          link("check", "won", { branch: "approve" }, "approve"),
          link("check", "lead", { branch: "reject" }, "reject"),
        ],
      }),
    );
    expect(result.machine?.states.check).toEqual({
      tags: ["approval"],
      meta: {
        nodeId: "check",
        kind: "approval",
        name: { zh: "check阶段", en: "Check" },
        approver: { kind: "role", role: "manager" },
      },
      entry: [
        {
          type: "requestApproval",
          params: { node: "check", approver: { kind: "role", role: "manager" }, notify: true },
        },
      ],
      on: {
        approve: [{ target: "won", actions: [], meta: { edgeId: "check-approve-won", branch: "approve" } }],
        reject: [{ target: "lead", actions: [], meta: { edgeId: "check-reject-lead", branch: "reject" } }],
      },
    });
  });

  it("should map time-limit consequences to notify, escalate and move actions", () => {
    const def = base();
    def.nodes[0] = stage("lead", {
      timeLimit: {
        days: 0.5,
        then: [{ kind: "notifyOwner" }, { kind: "escalateToManager" }, { kind: "moveBy", action: "lose" }],
      },
    });
    const result = compile(def);
    expect(result.delays).toEqual({ timeLimit_lead: 43_200_000 });
    expect(result.machine?.states.lead?.after?.timeLimit_lead).toEqual([
      {
        actions: [
          { type: "notifyOwner", params: { stage: "lead", reason: "timeLimit" } },
          { type: "escalateToManager", params: { stage: "lead", reason: "timeLimit" } },
          { type: "timeLimitMove", params: { stage: "lead", action: "lose" } },
        ],
      },
    ]);
  });

  it("should key states by node key, not by node id, and leave positions out", () => {
    const def = base();
    def.nodes[0] = { ...stage("lead"), id: "node-1", position: { x: 12345, y: 678 } };
    def.initialNodeId = "node-1";
    def.edges = def.edges.map((e) => ({ ...e, source: "node-1" }));
    const result = compile(def);
    expect(result.machine?.initial).toBe("lead");
    expect(result.machine?.states.lead?.meta.nodeId).toBe("node-1");
    expect(JSON.stringify(result.machine)).not.toMatch(/position|12345/);
  });

  it("should be accepted by XState, with decisions passing straight through", async () => {
    const { initialTransition, transition } = await import("xstate");
    const result = compile(
      extend({
        nodes: [decision("route")],
        edges: [
          act("lead", "route", "route"),
          link("route", "won", { condition: cond.flagged }, "flagged"),
          link("route", "lost", { branch: "default" }, "default"),
        ],
      }),
    );
    for (const pass of [true, false]) {
      const machine = toXState(result, pass);
      const [start] = initialTransition(machine);
      expect(transition(machine, start, { type: "route" })[0].value).toBe(pass ? "won" : "lead");
    }
  });

  it("should handle keys named like object built-ins", async () => {
    const { initialTransition, transition } = await import("xstate");
    const def = {
      ...base(),
      initialNodeId: "constructor",
      nodes: [
        stage("constructor"),
        stage("toString", { outcome: "won" as const }),
        stage("valueOf", { outcome: "lost" as const }),
      ],
      edges: [act("constructor", "hasOwnProperty", "toString"), act("constructor", "toString", "valueOf")],
    };
    const result = compile(def);
    expect(result.diagnostics).toEqual([]);
    const machine = toXState(result);
    const [start] = initialTransition(machine);
    expect(transition(machine, start, { type: "hasOwnProperty" })[0].value).toBe("toString");
    expect(transition(machine, start, { type: "toString" })[0].value).toBe("valueOf");
    expect(transition(machine, start, { type: "valueOf" })[0].value).toBe("constructor");
  });
});
