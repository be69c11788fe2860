import { describe, expect, it } from "vitest";
import type { ComparisonOp, Condition } from "@/workflows/definition/schema";
import type { DealValues } from "@/workflows/rules";
import { holds } from "./fixtures";

type Case = [should: string, condition: Condition, values: DealValues, pass: boolean];

const budget = (op: ComparisonOp, value?: number | number[]): Condition => ({ field: "budget", op, value });

const cases: Record<string, Case[]> = {
  eq: [
    ["match an equal amount", budget("eq", 50_000), { budget: 50_000 }, true],
    ["refuse a different amount", budget("eq", 50_000), { budget: 50_001 }, false],
    ["refuse an unset amount", budget("eq", 50_000), {}, false],
    ["read an imported numeric string as a number", budget("eq", 50_000), { budget: "50000" }, true],
    ["match a yes", { field: "budgetConfirmed", op: "eq", value: true }, { budgetConfirmed: true }, true],
    ["refuse a no", { field: "budgetConfirmed", op: "eq", value: true }, { budgetConfirmed: false }, false],
    [
      "match a no with false",
      { field: "budgetConfirmed", op: "eq", value: false },
      { budgetConfirmed: false },
      true,
    ],
    [
      "not take an unanswered checkbox for no",
      { field: "budgetConfirmed", op: "eq", value: false },
      {},
      false,
    ],
    ["match text exactly", { field: "contact", op: "eq", value: "李经理" }, { contact: "李经理" }, true],
    ["match an option", { field: "industry", op: "eq", value: "finance" }, { industry: "finance" }, true],
    [
      "refuse another option",
      { field: "industry", op: "eq", value: "finance" },
      { industry: "retail" },
      false,
    ],
    [
      "compare dates by day",
      { field: "expectedClose", op: "eq", value: "2026-03-01" },
      { expectedClose: "2026-03-01T15:30:00Z" },
      true,
    ],
    [
      "compare multi-selects as sets",
      { field: "competitors", op: "eq", value: ["rivalA", "rivalB"] },
      { competitors: ["rivalB", "rivalA"] },
      true,
    ],
    [
      "refuse a multi-select with fewer options",
      { field: "competitors", op: "eq", value: ["rivalA", "rivalB"] },
      { competitors: ["rivalA"] },
      false,
    ],
  ],
  neq: [
    ["pass a different amount", budget("neq", 50_000), { budget: 20_000 }, true],
    ["refuse an equal amount", budget("neq", 50_000), { budget: 50_000 }, false],
    ["pass an unset amount, which equals nothing", budget("neq", 50_000), {}, true],
  ],
  in: [
    [
      "pass a listed option",
      { field: "industry", op: "in", value: ["finance", "government"] },
      { industry: "government" },
      true,
    ],
    [
      "refuse an unlisted option",
      { field: "industry", op: "in", value: ["finance", "government"] },
      { industry: "retail" },
      false,
    ],
    ["refuse an unset select", { field: "industry", op: "in", value: ["finance"] }, {}, false],
    [
      "pass a multi-select that overlaps",
      { field: "competitors", op: "in", value: ["rivalB", "inHouse"] },
      { competitors: ["rivalA", "inHouse"] },
      true,
    ],
    [
      "refuse a multi-select without overlap",
      { field: "competitors", op: "in", value: ["rivalB"] },
      { competitors: ["rivalA", "none"] },
      false,
    ],
    [
      "compare listed numbers numerically",
      { field: "discountPct", op: "in", value: [10, 15] },
      { discountPct: 15 },
      true,
    ],
  ],
  notIn: [
    [
      "pass an unlisted option",
      { field: "region", op: "notIn", value: ["east", "north"] },
      { region: "west" },
      true,
    ],
    [
      "refuse a listed option",
      { field: "region", op: "notIn", value: ["east", "north"] },
      { region: "east" },
      false,
    ],
    ["pass an unset select", { field: "region", op: "notIn", value: ["east"] }, {}, true],
    [
      "pass a multi-select without overlap",
      { field: "competitors", op: "notIn", value: ["rivalB"] },
      { competitors: ["rivalA"] },
      true,
    ],
    [
      "refuse a multi-select that overlaps",
      { field: "competitors", op: "notIn", value: ["rivalA"] },
      { competitors: ["rivalA", "none"] },
      false,
    ],
  ],
  "gt / gte / lt / lte": [
    ["pass gte at the boundary", budget("gte", 500_000), { budget: 500_000 }, true],
    ["refuse gt at the boundary", budget("gt", 500_000), { budget: 500_000 }, false],
    ["pass gt above", budget("gt", 500_000), { budget: 500_001 }, true],
    ["pass lte at the boundary", budget("lte", 500_000), { budget: 500_000 }, true],
    ["refuse lt at the boundary", budget("lt", 500_000), { budget: 500_000 }, false],
    ["pass lt below", budget("lt", 500_000), { budget: 499_999 }, true],
    ["refuse lt when unset rather than treat it as zero", budget("lt", 500_000), {}, false],
    ["refuse gte when unset", budget("gte", 0), { budget: null }, false],
    [
      "order dates",
      { field: "expectedClose", op: "gt", value: "2026-03-01" },
      { expectedClose: "2026-03-02" },
      true,
    ],
    [
      "order a timestamp by its day",
      { field: "expectedClose", op: "lte", value: "2026-03-01" },
      { expectedClose: "2026-03-01T23:59:00Z" },
      true,
    ],
    [
      "refuse an impossible date",
      { field: "expectedClose", op: "lt", value: "2026-12-31" },
      { expectedClose: "2026-02-30" },
      false,
    ],
    [
      "refuse ordering a select",
      { field: "industry", op: "gt", value: "finance" },
      { industry: "retail" },
      false,
    ],
  ],
  between: [
    [
      "include the minimum",
      { field: "discountPct", op: "between", value: [0, 15] },
      { discountPct: 0 },
      true,
    ],
    [
      "include the maximum",
      { field: "discountPct", op: "between", value: [0, 15] },
      { discountPct: 15 },
      true,
    ],
    [
      "refuse above the maximum",
      { field: "discountPct", op: "between", value: [0, 15] },
      { discountPct: 16 },
      false,
    ],
    ["refuse an unset value", { field: "discountPct", op: "between", value: [0, 15] }, {}, false],
    [
      "refuse a value that is not [min, max]",
      { field: "discountPct", op: "between", value: 15 },
      { discountPct: 15 },
      false,
    ],
    [
      "range over dates",
      { field: "expectedClose", op: "between", value: ["2026-01-01", "2026-03-31"] },
      { expectedClose: "2026-03-31" },
      true,
    ],
  ],
  "isSet / isEmpty": [
    ["see a name as set", { field: "decisionMaker", op: "isSet" }, { decisionMaker: "王总" }, true],
    ["see an empty string as unset", { field: "decisionMaker", op: "isSet" }, { decisionMaker: "" }, false],
    ["see blanks as unset", { field: "decisionMaker", op: "isEmpty" }, { decisionMaker: "  \n" }, true],
    ["see no options as empty", { field: "competitors", op: "isEmpty" }, { competitors: [] }, true],
    ["see a no as an answer", { field: "budgetConfirmed", op: "isSet" }, { budgetConfirmed: false }, true],
    ["see zero as an answer", { field: "discountPct", op: "isSet" }, { discountPct: 0 }, true],
    ["see null as empty", { field: "need", op: "isEmpty" }, { need: null }, true],
    ["refuse isEmpty on a filled field", { field: "need", op: "isEmpty" }, { need: "x" }, false],
  ],
  contains: [
    [
      "find text regardless of case",
      { field: "need", op: "contains", value: "erp" },
      { need: "Replace the legacy ERP" },
      true,
    ],
    [
      "find Chinese text",
      { field: "need", op: "contains", value: "信贷" },
      { need: "替换旧的信贷系统" },
      true,
    ],
    [
      "refuse missing text",
      { field: "need", op: "contains", value: "CRM" },
      { need: "Replace the legacy ERP" },
      false,
    ],
    ["refuse unset text", { field: "need", op: "contains", value: "ERP" }, {}, false],
    [
      "find a picked option",
      { field: "competitors", op: "contains", value: "rivalA" },
      { competitors: ["rivalA", "none"] },
      true,
    ],
    [
      "refuse an option not picked",
      { field: "competitors", op: "contains", value: "rivalB" },
      { competitors: ["rivalA"] },
      false,
    ],
    ["refuse contains on a currency", budget("contains", 5), { budget: 50_000 }, false],
  ],
};

describe.each(Object.entries(cases))("the %s operator", (_op, table) => {
  it.each(table)("should %s", (_should, condition, values, pass) => {
    expect(holds(condition, values)).toBe(pass);
  });
});

describe("the withinDays operator (today is 2026-01-15)", () => {
  const within180 = (expectedClose: string | null) =>
    holds({ field: "expectedClose", op: "withinDays", value: 180 }, { expectedClose });

  it("should pass a deal closing today", () => expect(within180("2026-01-15")).toBe(true));
  it("should pass a deal closing on the last day, today + 180", () =>
    expect(within180("2026-07-14")).toBe(true));
  it("should refuse a deal closing the day after, today + 181", () =>
    expect(within180("2026-07-15")).toBe(false));
  it("should refuse a close date already past", () => expect(within180("2026-01-14")).toBe(false));
  it("should refuse a deal without a close date", () => expect(within180(null)).toBe(false));

  it("should count calendar days in UTC whatever the hour", () => {
    const lateToday = new Date("2026-01-15T23:59:59Z");
    const condition: Condition = { field: "expectedClose", op: "withinDays", value: 0 };
    expect(holds(condition, { expectedClose: "2026-01-15" }, lateToday)).toBe(true);
    expect(holds(condition, { expectedClose: "2026-01-15T00:00:00Z" }, lateToday)).toBe(true);
    expect(holds(condition, { expectedClose: "2026-01-16T01:00:00+08:00" }, lateToday)).toBe(true);
  });

  it("should refuse withinDays on a field that is not a date", () => {
    expect(holds({ field: "need", op: "withinDays", value: 30 }, { need: "2026-01-20" })).toBe(false);
  });
});

describe("groups and named rules", () => {
  const yes: Condition = { field: "budgetConfirmed", op: "eq", value: true };
  const no: Condition = { field: "budgetConfirmed", op: "eq", value: false };
  const deal = { budgetConfirmed: true };

  it("should pass an empty all and fail an empty any", () => {
    expect(holds({ all: [] }, deal)).toBe(true);
    expect(holds({ any: [] }, deal)).toBe(false);
  });

  it("should need every member of all and one member of any", () => {
    expect(holds({ all: [yes, no] }, deal)).toBe(false);
    expect(holds({ any: [no, yes] }, deal)).toBe(true);
  });

  it("should invert with not", () => {
    expect(holds({ not: yes }, deal)).toBe(false);
    expect(holds({ not: no }, deal)).toBe(true);
  });

  it("should evaluate a named rule by its condition", () => {
    expect(
      holds(
        { rule: "bant" },
        { budgetConfirmed: true, decisionMaker: "王总", need: "x", expectedClose: "2026-02-01" },
      ),
    ).toBe(true);
    expect(holds({ rule: "bant" }, {})).toBe(false);
  });

  it("should fail an unknown rule", () => {
    expect(holds({ rule: "ghost" }, deal)).toBe(false);
  });

  it("should fail rules that refer to each other instead of recursing forever", () => {
    expect(holds({ rule: "loopA" }, deal)).toBe(false);
    // selfish is not(selfish): the inner, cyclic reference fails, so the not around it holds.
    expect(holds({ rule: "selfish" }, deal)).toBe(true);
    expect(holds({ not: { rule: "loopA" } }, deal)).toBe(true);
  });
});
