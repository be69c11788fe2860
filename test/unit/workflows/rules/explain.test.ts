import { describe, expect, it } from "vitest";
import type { Condition } from "@/workflows/definition/schema";
import {
  evaluateCondition,
  explain,
  groupThousands,
  unmetCriteria,
  type DealValues,
} from "@/workflows/rules";
import { ctx, fields } from "./fixtures";

/* How evaluated conditions read to a rep, in Chinese and English. */

const texts = (condition: Condition, values: DealValues, locale: "zh-CN" | "en") =>
  explain(evaluateCondition(condition, ctx(values)).node, { fields, locale }).lines.map((l) => l.text);

const line = (condition: Condition, values: DealValues) => [
  texts(condition, values, "zh-CN")[0],
  texts(condition, values, "en")[0],
];

describe("explaining a comparison", () => {
  it("should group thousands in amounts and show the current value", () => {
    expect(line({ field: "amount", op: "gte", value: 1_000_000 }, { amount: 2_500_000.5 })).toEqual([
      "预计金额 ≥ 1,000,000(当前 2,500,000.5)",
      "Amount ≥ 1,000,000 (now 2,500,000.5)",
    ]);
  });

  it("should say when the current value is empty", () => {
    expect(line({ field: "budget", op: "gte", value: 50_000 }, {})).toEqual([
      "预算金额 ≥ 50,000(当前 未填写)",
      "Budget ≥ 50,000 (now empty)",
    ]);
  });

  it("should name options by their label", () => {
    const strategic: Condition = {
      field: "industry",
      op: "in",
      value: ["finance", "government", "healthcare"],
    };
    expect(line(strategic, { industry: "manufacturing" })).toEqual([
      "行业 属于 金融、政府、医疗(当前 制造)",
      "Industry is one of Finance, Government, Healthcare (now Manufacturing)",
    ]);
    expect(
      line({ field: "competitors", op: "contains", value: "rivalA" }, { competitors: ["rivalB", "inHouse"] }),
    ).toEqual([
      "竞争对手 包含 友商A(当前 友商B、自研)",
      "Competitors contains Rival A (now Rival B, In-house)",
    ]);
  });

  it("should say yes and no for booleans", () => {
    expect(line({ field: "budgetConfirmed", op: "eq", value: true }, { budgetConfirmed: false })).toEqual([
      "预算已确认 = 是(当前 否)",
      "Budget confirmed = yes (now no)",
    ]);
  });

  it("should write dates as YYYY-MM-DD and spell out withinDays", () => {
    const within: Condition = { field: "expectedClose", op: "withinDays", value: 180 };
    expect(line(within, { expectedClose: "2026-03-01T08:00:00Z" })).toEqual([
      "预计成交日期 在 180 天内(当前 2026-03-01)",
      "Expected close within 180 days (now 2026-03-01)",
    ]);
  });

  it("should spell out between and the other operators", () => {
    expect(line({ field: "discountPct", op: "between", value: [0, 15] }, { discountPct: 20 })).toEqual([
      "折扣 % 介于 0 至 15(当前 20)",
      "Discount % between 0 and 15 (now 20)",
    ]);
    expect(line({ field: "lostReason", op: "isEmpty" }, { lostReason: "price" })).toEqual([
      "输单原因 未填写(当前 价格)",
      "Lost reason is empty (now Price)",
    ]);
  });

  it("should name a field the process does not declare", () => {
    expect(line({ field: "ghost", op: "isSet" }, { ghost: "boo" })).toEqual([
      "未知字段「ghost」",
      "Unknown field “ghost”",
    ]);
  });

  it("should show a value of the wrong type as invalid rather than fail", () => {
    const junk = { amount: { toString: "not a function" } } as unknown as DealValues;
    expect(line({ field: "amount", op: "gte", value: 1 }, junk)).toEqual([
      "预计金额 ≥ 1(当前 无效值)",
      "Amount ≥ 1 (now invalid)",
    ]);
  });

  it("should shorten long texts", () => {
    const [zh] = line({ field: "need", op: "contains", value: "ERP" }, { need: "很长的需求".repeat(20) });
    expect(zh).toMatch(/…\)$/);
    expect(zh!.length).toBeLessThan(80);
  });
});

describe("explaining groups and rules", () => {
  const bigDeal: Condition = { field: "amount", op: "gte", value: 1_000_000 };

  it("should indent members under their group's heading", () => {
    const condition: Condition = { all: [{ any: [bigDeal] }, { not: bigDeal }] };
    const { pass, lines } = explain(evaluateCondition(condition, ctx({ amount: 10 })).node, {
      fields,
      locale: "zh-CN",
    });
    expect(pass).toBe(false);
    expect(lines.map((l) => [l.depth, l.text, l.pass])).toEqual([
      [0, "满足全部:", false],
      [1, "满足任一:", false],
      [2, "预计金额 ≥ 1,000,000(当前 10)", false],
      [1, "不满足:", true],
      [2, "预计金额 ≥ 1,000,000(当前 10)", false],
    ]);
    expect(texts(condition, {}, "en").slice(0, 2)).toEqual(["All of:", "Any of:"]);
    expect(texts({ not: bigDeal }, {}, "en")[0]).toBe("Not:");
  });

  it("should say a rule is unknown or refers back to itself", () => {
    expect(line({ rule: "ghost" }, {})).toEqual(["未知规则「ghost」", "Unknown rule “ghost”"]);
    expect(texts({ rule: "loopA" }, {}, "en")).toContain("Rule “Loop A” refers back to itself");
  });
});

describe("why a condition refused a deal", () => {
  const why = (condition: Condition, values: DealValues, locale: "zh-CN" | "en" = "zh-CN") =>
    unmetCriteria(evaluateCondition(condition, ctx(values)).node, { fields, locale });

  it("should list nothing when the condition holds", () => {
    expect(why({ field: "need", op: "isSet" }, { need: "x" })).toEqual([]);
  });

  it("should say a comparison must not hold when a not refused the deal", () => {
    const notBig: Condition = { not: { field: "amount", op: "gte", value: 1_000_000 } };
    expect(why(notBig, { amount: 2_000_000 })).toEqual(["不应满足:预计金额 ≥ 1,000,000(当前 2,000,000)"]);
    expect(why(notBig, { amount: 2_000_000 }, "en")).toEqual([
      "Must not hold: Amount ≥ 1,000,000 (now 2,000,000)",
    ]);
  });

  it("should name an empty any group, which can never hold", () => {
    expect(why({ any: [] }, {}, "en")).toEqual(["Any of:"]);
  });

  it("should list a criterion once even when two rules repeat it", () => {
    expect(
      why(
        { all: [{ rule: "bant" }, { rule: "bant" }] },
        { budgetConfirmed: true, need: "x", expectedClose: "2026-02-01" },
        "en",
      ),
    ).toEqual(["Decision maker is set (now empty)"]);
  });
});

describe("grouping thousands", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1,000"],
    [50_000, "50,000"],
    [-1_234_567.89, "-1,234,567.89"],
    [1e21, "1e+21"],
  ])("should write %d as %s", (n, text) => {
    expect(groupThousands(n)).toBe(text);
  });
});
