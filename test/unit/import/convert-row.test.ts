import { describe, expect, it } from "vitest";
import { collectValues } from "@/lib/import/collect-values";
import {
  checkNewDeal,
  convertRow,
  repeatedExternalIds,
  type ConvertContext,
  type StageInfo,
} from "@/lib/import/convert-row";
import { fromPreset, toPreset, type ImportMapping } from "@/lib/import/mapping";
import { importTargets } from "@/lib/import/targets";
import { defaultFields } from "@/workflows/templates/default-process-fields";
import type { FieldDef } from "@/workflows/definition/schema";

const fields = defaultFields as FieldDef[];
const targets = new Map(importTargets(fields).map((t) => [t.key, t]));
const headers = [
  "编号",
  "商机",
  "客户",
  "金额",
  "阶段",
  "负责人",
  "行业",
  "竞争对手",
  "预算已确认",
  "折扣",
  "创建",
  "关闭",
  "币种",
];
const columns = [
  "@externalId",
  "title",
  "account",
  "amount",
  "@stage",
  "@owner",
  "industry",
  "competitors",
  "budgetConfirmed",
  "discountPct",
  "@createdAt",
  "@closedAt",
  null,
];
const ctx: ConvertContext = {
  headers,
  columns,
  targets,
  values: {
    "@stage": { 谈判: "negotiation", 赢单: "won", 线索: null },
    "@owner": { 张伟: "u-zhang", "zhang.wei@example.com": "u-zhang", 无人: null },
    industry: { 制造业: "manufacturing", 零售: "retail" },
    competitors: { 友商a: "rivalA", 自研: "inHouse", 无: null },
  },
  dateOrder: "mdy",
  currency: "CNY",
};
const row = (cells: (string | number | null)[], n = 2) => ({ n, cells });

describe("convertRow", () => {
  it("should turn a row into a deal's values, stage, owner, dates and currency", () => {
    const { row: out, errors } = convertRow(
      row([
        "CRM-1",
        "ERP 升级",
        "华为",
        "￥1.2万",
        "赢单",
        "张伟",
        "制造业",
        "友商A、自研",
        "是",
        "15%",
        "2024/1/5",
        "2024年3月1日",
      ]),
      ctx,
    );
    expect(errors).toEqual([]);
    expect(out).toEqual({
      n: 2,
      externalId: "CRM-1",
      values: {
        title: "ERP 升级",
        account: "华为",
        amount: 12000,
        industry: "manufacturing",
        competitors: ["rivalA", "inHouse"],
        budgetConfirmed: true,
        discountPct: 15,
      },
      stage: "won",
      ownerId: "u-zhang",
      currency: "CNY",
      createdAt: "2024-01-05",
      closedAt: "2024-03-01",
    });
  });

  it("should report every bad cell with its row, column, header and value", () => {
    const { row: out, errors } = convertRow(
      row(
        [
          "CRM-2",
          "X",
          "Y",
          "-500",
          "Pending",
          "王五",
          "Manufactoring",
          "友商A",
          "maybe",
          "120",
          "soon",
          "2024-02-30",
        ],
        7,
      ),
      ctx,
    );
    expect(out).toBeNull();
    expect(errors.map((e) => [e.row, e.column, e.header, e.code, e.value])).toEqual([
      [7, 3, "金额", "amountNegative", "-500"],
      [7, 4, "阶段", "valueUnmapped", "Pending"],
      [7, 5, "负责人", "valueUnmapped", "王五"],
      [7, 6, "行业", "valueUnmapped", "Manufactoring"],
      [7, 8, "预算已确认", "booleanInvalid", "maybe"],
      [7, 9, "折扣", "numberAboveMax", "120"],
      [7, 10, "创建", "dateInvalid", "soon"],
      [7, 11, "关闭", "dateNoSuchDay", "2024-02-30"],
    ]);
  });

  it("should leave empty cells unset and map values to 'leave empty'", () => {
    const { row: out } = convertRow(row(["", "", "华为", "", "线索", "无人", "", "无", "", "", "", ""]), ctx);
    expect(out).toMatchObject({ externalId: null, stage: null, ownerId: null, values: { account: "华为" } });
    expect(out!.values).not.toHaveProperty("competitors");
  });

  it("should match values whatever their case, spacing or width once mapped", () => {
    const { row: out } = convertRow(
      row(["", "T", "A", "", "", " ZHANG.WEI@example.com ", "零售", "", "", "", "", ""]),
      ctx,
    );
    expect(out).toMatchObject({ ownerId: "u-zhang", values: { industry: "retail" } });
  });

  it("should name a deal after its account when the sheet has no title column", () => {
    const noTitle = { ...ctx, columns: columns.map((c) => (c === "title" ? null : c)) };
    expect(
      convertRow(row(["", "ignored", "华为", "1", "", "", "", "", "", "", "", ""]), noTitle).row!.values,
    ).toMatchObject({
      title: "华为",
      account: "华为",
    });
  });

  it("should take the currency from a column, and refuse one that contradicts the amount's mark", () => {
    const withCurrency = { ...ctx, columns: [...columns.slice(0, 12), "@currency"] };
    const cells = ["", "T", "A", "100", "", "", "", "", "", "", "", "", "USD"];
    expect(convertRow(row(cells), withCurrency).row!.currency).toBe("USD");
    const conflict = convertRow(row([...cells.slice(0, 3), "¥100", ...cells.slice(4)]), withCurrency);
    expect(conflict.errors.map((e) => [e.code, e.header])).toEqual([["currencyConflict", "金额"]]);
  });
});

describe("checkNewDeal", () => {
  const stages = new Map<string, StageInfo>([
    ["lead", { key: "lead", name: { zh: "线索", en: "Lead" }, outcome: "open" }],
    ["won", { key: "won", name: { zh: "赢单", en: "Won" }, outcome: "won" }],
  ]);
  const check = (over: object) =>
    checkNewDeal(
      {
        n: 3,
        externalId: null,
        values: { title: "T", account: "A" },
        stage: null,
        ownerId: null,
        currency: null,
        createdAt: null,
        closedAt: null,
        ...over,
      },
      { fields, columns, headers, stages, today: "2025-06-01" },
    ).map((e) => [e.code, e.header, e.values]);

  it("should ask for the fields a deal needs from its creation", () => {
    expect(check({ values: { title: "T" } })).toEqual([
      ["required", "客户", { field: { zh: "客户", en: "Account" } }],
    ]);
  });

  it("should ask a won or lost deal for the day it closed", () => {
    expect(check({ stage: "won" })).toEqual([
      ["closedAtRequired", "阶段", { stage: { zh: "赢单", en: "Won" } }],
    ]);
    expect(check({ stage: "won", closedAt: "2025-01-01" })).toEqual([]);
  });

  it("should refuse dates in the future and a close before the creation", () => {
    expect(check({ createdAt: "2025-07-01" })).toEqual([["createdInFuture", "创建", undefined]]);
    expect(check({ stage: "won", closedAt: "2025-07-01" })).toEqual([["closedInFuture", "关闭", undefined]]);
    expect(check({ stage: "won", createdAt: "2025-02-01", closedAt: "2025-01-01" })).toEqual([
      ["createdAfterClosed", "创建", { closed: "2025-01-01" }],
    ]);
  });
});

describe("repeatedExternalIds", () => {
  it("should let the first row with an id through and point later ones at it", () => {
    const repeats = repeatedExternalIds([
      { n: 2, id: "A" },
      { n: 3, id: null },
      { n: 4, id: "B" },
      { n: 5, id: "A" },
      { n: 9, id: "A" },
    ]);
    expect([...repeats]).toEqual([
      [5, 2],
      [9, 2],
    ]);
  });
});

describe("mapping presets", () => {
  it("should reapply a saved mapping by header name to a file whose columns moved", () => {
    const mapping: ImportMapping = {
      columns: ["account", null, "@stage"],
      values: { "@stage": { 赢单: "won" } },
      dateOrder: "dmy",
      currency: "USD",
    };
    const preset = toPreset(["客户名称", "备注", "阶段"], mapping);
    expect(preset.columns).toEqual({ 客户名称: "account", 阶段: "@stage" });
    const known = new Set(["account", "@stage"]);
    expect(fromPreset(["阶段", "新列", "客户名称（全称）", "客户名称"], preset, known)).toEqual({
      columns: ["@stage", null, "account", null],
      values: { "@stage": { 赢单: "won" } },
      dateOrder: "dmy",
      currency: "USD",
    });
  });
});

describe("collectValues", () => {
  it("should group values that differ only in case, spacing or width, most frequent first", () => {
    const rows = [["Won"], ["won"], ["Won"], ["谈判"], [""], ["ＷＯＮ"]].map((cells, i) => ({
      n: i + 2,
      cells,
    }));
    expect(collectValues(rows, 0, false)).toEqual({
      groups: [
        { key: "won", raw: "Won", count: 4 },
        { key: "谈判", raw: "谈判", count: 1 },
      ],
      more: 0,
    });
  });

  it("should split multi-select cells into their values", () => {
    const rows = [
      { n: 2, cells: ["友商A、自研"] },
      { n: 3, cells: ["自研; 无"] },
    ];
    expect(collectValues(rows, 0, true).groups.map((g) => [g.raw, g.count])).toEqual([
      ["自研", 2],
      ["友商A", 1],
      ["无", 1],
    ]);
  });
});
