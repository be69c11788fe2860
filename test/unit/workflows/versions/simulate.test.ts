import { describe, expect, it } from "vitest";
import { compile } from "@/workflows/compiler";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { createProgram } from "@/workflows/runtime";
import { defaultProcess } from "@/workflows/templates/default-process";
import {
  simulate,
  stays,
  valuesAfterEachEvent,
  type DealHistory,
  type HistoryEvent,
} from "@/workflows/versions/simulate";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString();
const NOW = new Date(day(31));

/**
 * The default process made stricter: a third exit-checklist item on Initial contact, Discount %
 * required to leave Proposal, Initial contact's time limit cut from 7 days to 3, and Nurture's
 * key renamed (so a deal standing in "nurture" has no stage on it).
 */
function stricter(): PipelineDefinition {
  const def = structuredClone(defaultProcess);
  for (const node of def.nodes) {
    if (node.data.kind !== "stage") continue;
    if (node.data.key === "contact") {
      node.data.exitChecklist.push({
        id: "budgetDiscussed",
        label: { zh: "已沟通预算", en: "Budget discussed" },
      });
      node.data.timeLimit = { days: 3, then: node.data.timeLimit!.then };
    }
    if (node.data.key === "proposal") node.data.requiredFields.push("discountPct");
    if (node.data.key === "nurture") node.data.key = "nurturing";
  }
  return def;
}

const ev = (
  type: string,
  at: string,
  fromStage: string | null,
  toStage: string | null,
  action: string | null = null,
  changes: HistoryEvent["changes"] = null,
): HistoryEvent => ({ type, at, fromStage, toStage, action, changes });
const set = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { from: null, to: v }]));

const created = { title: "A", account: "Acme", industry: "retail", region: "east", source: "website" };
const bant = { budgetConfirmed: true, decisionMaker: "王总", need: "ERP", expectedClose: "2026-03-01" };

/** Won: contact for 4 days, BANT at qualify, a proposal with a discount. */
const won: DealHistory = {
  id: "won",
  title: "Won deal",
  stage: "won",
  outcome: "won",
  values: {
    ...created,
    ...bant,
    painPoints: "slow",
    competitors: ["rivalA"],
    proposalAmount: 100000,
    proposalLink: "https://x.test/p",
    discountPct: 5,
    finalAmount: 95000,
  },
  checklist: { contact: ["reachedDecisionMaker", "interestConfirmed"] },
  events: [
    ev("created", day(0), null, "lead", null, set(created)),
    ev("action", day(1), "lead", "contact", "startContact"),
    ev("action", day(5), "contact", "analysis", "qualify", set(bant)),
    ev(
      "action",
      day(6),
      "analysis",
      "proposal",
      "startProposal",
      set({ painPoints: "slow", competitors: ["rivalA"] }),
    ),
    ev(
      "action",
      day(8),
      "proposal",
      "negotiation",
      "sendProposal",
      set({ proposalAmount: 100000, proposalLink: "https://x.test/p", discountPct: 5 }),
    ),
    ev("action", day(10), "negotiation", "won", "closeWon", set({ finalAmount: 95000 })),
  ],
};

/** Open in nurture: qualified without BANT a day after contact; its contact limit passed once. */
const nurtured: DealHistory = {
  id: "nurtured",
  title: "Nurtured deal",
  stage: "nurture",
  outcome: "open",
  values: { ...created, title: "B" },
  checklist: { contact: ["reachedDecisionMaker", "interestConfirmed"] },
  events: [
    ev("created", day(0), null, "lead", null, set({ ...created, title: "B" })),
    ev("action", day(1), "lead", "contact", "startContact"),
    ev("timeLimit", day(2), "contact", "contact"),
    ev("action", day(2), "contact", "nurture", "qualify"),
  ],
};

/** Open in negotiation, its proposal sent without a discount. */
const noDiscount: DealHistory = {
  id: "noDiscount",
  title: "No discount",
  stage: "negotiation",
  outcome: "open",
  values: { ...won.values, title: "C", discountPct: undefined as never, finalAmount: undefined as never },
  checklist: { contact: ["reachedDecisionMaker", "interestConfirmed", "budgetDiscussed"] },
  events: won.events
    .slice(0, 4)
    .concat([
      ev(
        "action",
        day(8),
        "proposal",
        "negotiation",
        "sendProposal",
        set({ proposalAmount: 100000, proposalLink: "https://x.test/p" }),
      ),
    ]),
};
delete noDiscount.values.discountPct;
delete noDiscount.values.finalAmount;

const program = (def: PipelineDefinition) => createProgram(def, compile(def));

describe("replaying recorded histories through another version", () => {
  it("should rebuild the values each event left by undoing later changes", () => {
    const values = valuesAfterEachEvent(won);
    expect(values[1]).toEqual(created); // after startContact: only what creation set
    expect(values[2]).toMatchObject(bant);
    expect(values[2]!.proposalAmount).toBeUndefined();
    expect(values[5]).toEqual(won.values);
  });

  it("should cut a history into stays, the event that ends one belonging to it", () => {
    expect(stays(nurtured).map((s) => [s.stage, s.entered, s.left, s.events.map((e) => e.type)])).toEqual([
      ["lead", day(0), day(1), ["action"]],
      ["contact", day(1), day(2), ["timeLimit", "action"]],
      ["nurture", day(2), null, []],
    ]);
  });

  it("should refuse nothing when the histories replay through the version they ran on", () => {
    const report = simulate(program(defaultProcess), [won, nurtured, noDiscount], NOW);
    expect(report.deals).toBe(3);
    expect(report.actionsTaken).toBe(5 + 2 + 4);
    expect(report.actionsRefused).toBe(0);
    expect(report.actions.every((a) => a.rerouted === 0)).toBe(true);
    expect(report.missingStages).toEqual([]);
  });

  it("should count, per action, the refusals of a stricter version and say why", () => {
    const report = simulate(program(stricter()), [won, nurtured, noDiscount], NOW);
    const qualify = report.actions.find((a) => a.from === "contact" && a.action === "qualify")!;
    // won and nurtured lack the new checklist item; noDiscount had ticked it.
    expect([qualify.taken, qualify.refused]).toEqual([3, 2]);
    expect(qualify.reasons).toEqual([
      expect.objectContaining({ key: "checklist:budgetDiscussed", kind: "checklist", count: 2 }),
    ]);
    expect(qualify.refusedDeals.map((d) => d.id).sort()).toEqual(["nurtured", "won"]);

    const send = report.actions.find((a) => a.action === "sendProposal")!;
    expect([send.taken, send.refused]).toEqual([2, 1]);
    expect(send.reasons).toEqual([
      expect.objectContaining({
        key: "field:discountPct",
        kind: "missingField",
        label: { zh: "折扣 %", en: "Discount %" },
        count: 1,
      }),
    ]);
    expect(send.refusedDeals.map((d) => d.id)).toEqual(["noDiscount"]);
    expect(report.actionsRefused).toBe(3);
    // Sorted by refusals: the action that hurts most comes first.
    expect(report.actions[0]!.action).toBe("qualify");
  });

  it("should list the open deals standing in a stage the version does not have", () => {
    const report = simulate(program(stricter()), [won, nurtured, noDiscount], NOW);
    expect(report.missingStages).toEqual([
      { stage: "nurture", deals: [{ id: "nurtured", title: "Nurtured deal" }] },
    ]);
  });

  it("should count the stays a shorter time limit would have caught, beside those that fired", () => {
    const before = simulate(program(defaultProcess), [won, nurtured, noDiscount], NOW);
    const after = simulate(program(stricter()), [won, nurtured, noDiscount], NOW);
    const contact = (r: typeof before) => r.timeLimits.find((t) => t.stage === "contact")!;
    // Contact stays: won 4 days, nurtured 1 day, noDiscount 4 days.
    expect(contact(before)).toMatchObject({ days: 7, visits: 3, wouldFire: 0, fired: 1 });
    expect(contact(after)).toMatchObject({ days: 3, visits: 3, wouldFire: 2, fired: 1 });
    // An open stay counts up to now: noDiscount has sat in negotiation since day 8 (23 days).
    const negotiation = after.timeLimits.find((t) => t.stage === "negotiation")!;
    expect(negotiation.visits).toBe(2);
  });

  it("should report a decision that would send a deal elsewhere", () => {
    // Qualify with BANT goes to analysis; a version whose BANT needs a larger budget sends it to nurture.
    const def = structuredClone(defaultProcess);
    const rule = def.rules.find((r) => r.key === "bant")!;
    rule.condition = { all: [rule.condition, { field: "budget", op: "gte", value: 1_000_000 }] };
    const report = simulate(program(def), [won], NOW);
    const qualify = report.actions.find((a) => a.action === "qualify")!;
    expect([qualify.taken, qualify.refused, qualify.rerouted]).toEqual([1, 0, 1]);
  });

  it("should take the checklist of the version an action went through under as ticked", () => {
    // The same won deal, with nothing ticked on it now, its actions recorded under "v1".
    const bare: DealHistory = {
      ...won,
      checklist: {},
      events: won.events.map((e) => ({ ...e, versionId: "v1" })),
    };
    const recorded = { v1: { contact: ["reachedDecisionMaker", "interestConfirmed"] } };
    const qualify = (r: ReturnType<typeof simulate>) => r.actions.find((a) => a.action === "qualify")!;
    // Without the recorded checklists the gate looks unticked; with them the replay is clean.
    expect(qualify(simulate(program(defaultProcess), [bare], NOW)).refused).toBe(1);
    expect(qualify(simulate(program(defaultProcess), [bare], NOW, recorded)).refused).toBe(0);
    // An item the new version adds was never ticked: still refused, for that item only.
    const stricterRun = qualify(simulate(program(stricter()), [bare], NOW, recorded));
    expect(stricterRun.reasons.map((r) => r.key)).toEqual(["checklist:budgetDiscussed"]);
  });

  it("should report nothing for no deals", () => {
    const report = simulate(program(defaultProcess), [], NOW);
    expect(report).toMatchObject({
      deals: 0,
      actionsTaken: 0,
      actionsRefused: 0,
      actions: [],
      missingStages: [],
    });
    expect(report.timeLimits.every((t) => t.visits === 0)).toBe(true);
  });
});
