import { describe, expect, it } from "vitest";
import { compile } from "@/workflows/compiler";
import type { DealValues } from "@/workflows/rules";
import { availableActions, createProgram, start, step, type PersistedSnapshot } from "@/workflows/runtime";
import { defaultProcess } from "@/workflows/templates/default-process";
import {
  programOf,
  checklistOf,
  ADMIN,
  DAY_MS,
  Deal,
  DEAL_MANAGER,
  daysFromNow,
  effectsOf,
  expectMoved,
  expectRefused,
  NOW,
  OTHER_MANAGER,
  REP,
  scheduledTimer,
  SYSTEM,
} from "./fixtures";

const program = createProgram(defaultProcess, compile(defaultProcess));

/** What a rep has filled in by the time a deal is well on its way: passes BANT, 500,000. */
const WORKED: DealValues = {
  title: "核心系统升级",
  account: "华信银行",
  industry: "finance",
  region: "east",
  source: "referral",
  budgetConfirmed: true,
  decisionMaker: "王总",
  need: "替换旧的信贷系统",
  expectedClose: daysFromNow(45),
  painPoints: "审批慢",
  competitors: ["rivalA"],
  proposalAmount: 500_000,
  proposalLink: "https://example.com/proposal.pdf",
  discountPct: 10,
  amount: 500_000,
};

/** A deal driven from the lead to `stage` by the happy path (values: WORKED + `values`). */
function dealIn(
  stage: "lead" | "contact" | "analysis" | "proposal" | "negotiation",
  values: DealValues = {},
) {
  const deal = Deal.start(program, { ...WORKED, ...values });
  const route = ["startContact", "qualify", "startProposal", "sendProposal"];
  const stops = ["lead", "contact", "analysis", "proposal", "negotiation"];
  for (const action of route.slice(0, stops.indexOf(stage))) deal.do(action);
  expect(deal.stage).toBe(stage);
  return deal;
}

describe("the default process, run by the runtime", () => {
  describe("a new deal", () => {
    it("should start in the lead with a 3-day time limit timer", () => {
      const result = start(program, { values: {}, now: NOW });
      expect(result).toMatchObject({ ok: true, from: null, to: "lead", path: ["lead"], done: false });
      expect(result.snapshot.value).toBe("lead");
      const timer = scheduledTimer(result.effects);
      expect(timer).toMatchObject({ stage: "lead", delayMs: 3 * DAY_MS });
      expect(timer.event).toMatch(/^xstate\.after\./);
      expect(result.effects).toHaveLength(1);
    });

    it("should refuse to start contact until industry, region and source are filled in, naming each", () => {
      const deal = Deal.start(program, { title: "t", account: "a" });
      const refusal = expectRefused(deal.try("startContact"));
      expect(refusal.reasons).toEqual([
        {
          kind: "missingField",
          field: "industry",
          message: { zh: "请填写「行业」", en: "Fill in “Industry”" },
        },
        { kind: "missingField", field: "region", message: { zh: "请填写「区域」", en: "Fill in “Region”" } },
        { kind: "missingField", field: "source", message: { zh: "请填写「来源」", en: "Fill in “Source”" } },
      ]);
      expect(deal.stage).toBe("lead");
    });

    it("should only ask for the fields still missing", () => {
      const deal = Deal.start(program, { industry: "retail", source: "website", region: "  " });
      const refusal = expectRefused(deal.try("startContact"));
      expect(refusal.reasons.map((r) => (r.kind === "missingField" ? r.field : r.kind))).toEqual(["region"]);
    });

    it("should move to contact once the fields are filled, swapping the lead's timer for a 7-day one", () => {
      const deal = Deal.start(program);
      const leadTimer = scheduledTimer(deal.startEffects);
      const result = deal.do("startContact", { industry: "finance", region: "east", source: "referral" });
      expect(result).toMatchObject({ from: "lead", to: "contact", path: ["contact"], done: false });
      expect(effectsOf(result.effects, "cancelTimer")).toEqual([{ kind: "cancelTimer", id: leadTimer.id }]);
      expect(scheduledTimer(result.effects)).toMatchObject({ stage: "contact", delayMs: 7 * DAY_MS });
    });
  });

  describe("qualification", () => {
    it("should route a deal that passes BANT through the decision to needs analysis", () => {
      const result = dealIn("contact").do("qualify");
      expect(result.to).toBe("analysis");
      expect(result.path).toContain("qualify");
      expect(result.path.at(-1)).toBe("analysis");
      expect(scheduledTimer(result.effects)).toMatchObject({ stage: "analysis", delayMs: 14 * DAY_MS });
    });

    it.each([
      ["the budget is neither confirmed nor large enough", { budgetConfirmed: false, budget: 10_000 }],
      ["there is no decision maker", { decisionMaker: "" }],
      ["it closes more than 180 days out", { expectedClose: daysFromNow(200) }],
    ])("should route a deal to nurture when %s", (_, values) => {
      const result = dealIn("contact", values).do("qualify");
      expect(result.to).toBe("nurture");
      expect(result.path).toEqual(["qualify", "nurture"]);
      expect(scheduledTimer(result.effects)).toMatchObject({ stage: "nurture", delayMs: 90 * DAY_MS });
    });

    it("should let a nurtured deal be re-engaged", () => {
      const deal = dealIn("contact", { budgetConfirmed: false });
      deal.do("qualify");
      expect(deal.do("reEngage").to).toBe("contact");
    });
  });

  describe("closing lost", () => {
    it("should refuse to close lost without a lost reason", () => {
      const refusal = expectRefused(dealIn("contact").try("closeLost"));
      expect(refusal.reasons).toEqual([
        {
          kind: "missingField",
          field: "lostReason",
          message: { zh: "请填写「输单原因」", en: "Fill in “Lost reason”" },
        },
      ]);
    });

    it("should close lost with a reason, and then refuse every action as closed", () => {
      const deal = dealIn("contact");
      const result = deal.do("closeLost", { lostReason: "price" });
      expect(result).toMatchObject({ from: "contact", to: "lost", done: true });
      expect(result.snapshot.status).toBe("done");
      for (const action of ["closeLost", "qualify", "startContact", "approve", "nonsense"]) {
        const refusal = expectRefused(deal.try(action, {}, ADMIN));
        expect(refusal.reasons.map((r) => r.kind)).toEqual(["closed"]);
        expect(refusal.reasons[0]?.message.zh).toMatch(/已关闭/);
        expect(refusal.reasons[0]?.message.en).toMatch(/closed/);
      }
      expect(availableActions(program, { stage: "lost", values: deal.values, actor: REP, now: NOW })).toEqual(
        [],
      );
    });

    it("should let a rep close a proposal lost with only a lost reason, leaving its own fields empty", () => {
      const deal = dealIn("proposal");
      const emptied = { proposalAmount: null, proposalLink: "", expectedClose: null };
      expect(deal.do("closeLost", { ...emptied, lostReason: "timing" })).toMatchObject({
        to: "lost",
        done: true,
      });
    });

    it("should cancel the stage's timer when a deal closes", () => {
      const result = dealIn("negotiation").do("closeLost", { lostReason: "competitor" });
      expect(effectsOf(result.effects, "cancelTimer")).toHaveLength(1);
      expect(effectsOf(result.effects, "scheduleTimer")).toEqual([]);
    });

    it("should disqualify a lead with a reason", () => {
      expect(Deal.start(program).do("disqualify", { lostReason: "noBudget" })).toMatchObject({
        to: "lost",
        done: true,
      });
    });
  });

  describe("the discount approval", () => {
    it("should send a proposal with a discount over 15% to the team manager's approval", () => {
      const result = dealIn("proposal").do("sendProposal", { discountPct: 20 });
      expect(result.to).toBe("discountApproval");
      expect(result.path).toEqual(["discountCheck", "discountApproval"]);
      expect(effectsOf(result.effects, "requestApproval")).toEqual([
        {
          kind: "requestApproval",
          node: "discountApproval",
          approver: { kind: "teamManager" },
          notify: true,
        },
      ]);
      expect(effectsOf(result.effects, "cancelTimer")).toHaveLength(1);
      expect(effectsOf(result.effects, "scheduleTimer")).toEqual([]);
    });

    it("should go straight to negotiation with a discount of 15% or less", () => {
      for (const discountPct of [15, 0]) {
        const result = dealIn("proposal").do("sendProposal", { discountPct });
        expect(result.path).toEqual(["discountCheck", "negotiation"]);
        expect(effectsOf(result.effects, "requestApproval")).toEqual([]);
      }
    });

    it("should refuse a rep who tries to approve", () => {
      const deal = dealIn("proposal", { discountPct: 20 });
      deal.do("sendProposal");
      const refusal = expectRefused(deal.try("approve", {}, REP));
      expect(refusal.reasons).toEqual([
        {
          kind: "notApprover",
          message: { zh: "您不是此审批的审批人。", en: "You are not the approver of this approval." },
        },
      ]);
      expect(deal.stage).toBe("discountApproval");
    });

    it("should refuse a manager who does not manage the deal's team", () => {
      const deal = dealIn("proposal", { discountPct: 20 });
      deal.do("sendProposal");
      expect(expectRefused(deal.try("approve", {}, OTHER_MANAGER)).reasons.map((r) => r.kind)).toEqual([
        "notApprover",
      ]);
      expect(expectRefused(deal.try("reject", {}, OTHER_MANAGER)).reasons.map((r) => r.kind)).toEqual([
        "notApprover",
      ]);
    });

    it("should move to negotiation when the deal's manager approves", () => {
      const deal = dealIn("proposal", { discountPct: 20 });
      deal.do("sendProposal");
      const result = deal.do("approve", {}, DEAL_MANAGER);
      expect(result).toMatchObject({ from: "discountApproval", to: "negotiation", path: ["negotiation"] });
      expect(scheduledTimer(result.effects)).toMatchObject({ stage: "negotiation", delayMs: 21 * DAY_MS });
    });

    it("should let an admin approve any approval", () => {
      const deal = dealIn("proposal", { discountPct: 20 });
      deal.do("sendProposal");
      expect(deal.do("approve", {}, ADMIN).to).toBe("negotiation");
    });

    it("should send a rejected discount back to the proposal", () => {
      const deal = dealIn("proposal", { discountPct: 20 });
      deal.do("sendProposal");
      expect(deal.do("reject", {}, DEAL_MANAGER).to).toBe("proposal");
    });
  });

  describe("closing won", () => {
    it("should send a deal of 1,000,000 or more to the big-deal approval", () => {
      for (const amount of [1_000_000, 2_500_000]) {
        const result = dealIn("negotiation", { amount }).do("closeWon", { finalAmount: amount });
        expect(result).toMatchObject({ to: "bigDealApproval", path: ["bigDealApproval"], done: false });
        expect(effectsOf(result.effects, "requestApproval")).toEqual([
          {
            kind: "requestApproval",
            node: "bigDealApproval",
            approver: { kind: "teamManager" },
            notify: true,
          },
        ]);
      }
    });

    it("should win a deal below 1,000,000 directly", () => {
      const result = dealIn("negotiation", { amount: 999_999 }).do("closeWon", { finalAmount: 990_000 });
      expect(result).toMatchObject({ to: "won", done: true });
      expect(result.snapshot.status).toBe("done");
    });

    it("should refuse to close won without a final amount, even for a big deal", () => {
      for (const amount of [500_000, 2_000_000]) {
        const refusal = expectRefused(dealIn("negotiation", { amount }).try("closeWon"));
        expect(refusal.reasons).toEqual([
          {
            kind: "missingField",
            field: "finalAmount",
            message: { zh: "请填写「成交金额」", en: "Fill in “Final amount”" },
          },
        ]);
      }
    });

    it("should win an approved big deal", () => {
      const deal = dealIn("negotiation", { amount: 2_000_000 });
      deal.do("closeWon", { finalAmount: 1_900_000 });
      expect(deal.do("approve", {}, DEAL_MANAGER)).toMatchObject({ to: "won", done: true });
    });

    it("should send a rejected big deal back to negotiation and clear its final amount", () => {
      const deal = dealIn("negotiation", { amount: 2_000_000 });
      deal.do("closeWon", { finalAmount: 1_900_000 });
      const result = deal.do("reject", {}, DEAL_MANAGER);
      expect(result).toMatchObject({ from: "bigDealApproval", to: "negotiation", done: false });
      expect(effectsOf(result.effects, "setField")).toEqual([
        { kind: "setField", edgeId: "bigDealApproval-reject-negotiation", field: "finalAmount", value: null },
      ]);
    });
  });

  describe("the big-deal notice on entering negotiation", () => {
    it("should tell the team manager when a big deal enters negotiation", () => {
      const result = dealIn("proposal", { amount: 1_200_000 }).do("sendProposal");
      expect(effectsOf(result.effects, "notify")).toEqual([
        { kind: "notify", edgeId: "discountCheck-default-negotiation", to: "teamManager" },
      ]);
    });

    it("should tell the team manager when an approved discount brings a big deal into negotiation", () => {
      const deal = dealIn("proposal", { amount: 1_200_000, discountPct: 30 });
      deal.do("sendProposal");
      expect(effectsOf(deal.do("approve", {}, DEAL_MANAGER).effects, "notify")).toEqual([
        { kind: "notify", edgeId: "discountApproval-approve-negotiation", to: "teamManager" },
      ]);
    });

    it("should not notify anyone for a smaller deal or one without an amount", () => {
      for (const amount of [999_999, null]) {
        const result = dealIn("proposal", { amount }).do("sendProposal");
        expect(result.to).toBe("negotiation");
        expect(effectsOf(result.effects, "notify")).toEqual([]);
      }
    });
  });

  describe("time limits", () => {
    it("should notify the owner and escalate when the contact timer fires, leaving the deal where it is", () => {
      const deal = Deal.start(program, WORKED);
      const timer = scheduledTimer(deal.do("startContact").effects);
      const before = deal.snapshot;
      const result = deal.do(timer.event, {}, SYSTEM);
      expect(result).toMatchObject({ from: "contact", to: "contact", done: false });
      expect(result.snapshot.value).toBe("contact");
      expect(result.effects).toEqual([
        { kind: "notifyOwner", stage: "contact", reason: "timeLimit" },
        { kind: "escalateToManager", stage: "contact", reason: "timeLimit" },
      ]);
      expect(result.snapshot).toEqual(before);
    });

    it("should do nothing when the timer of a stage the deal has left fires", () => {
      const deal = Deal.start(program, WORKED);
      const leadTimer = scheduledTimer(deal.startEffects);
      deal.do("startContact");
      const result = deal.do(leadTimer.event, {}, SYSTEM);
      expect(result).toMatchObject({ from: "contact", to: "contact", path: [], effects: [], done: false });
      expect(deal.stage).toBe("contact");
    });

    it("should do nothing when a timer fires after the deal closed", () => {
      const deal = Deal.start(program, WORKED);
      const timer = scheduledTimer(deal.do("startContact").effects);
      const closed = deal.do("closeLost", { lostReason: "price" }).snapshot;
      const result = step(program, {
        snapshot: closed,
        values: deal.values,
        action: timer.event,
        actor: SYSTEM,
        now: NOW,
      });
      expect(result).toMatchObject({ ok: true, to: "lost", path: [], effects: [], done: true });
    });

    it("should let a limit without consequences pass quietly (the deal only shows as overdue)", () => {
      const deal = dealIn("contact");
      const timer = scheduledTimer(deal.do("qualify").effects);
      const result = deal.do(timer.event, {}, SYSTEM);
      expect(result).toMatchObject({ to: "analysis", effects: [] });
    });

    it("should escalate an overdue negotiation", () => {
      const deal = dealIn("proposal");
      const timer = scheduledTimer(deal.do("sendProposal").effects);
      expect(deal.do(timer.event, {}, SYSTEM).effects).toEqual([
        { kind: "escalateToManager", stage: "negotiation", reason: "timeLimit" },
      ]);
    });
  });

  describe("available actions", () => {
    it("should list every action of negotiation with what each still needs", () => {
      const actions = availableActions(program, {
        stage: "negotiation",
        values: { ...WORKED, finalAmount: null },
        actor: REP,
        now: NOW,
      });
      expect(actions.map((a) => a.key)).toEqual(["closeWon", "reviseProposal", "closeLost"]);
      const [closeWon, reviseProposal, closeLost] = actions;
      expect(closeWon).toMatchObject({
        name: { zh: "签约", en: "Close won" },
        enabled: false,
        missingFields: ["finalAmount"],
        reasons: [{ kind: "missingField", field: "finalAmount" }],
      });
      expect(closeWon?.targets.sort()).toEqual(["bigDealApproval", "won"]);
      expect(reviseProposal).toMatchObject({
        name: { zh: "重新报价", en: "Revise proposal" },
        enabled: true,
        reasons: [],
        missingFields: [],
        targets: ["proposal"],
      });
      expect(closeLost).toMatchObject({
        name: { zh: "输单", en: "Close lost" },
        enabled: false,
        missingFields: ["lostReason"],
        targets: ["lost"],
      });
    });

    it("should enable closing won and lost once their fields are filled", () => {
      const actions = availableActions(program, {
        stage: "negotiation",
        values: { ...WORKED, finalAmount: 480_000, lostReason: "price" },
        actor: REP,
        now: NOW,
      });
      expect(actions.every((a) => a.enabled && a.reasons.length === 0 && a.missingFields.length === 0)).toBe(
        true,
      );
    });

    it("should list the lead's actions with every missing field", () => {
      const actions = availableActions(program, { stage: "lead", values: {}, actor: REP, now: NOW });
      expect(actions.map((a) => [a.key, a.enabled, a.missingFields])).toEqual([
        ["startContact", false, ["industry", "region", "source"]],
        ["disqualify", false, ["lostReason"]],
      ]);
    });

    it("should show approve and reject disabled to a rep and enabled to the deal's manager", () => {
      const input = { stage: "bigDealApproval", values: WORKED, now: NOW };
      const forRep = availableActions(program, { ...input, actor: REP });
      expect(forRep.map((a) => [a.key, a.enabled, a.reasons.map((r) => r.kind)])).toEqual([
        ["approve", false, ["notApprover"]],
        ["reject", false, ["notApprover"]],
      ]);
      const forManager = availableActions(program, { ...input, actor: DEAL_MANAGER });
      expect(forManager.map((a) => [a.key, a.enabled, a.name.en])).toEqual([
        ["approve", true, "Approve"],
        ["reject", true, "Reject"],
      ]);
    });

    it("should agree with step on whether each action passes", () => {
      for (const values of [{}, WORKED, { ...WORKED, finalAmount: 1, lostReason: "other" }]) {
        const deal = dealIn("negotiation");
        for (const action of availableActions(program, {
          stage: "negotiation",
          values,
          actor: REP,
          now: NOW,
        })) {
          const result = step(program, {
            snapshot: deal.snapshot,
            values,
            action: action.key,
            actor: REP,
            now: NOW,
          });
          expect(result.ok).toBe(action.enabled);
          if (!result.ok) expect(result.reasons).toEqual(action.reasons);
        }
      }
    });
  });

  describe("persisted snapshots", () => {
    it("should run a deal from lead to won on snapshots that went through JSON each time", () => {
      let snapshot: PersistedSnapshot = JSON.parse(
        JSON.stringify(start(program, { values: {}, now: NOW }).snapshot),
      );
      const values = { ...WORKED, amount: 3_000_000, discountPct: 25, finalAmount: 2_800_000 };
      const moves: [string, typeof REP, string][] = [
        ["startContact", REP, "contact"],
        ["qualify", REP, "analysis"],
        ["startProposal", REP, "proposal"],
        ["sendProposal", REP, "discountApproval"],
        ["approve", DEAL_MANAGER, "negotiation"],
        ["closeWon", REP, "bigDealApproval"],
        ["approve", DEAL_MANAGER, "won"],
      ];
      for (const [action, actor, to] of moves) {
        const checked = checklistOf(program, String(snapshot.value));
        const result = expectMoved(step(program, { snapshot, values, action, actor, now: NOW, checked }));
        expect(result.to).toBe(to);
        const stored = JSON.stringify(result.snapshot);
        expect(JSON.parse(stored)).toEqual(result.snapshot);
        snapshot = JSON.parse(stored);
      }
      expect(snapshot.status).toBe("done");
      expect(
        expectRefused(step(program, { snapshot, values, action: "closeLost", actor: REP, now: NOW })).reasons,
      ).toEqual([expect.objectContaining({ kind: "closed" })]);
    });

    it("should give the same result from a parsed snapshot as from the original", () => {
      const deal = dealIn("negotiation", { amount: 2_000_000 });
      const parsed = JSON.parse(JSON.stringify(deal.snapshot)) as PersistedSnapshot;
      const input = {
        values: { ...deal.values, finalAmount: 2_000_000 },
        action: "closeWon",
        actor: REP,
        now: NOW,
      };
      expect(step(program, { ...input, snapshot: parsed })).toEqual(
        step(program, { ...input, snapshot: deal.snapshot }),
      );
    });
  });
});

describe("the exit checklist (评判标准)", () => {
  const program = programOf(defaultProcess);
  const values = { industry: "finance", region: "east", source: "website" };

  it("should refuse to qualify until every item of Initial contact's checklist is ticked, naming each", () => {
    const deal = Deal.start(program, values);
    deal.do("startContact");
    const refused = expectRefused(deal.try("qualify", {}, REP, NOW, ["interestConfirmed"]));
    expect(refused.reasons).toEqual([
      expect.objectContaining({
        kind: "checklist",
        item: "reachedDecisionMaker",
        message: expect.objectContaining({ zh: expect.stringMatching(/^请确认「/) }),
      }),
    ]);
    const offered = availableActions(program, {
      stage: "contact",
      values,
      actor: REP,
      now: NOW,
      checked: [],
    });
    expect(offered.find((a) => a.key === "qualify")).toMatchObject({
      enabled: false,
      missingChecklist: ["reachedDecisionMaker", "interestConfirmed"],
    });
    expect(deal.do("qualify", {}, REP).to).toBe("nurture");
  });

  it("should not ask for the checklist to close a deal lost", () => {
    const deal = Deal.start(program, values);
    deal.do("startContact");
    expect(expectMoved(deal.try("closeLost", { lostReason: "timing" }, REP, NOW, [])).to).toBe("lost");
  });
});
