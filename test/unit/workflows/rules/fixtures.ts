import type { Condition, NamedRule } from "@/workflows/definition/schema";
import { evaluateCondition, type DealValues, type EvalContext } from "@/workflows/rules";
import { defaultProcess } from "@/workflows/templates/default-process";

/*
 * Shared fixtures: the default process's real fields, rules and scoring, a fixed clock, and a
 * builder for a realistic, fully qualified deal that each test bends one way.
 */

/** 2026-01-15 10:00 UTC: "today" in every rules test. */
export const NOW = new Date("2026-01-15T10:00:00Z");

export const fields = defaultProcess.fields;
export const rules = defaultProcess.rules;

export function defaultScoring() {
  if (!defaultProcess.scoring) throw new Error("the default process has a scoring rule");
  return defaultProcess.scoring;
}

export function bantRule(): NamedRule {
  const bant = rules.find((r) => r.key === "bant");
  if (!bant) throw new Error("the default process has a BANT rule");
  return bant;
}

/** Two rules that refer to each other, and one that refers to itself. */
export const cyclicRules: NamedRule[] = [
  { key: "loopA", name: { zh: "循环甲", en: "Loop A" }, condition: { all: [{ rule: "loopB" }] } },
  { key: "loopB", name: { zh: "循环乙", en: "Loop B" }, condition: { any: [{ rule: "loopA" }] } },
  { key: "selfish", name: { zh: "自指", en: "Selfish" }, condition: { not: { rule: "selfish" } } },
];

export function ctx(values: DealValues, now: Date = NOW): EvalContext {
  return { fields, rules: [...rules, ...cyclicRules], values, now };
}

/** Whether a condition holds for a deal today. */
export const holds = (condition: Condition, values: DealValues, now: Date = NOW) =>
  evaluateCondition(condition, ctx(values, now)).pass;

/** A deal that passes BANT and scores 100: finance, 800,000, closing 2026-03-01 (in 45 days). */
export function qualifiedDeal(overrides: DealValues = {}): DealValues {
  return {
    title: "核心系统升级",
    account: "华信银行",
    contact: "李经理",
    amount: 800_000,
    expectedClose: "2026-03-01",
    industry: "finance",
    region: "east",
    source: "referral",
    budgetConfirmed: true,
    budget: 900_000,
    decisionMaker: "王总",
    need: "替换旧的信贷系统",
    competitors: ["rivalA"],
    ...overrides,
  };
}
