import { describe, expect, it } from "vitest";
import type { Condition, ScoringRule } from "@/workflows/definition/schema";
import { checkCondition, checkRules, checkScoring } from "@/workflows/rules";
import { cyclicRules, defaultScoring, fields, rules } from "./fixtures";

/* The checks the compiler turns into diagnostics. */

const context = { fields, rules: [...rules, ...cyclicRules] };
const check = (condition: Condition, path?: string) => checkCondition(condition, context, path);
const codes = (condition: Condition) => check(condition).map((i) => i.code);

describe("unknown fields", () => {
  it("should report a field the process does not declare, with its path", () => {
    expect(
      check({ all: [{ field: "need", op: "isSet" }, { not: { field: "ghost", op: "isSet" } }] }),
    ).toEqual([
      {
        code: "unknownField",
        path: "all[1].not",
        message: { zh: "未知字段「ghost」", en: "Unknown field “ghost”" },
      },
    ]);
  });

  it("should accept a declared field", () => {
    expect(check({ field: "decisionMaker", op: "isSet" })).toEqual([]);
  });
});

describe("unknown rules", () => {
  it("should report a rule that does not exist", () => {
    expect(check({ any: [{ rule: "bant" }, { rule: "ghost" }] }, "edges.qualify")).toEqual([
      {
        code: "unknownRule",
        path: "edges.qualify.any[1]",
        message: { zh: "未知规则「ghost」", en: "Unknown rule “ghost”" },
      },
    ]);
  });

  it("should accept an existing rule", () => {
    expect(check({ rule: "bant" })).toEqual([]);
  });
});

describe("rule cycles", () => {
  it("should report rules that refer to each other, naming the circle", () => {
    expect(check({ rule: "loopA" })).toEqual([
      {
        code: "ruleCycle",
        path: "",
        message: {
          zh: "规则循环引用:循环甲 → 循环乙 → 循环甲",
          en: "Rules refer to each other in a cycle: Loop A → Loop B → Loop A",
        },
      },
    ]);
    expect(codes({ rule: "selfish" })).toEqual(["ruleCycle"]);
  });

  it("should accept a rule that refers to another without a circle", () => {
    const layered = [
      ...rules,
      { key: "ready", name: { zh: "就绪", en: "Ready" }, condition: { rule: "bant" } },
    ];
    expect(
      checkCondition({ all: [{ rule: "ready" }, { rule: "bant" }] }, { fields, rules: layered }),
    ).toEqual([]);
  });
});

describe("type mismatches", () => {
  it("should refuse an operator the field's type has no meaning for", () => {
    expect(check({ field: "budget", op: "contains", value: "5" })[0]).toEqual({
      code: "typeMismatch",
      path: "",
      message: {
        zh: "字段「预算金额」不能用「包含」比较",
        en: "Budget (currency) cannot be compared with “contains”",
      },
    });
    expect(codes({ field: "industry", op: "gt", value: "finance" })).toEqual(["typeMismatch"]);
    expect(codes({ field: "need", op: "gte", value: "a" })).toEqual(["typeMismatch"]);
    expect(codes({ field: "need", op: "withinDays", value: 30 })).toEqual(["typeMismatch"]);
    expect(codes({ field: "budgetConfirmed", op: "in", value: [true] })).toEqual(["typeMismatch"]);
  });

  it("should refuse a value of the wrong type or shape", () => {
    expect(check({ field: "budget", op: "eq", value: "50000" })[0]?.message).toEqual({
      zh: "字段「预算金额」用「等于」比较时需要一个数字",
      en: "Budget (currency) with “equals” needs a number",
    });
    const wrong: Condition[] = [
      { field: "industry", op: "in", value: "finance" },
      { field: "industry", op: "in", value: [] },
      { field: "discountPct", op: "between", value: [0] },
      { field: "discountPct", op: "between", value: ["0", "15"] },
      { field: "discountPct", op: "between", value: [15, 0] },
      { field: "expectedClose", op: "between", value: ["2026-03-01", "2026-01-01"] },
      { field: "expectedClose", op: "gt", value: "next week" },
      { field: "expectedClose", op: "withinDays", value: -1 },
      { field: "expectedClose", op: "withinDays", value: "180" },
      { field: "budgetConfirmed", op: "eq", value: "true" },
      { field: "decisionMaker", op: "eq", value: 1 },
      { field: "amount", op: "gte" },
    ];
    for (const condition of wrong)
      expect(codes(condition), JSON.stringify(condition)).toEqual(["typeMismatch"]);
  });

  it("should refuse an option the field does not offer", () => {
    expect(check({ field: "industry", op: "in", value: ["finance", "mining"] })[0]?.message).toEqual({
      zh: "字段「行业」没有选项「mining」",
      en: "Industry (select) has no option “mining”",
    });
    expect(codes({ field: "competitors", op: "contains", value: "rivalC" })).toEqual(["typeMismatch"]);
  });

  it("should accept sound comparisons of every type", () => {
    const sound: Condition[] = [
      { field: "budget", op: "gte", value: 50_000 },
      { field: "budgetConfirmed", op: "eq", value: true },
      { field: "industry", op: "in", value: ["finance", "government"] },
      { field: "competitors", op: "in", value: ["rivalA"] },
      { field: "competitors", op: "eq", value: ["rivalA", "none"] },
      { field: "competitors", op: "contains", value: "inHouse" },
      { field: "need", op: "contains", value: "ERP" },
      { field: "discountPct", op: "between", value: [0, 15] },
      { field: "expectedClose", op: "between", value: ["2026-01-01", "2026-03-31"] },
      { field: "expectedClose", op: "withinDays", value: 0 },
      { field: "expectedClose", op: "lt", value: "2026-06-30T00:00:00Z" },
      { field: "decisionMaker", op: "isSet", value: "ignored" },
      { field: "lostReason", op: "isEmpty" },
    ];
    for (const condition of sound) expect(check(condition), JSON.stringify(condition)).toEqual([]);
  });
});

describe("checking a whole process", () => {
  it("should find nothing wrong with the default process's rules and scoring", () => {
    expect(checkRules({ fields, rules })).toEqual([]);
    expect(checkScoring(defaultScoring(), { fields, rules })).toEqual([]);
  });

  it("should report each scoring criterion at scoring.<id>", () => {
    const scoring: ScoringRule = {
      criteria: [
        { id: "fine", label: { zh: "好", en: "Fine" }, when: { field: "need", op: "isSet" }, points: 10 },
        {
          id: "broken",
          label: { zh: "坏", en: "Broken" },
          when: { field: "ghost", op: "isSet" },
          points: 10,
        },
        { id: "nested", label: { zh: "嵌", en: "Nested" }, when: { all: [{ rule: "nope" }] }, points: 10 },
      ],
      thresholds: { a: 80, b: 60, c: 40 },
    };
    expect(checkScoring(scoring, { fields, rules }).map((i) => [i.code, i.path])).toEqual([
      ["unknownField", "scoring.broken"],
      ["unknownRule", "scoring.nested.all[0]"],
    ]);
  });

  it("should report a cycle in every rule on the circle", () => {
    expect(checkRules(context).map((i) => [i.code, i.path])).toEqual([
      ["ruleCycle", "rules.loopA.all[0]"],
      ["ruleCycle", "rules.loopB.any[0]"],
      ["ruleCycle", "rules.selfish.not"],
    ]);
  });
});
