import { describe, expect, it } from "vitest";
import { availableActions } from "@/workflows/runtime";
import { defaultProcess } from "@/workflows/templates/default-process";
import {
  act,
  ADMIN,
  approval,
  DAY_MS,
  Deal,
  DEAL_MANAGER,
  decision,
  definition,
  effectsOf,
  expectRefused,
  FIELDS,
  link,
  lostStage,
  NOW,
  OTHER_MANAGER,
  programOf,
  REP,
  scheduledTimer,
  stage,
  SYSTEM,
  wonStage,
} from "./fixtures";

const closeLost = (source: string) => act(source, "closeLost", "lost", { requiredFields: ["lostReason"] });

describe("each node kind, run on its own", () => {
  describe("a stage with a conditional action", () => {
    const program = programOf(
      definition({
        initial: "lead",
        nodes: [stage("lead"), stage("next"), lostStage()],
        edges: [
          act("lead", "advance", "next", { condition: { field: "amount", op: "gte", value: 10_000 } }),
          closeLost("lead"),
          act("next", "finish", "lost", { requiredFields: ["lostReason"] }),
        ],
      }),
    );

    it("should move when the condition holds", () => {
      expect(Deal.start(program).do("advance", { amount: 10_000 }).to).toBe("next");
    });

    it("should refuse with the unmet condition in both languages, naming the field and its current value", () => {
      const refusal = expectRefused(Deal.start(program).try("advance", { amount: 8_500 }));
      expect(refusal.reasons).toHaveLength(1);
      const [reason] = refusal.reasons;
      if (reason?.kind !== "condition")
        return expect.fail(`expected a condition refusal, got ${reason?.kind}`);
      expect(reason.edgeId).toBe("lead-advance-next");
      expect(reason.unmet).toEqual([
        { zh: expect.stringContaining("金额"), en: expect.stringContaining("Amount") },
      ]);
      expect(reason.unmet[0]?.zh).toContain("8,500");
      expect(reason.unmet[0]?.en).toContain("8,500");
      expect(reason.unmet[0]?.zh).toContain("10,000");
      expect(reason.message.zh).toContain(reason.unmet[0]?.zh);
      expect(reason.message.en).toContain(reason.unmet[0]?.en);
    });

    it("should say the field is empty when the condition reads an unfilled field", () => {
      const refusal = expectRefused(Deal.start(program).try("advance"));
      const [reason] = refusal.reasons;
      expect(reason?.kind).toBe("condition");
      if (reason?.kind !== "condition") return;
      expect(reason.unmet[0]?.zh).toContain("未填写");
      expect(reason.unmet[0]?.en).toContain("empty");
    });

    it("should show the action disabled with the same reasons", () => {
      const [advance] = availableActions(program, {
        stage: "lead",
        values: { amount: 1 },
        actor: REP,
        now: NOW,
      });
      expect(advance).toMatchObject({ key: "advance", enabled: false, missingFields: [], targets: ["next"] });
      expect(advance?.reasons.map((r) => r.kind)).toEqual(["condition"]);
    });
  });

  describe("a stage with required fields", () => {
    const program = programOf(
      definition({
        initial: "lead",
        fields: [
          ...FIELDS,
          // Keys a plain object also has: a deal without them must still count as missing them.
          { key: "constructor", name: { zh: "施工方", en: "Contractor" }, type: "text" },
          { key: "toString", name: { zh: "字符串", en: "Text" }, type: "text" },
        ],
        nodes: [
          stage("lead", { requiredFields: ["note", "constructor", "toString"] }),
          wonStage(),
          lostStage(),
        ],
        edges: [act("lead", "advance", "won"), closeLost("lead")],
      }),
    );

    it("should ask for every required field still empty, in the order declared", () => {
      const refusal = expectRefused(Deal.start(program).try("advance", { note: "x" }));
      expect(refusal.reasons).toEqual([
        {
          kind: "missingField",
          field: "constructor",
          message: { zh: "请填写「施工方」", en: "Fill in “Contractor”" },
        },
        {
          kind: "missingField",
          field: "toString",
          message: { zh: "请填写「字符串」", en: "Fill in “Text”" },
        },
      ]);
      const [advance] = availableActions(program, { stage: "lead", values: {}, actor: REP, now: NOW });
      expect(advance?.missingFields).toEqual(["note", "constructor", "toString"]);
    });

    it("should move once they are filled", () => {
      expect(Deal.start(program).do("advance", { note: "x", constructor: "中建", toString: "y" }).to).toBe(
        "won",
      );
    });

    it("should not ask for them to close the deal lost", () => {
      expect(Deal.start(program).do("closeLost", { lostReason: "price" }).to).toBe("lost");
    });
  });

  describe("two edges with the same action", () => {
    const program = programOf(
      definition({
        initial: "lead",
        nodes: [stage("lead"), stage("standard"), stage("express"), lostStage()],
        edges: [
          // The plain edge comes first in the definition; the conditional one is still tried first.
          act("lead", "route", "standard"),
          act("lead", "route", "express", { condition: { field: "flag", op: "eq", value: true } }),
          closeLost("lead"),
          closeLost("standard"),
          closeLost("express"),
        ],
      }),
    );

    it("should take the conditional edge when its condition holds", () => {
      expect(Deal.start(program).do("route", { flag: true }).to).toBe("express");
    });

    it("should take the other edge otherwise", () => {
      expect(Deal.start(program).do("route", { flag: false }).to).toBe("standard");
      expect(Deal.start(program).do("route").to).toBe("standard");
    });

    it("should take the first of two conditional edges whose condition holds", () => {
      const split = programOf(
        definition({
          initial: "lead",
          nodes: [stage("lead"), stage("small"), stage("big"), lostStage()],
          edges: [
            act("lead", "route", "small", { condition: { field: "amount", op: "lt", value: 1000 } }),
            act("lead", "route", "big", { condition: { not: { field: "amount", op: "lt", value: 1000 } } }),
            closeLost("lead"),
            closeLost("small"),
            closeLost("big"),
          ],
        }),
      );
      expect(Deal.start(split).do("route", { amount: 999 }).to).toBe("small");
      expect(Deal.start(split).do("route", { amount: 1000 }).to).toBe("big");
      const [route] = availableActions(split, { stage: "lead", values: {}, actor: REP, now: NOW });
      expect(route?.targets).toEqual(["small", "big"]);
    });

    it("should ask for the fields of the edge whose condition holds instead of falling through to the other", () => {
      const guarded = programOf(
        definition({
          initial: "negotiation",
          nodes: [stage("negotiation"), approval("bigDeal"), wonStage(), lostStage()],
          edges: [
            act("negotiation", "closeWon", "bigDeal", {
              condition: { field: "amount", op: "gte", value: 1_000_000 },
              requiredFields: ["note"],
            }),
            act("negotiation", "closeWon", "won"),
            closeLost("negotiation"),
            link("bigDeal", "won", { branch: "approve" }, "approve"),
            link("bigDeal", "negotiation", { branch: "reject" }, "reject"),
          ],
        }),
      );
      const deal = Deal.start(guarded, { amount: 2_000_000 });
      const refusal = expectRefused(deal.try("closeWon"));
      expect(refusal.reasons).toEqual([expect.objectContaining({ kind: "missingField", field: "note" })]);
      expect(deal.stage).toBe("negotiation");
      const [closeWon] = availableActions(guarded, {
        stage: "negotiation",
        values: deal.values,
        actor: REP,
        now: NOW,
      });
      expect(closeWon).toMatchObject({ enabled: false, missingFields: ["note"] });
      expect(deal.do("closeWon", { note: "signed" }).to).toBe("bigDeal");
      expect(Deal.start(guarded, { amount: 10 }).do("closeWon").to).toBe("won");
    });
  });

  describe("a decision with several branches and a default", () => {
    const program = programOf(
      definition({
        initial: "lead",
        nodes: [
          stage("lead"),
          decision("tier"),
          stage("gold"),
          stage("silver"),
          stage("bronze"),
          lostStage(),
        ],
        edges: [
          act("lead", "classify", "tier"),
          closeLost("lead"),
          link("tier", "gold", { condition: { field: "amount", op: "gte", value: 1_000_000 } }, "gold"),
          link("tier", "silver", { condition: { field: "amount", op: "gte", value: 100_000 } }, "silver"),
          link("tier", "bronze", { branch: "default" }, "default"),
          ...["gold", "silver", "bronze"].map(closeLost),
        ],
      }),
    );

    it.each([
      [2_000_000, "gold"],
      [1_000_000, "gold"],
      [999_999, "silver"],
      [100_000, "silver"],
      [99_999, "bronze"],
      [null, "bronze"],
    ])("should route a deal of %s to %s (the first branch that holds wins)", (amount, target) => {
      const result = Deal.start(program).do("classify", { amount });
      expect(result).toMatchObject({ from: "lead", to: target, path: ["tier", target] });
    });

    it("should run the effects of the branch taken only", () => {
      const withEffects = programOf(
        definition({
          initial: "lead",
          nodes: [stage("lead"), decision("check"), stage("a"), stage("b"), lostStage()],
          edges: [
            act("lead", "go", "check"),
            closeLost("lead"),
            link(
              "check",
              "a",
              {
                condition: { field: "flag", op: "eq", value: true },
                effects: [{ kind: "setField", field: "note", value: "urgent" }],
              },
              "urgent",
            ),
            link(
              "check",
              "b",
              { branch: "default", effects: [{ kind: "assignOwner", rule: { kind: "teamManager" } }] },
              "default",
            ),
            closeLost("a"),
            closeLost("b"),
          ],
        }),
      );
      const urgent = Deal.start(withEffects).do("go", { flag: true });
      expect(urgent.effects).toEqual([
        { kind: "setField", edgeId: "check-urgent-a", field: "note", value: "urgent" },
      ]);
      const other = Deal.start(withEffects).do("go");
      expect(other.effects).toEqual([
        { kind: "assignOwner", edgeId: "check-default-b", rule: { kind: "teamManager" } },
      ]);
    });
  });

  describe("an approval with a named user as approver", () => {
    const program = programOf(
      definition({
        initial: "lead",
        nodes: [
          stage("lead"),
          approval("signOff", { kind: "user", userId: "cfo-7" }),
          wonStage(),
          lostStage(),
        ],
        edges: [
          act("lead", "submit", "signOff"),
          closeLost("lead"),
          link("signOff", "won", { branch: "approve" }, "approve"),
          link("signOff", "lead", { branch: "reject" }, "reject"),
        ],
      }),
    );
    const CFO = { id: "cfo-7", role: "rep" as const };

    it("should ask that user for the decision", () => {
      const result = Deal.start(program).do("submit");
      expect(result.path).toEqual(["signOff"]);
      expect(effectsOf(result.effects, "requestApproval")).toEqual([
        {
          kind: "requestApproval",
          node: "signOff",
          approver: { kind: "user", userId: "cfo-7" },
          notify: true,
        },
      ]);
    });

    it("should let only that user, or an admin, decide", () => {
      for (const actor of [REP, DEAL_MANAGER, OTHER_MANAGER, { id: "cfo-8", role: "manager" as const }]) {
        const deal = Deal.start(program);
        deal.do("submit");
        expect(expectRefused(deal.try("approve", {}, actor)).reasons.map((r) => r.kind)).toEqual([
          "notApprover",
        ]);
      }
      const byUser = Deal.start(program);
      byUser.do("submit");
      expect(byUser.do("approve", {}, CFO)).toMatchObject({ to: "won", done: true });
      const byAdmin = Deal.start(program);
      byAdmin.do("submit");
      expect(byAdmin.do("reject", {}, ADMIN).to).toBe("lead");
    });

    it("should enable approve and reject for that user only", () => {
      const input = { stage: "signOff", values: {}, now: NOW };
      expect(availableActions(program, { ...input, actor: CFO }).map((a) => a.enabled)).toEqual([true, true]);
      expect(availableActions(program, { ...input, actor: REP }).map((a) => a.enabled)).toEqual([
        false,
        false,
      ]);
    });

    it("should not notify the approver when the approval says not to", () => {
      const quiet = programOf(
        definition({
          initial: "lead",
          nodes: [
            stage("lead"),
            approval("check", { kind: "role", role: "trainer" }, { notifyApprover: false }),
            wonStage(),
            lostStage(),
          ],
          edges: [
            act("lead", "submit", "check"),
            closeLost("lead"),
            link("check", "won", { branch: "approve" }, "approve"),
            link("check", "lead", { branch: "reject" }, "reject"),
          ],
        }),
      );
      const deal = Deal.start(quiet);
      expect(effectsOf(deal.do("submit").effects, "requestApproval")).toEqual([
        {
          kind: "requestApproval",
          node: "check",
          approver: { kind: "role", role: "trainer" },
          notify: false,
        },
      ]);
      expect(expectRefused(deal.try("approve", {}, DEAL_MANAGER)).reasons.map((r) => r.kind)).toEqual([
        "notApprover",
      ]);
      expect(deal.do("approve", {}, { id: "t-1", role: "trainer" }).to).toBe("won");
    });
  });

  describe("won and lost stages", () => {
    const program = programOf(
      definition({
        initial: "lead",
        nodes: [stage("lead"), wonStage(), lostStage()],
        edges: [act("lead", "win", "won"), closeLost("lead")],
      }),
    );

    it.each([
      ["win", {}, "won"],
      ["closeLost", { lostReason: "price" }, "lost"],
    ])("should close the deal on %s and refuse anything after", (action, changes, target) => {
      const deal = Deal.start(program);
      const result = deal.do(action, changes);
      expect(result).toMatchObject({ to: target, done: true, effects: [] });
      for (const next of ["win", "closeLost"]) {
        expect(expectRefused(deal.try(next, { lostReason: "price" })).reasons.map((r) => r.kind)).toEqual([
          "closed",
        ]);
      }
      expect(availableActions(program, { stage: target, values: {}, actor: ADMIN, now: NOW })).toEqual([]);
    });

    it("should refuse an action the stage does not have, naming it", () => {
      const refusal = expectRefused(Deal.start(program).try("teleport"));
      expect(refusal.reasons).toEqual([
        {
          kind: "unknownAction",
          message: {
            zh: "当前阶段没有「teleport」操作。",
            en: "There is no action “teleport” in the current stage.",
          },
        },
      ]);
    });
  });

  describe("a time limit", () => {
    const program = programOf(
      definition({
        initial: "lead",
        nodes: [
          stage("lead", {
            timeLimit: {
              days: 1.5,
              then: [{ kind: "notifyOwner" }, { kind: "moveBy", action: "closeLost" }],
            },
          }),
          lostStage(),
        ],
        edges: [act("lead", "closeLost", "lost")],
      }),
    );

    it("should schedule its timer when the deal enters the stage", () => {
      expect(scheduledTimer(Deal.start(program).startEffects)).toMatchObject({
        stage: "lead",
        delayMs: 1.5 * DAY_MS,
      });
    });

    it("should ask the shell to move the deal by the named action when it passes", () => {
      const deal = Deal.start(program);
      const timer = scheduledTimer(deal.startEffects);
      const result = deal.do(timer.event, {}, SYSTEM);
      expect(result).toMatchObject({ from: "lead", to: "lead", done: false });
      expect(result.effects).toEqual([
        { kind: "notifyOwner", stage: "lead", reason: "timeLimit" },
        { kind: "timeLimitMove", stage: "lead", action: "closeLost" },
      ]);
      expect(deal.do("closeLost", {}, SYSTEM)).toMatchObject({ to: "lost", done: true });
    });
  });
});

describe("a stage's responsibility rule", () => {
  it("should hand the deal over as it enters the stage, and not when the rule keeps the owner", () => {
    const base = defaultProcess;
    const withOwner = {
      ...base,
      nodes: base.nodes.map((n) =>
        n.data.kind === "stage" && n.data.key === "contact"
          ? { ...n, data: { ...n.data, owner: { kind: "teamManager" as const } } }
          : n.data.kind === "stage" && n.data.key === "analysis"
            ? { ...n, data: { ...n.data, owner: { kind: "keep" as const } } }
            : n,
      ),
    };
    const program = programOf(withOwner);
    const deal = Deal.start(program, { industry: "finance", region: "east", source: "website" });
    const entered = deal.do("startContact");
    expect(entered.effects).toContainEqual(
      expect.objectContaining({ kind: "assignOwner", rule: { kind: "teamManager" } }),
    );
    const nurtured = deal.do("qualify");
    expect(nurtured.effects.filter((e) => e.kind === "assignOwner")).toEqual([]);
  });
});
