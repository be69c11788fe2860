import { describe, expect, it } from "vitest";
import { evaluateCondition, explain, scoreDeal, unmetCriteria, type DealValues } from "@/workflows/rules";
import { bantRule, ctx, defaultScoring, fields, qualifiedDeal } from "./fixtures";

/* The default process's BANT rule and priority score (§2 of default-process.md) on realistic deals. */

const qualify = (values: DealValues) => evaluateCondition({ rule: "bant" }, ctx(values));
const why = (values: DealValues, locale: "zh-CN" | "en") =>
  unmetCriteria(qualify(values).node, { fields, locale });
const score = (values: DealValues) => scoreDeal(defaultScoring(), ctx(values));

describe("BANT qualification", () => {
  it("should qualify a deal with budget, decision maker, need and a close date within 180 days", () => {
    const outcome = qualify(qualifiedDeal());
    expect(outcome.pass).toBe(true);
    expect(why(qualifiedDeal(), "zh-CN")).toEqual([]);
  });

  it("should refuse a deal without a decision maker, and say so in both languages", () => {
    const deal = qualifiedDeal({ decisionMaker: "" });
    expect(qualify(deal).pass).toBe(false);
    expect(why(deal, "zh-CN")).toEqual(["决策人 已填写(当前 未填写)"]);
    expect(why(deal, "en")).toEqual(["Decision maker is set (now empty)"]);
  });

  it("should refuse an unconfirmed budget of 20,000 and show both ways the budget could pass", () => {
    const deal = qualifiedDeal({ budgetConfirmed: false, budget: 20_000 });
    expect(qualify(deal).pass).toBe(false);
    expect(why(deal, "zh-CN")).toEqual(["预算已确认 = 是(当前 否)", "预算金额 ≥ 50,000(当前 20,000)"]);
    expect(why(deal, "en")).toEqual(["Budget confirmed = yes (now no)", "Budget ≥ 50,000 (now 20,000)"]);
    const lines = explain(qualify(deal).node, { fields, locale: "zh-CN" }).lines;
    expect(lines).toContainEqual({ pass: false, text: "预算金额 ≥ 50,000(当前 20,000)", depth: 3 });
  });

  it("should accept a budget of 50,000 or more even when it is not confirmed", () => {
    expect(qualify(qualifiedDeal({ budgetConfirmed: false, budget: 50_000 })).pass).toBe(true);
  });

  it("should not blame the budget amount when the budget is confirmed", () => {
    const deal = qualifiedDeal({ budget: null, need: null });
    expect(why(deal, "en")).toEqual(["Need is set (now empty)"]);
  });

  it("should refuse a deal closing more than 180 days out and name the date", () => {
    const deal = qualifiedDeal({ expectedClose: "2026-07-15" });
    expect(why(deal, "zh-CN")).toEqual(["预计成交日期 在 180 天内(当前 2026-07-15)"]);
    expect(why(deal, "en")).toEqual(["Expected close within 180 days (now 2026-07-15)"]);
  });

  it("should explain the rule under its name", () => {
    const { lines } = explain(qualify(qualifiedDeal()).node, { fields, locale: "en" });
    expect(lines[0]).toEqual({ pass: true, text: bantRule().name.en, depth: 0 });
    expect(lines[1]).toEqual({ pass: true, text: "All of:", depth: 1 });
    expect(lines[2]).toEqual({ pass: true, text: "Any of:", depth: 2 });
  });
});

describe("priority score", () => {
  it("should give a fully qualified strategic big deal closing in 45 days 100 points and priority A", () => {
    const result = score(qualifiedDeal());
    expect(result).toMatchObject({ score: 100, priority: "A" });
    expect(result.criteria.filter((c) => c.pass).map((c) => c.id)).toEqual([
      "budgetConfirmed",
      "decisionMaker",
      "need",
      "closeWithin90",
      "strategicIndustry",
      "bigAmount",
    ]);
  });

  it("should report each criterion with its label, points and what it earned", () => {
    const budget = score(qualifiedDeal({ budgetConfirmed: false })).criteria[0];
    expect(budget).toEqual({
      id: "budgetConfirmed",
      label: { zh: "预算已确认", en: "Budget confirmed" },
      points: 25,
      earned: 0,
      pass: false,
    });
  });

  it("should give 10 rather than 20 points for a close in 90–180 days", () => {
    const result = score(qualifiedDeal({ expectedClose: "2026-05-15" }));
    expect(result.score).toBe(90);
    expect(result.criteria.find((c) => c.id === "closeWithin180")).toMatchObject({ pass: true, earned: 10 });
    expect(result.criteria.find((c) => c.id === "closeWithin90")).toMatchObject({ pass: false, earned: 0 });
  });

  it("should fall to B, C and D as criteria drop away", () => {
    const retail = { industry: "retail", amount: 100_000 };
    expect(score(qualifiedDeal({ ...retail, budgetConfirmed: false }))).toMatchObject({
      score: 60,
      priority: "B",
    });
    expect(score(qualifiedDeal({ ...retail, budgetConfirmed: false, need: "" }))).toMatchObject({
      score: 40,
      priority: "C",
    });
    expect(score({ need: "想了解产品" })).toMatchObject({ score: 20, priority: "D" });
    expect(score({})).toMatchObject({ score: 0, priority: "D" });
  });

  it("should sit exactly on a threshold at 80 points", () => {
    expect(score(qualifiedDeal({ decisionMaker: null }))).toMatchObject({ score: 80, priority: "A" });
  });

  it("should cap the score at 100 when criteria add up to more", () => {
    const generous = {
      criteria: [1, 2, 3].map((n) => ({
        id: `c${n}`,
        label: { zh: `条件${n}`, en: `Criterion ${n}` },
        when: { all: [] },
        points: 50,
      })),
      thresholds: { a: 80, b: 60, c: 40 },
    };
    expect(scoreDeal(generous, ctx({}))).toMatchObject({ score: 100, priority: "A" });
  });
});
