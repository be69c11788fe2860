import type { Condition, FieldType, PipelineDefinitionInput } from "@/workflows/definition/schema";

/*
 * §1–2 of shared/design/default-process.md: the deal fields, the BANT rule and the priority
 * score of the default process. The stages and actions are in default-process.ts.
 * "Within 90 days 20 (within 180 days: 10)" is two criteria that never both hold.
 */

type Option = readonly [value: string, zh: string, en: string];
type FieldExtra = { requiredAtCreation?: boolean; min?: number; max?: number; format?: "url" };

const options = (list: readonly Option[]) => list.map(([value, zh, en]) => ({ value, label: { zh, en } }));

const field = (key: string, zh: string, en: string, type: FieldType, extra: FieldExtra = {}) => ({
  key,
  name: { zh, en },
  type,
  ...extra,
});

const select = (key: string, zh: string, en: string, list: readonly Option[], multi = false) => ({
  ...field(key, zh, en, multi ? "multiSelect" : "select"),
  options: options(list),
});

/** §1: the deal fields, with the option keys reps pick from (lower-camel, stable across languages). */
export const defaultFields: PipelineDefinitionInput["fields"] = [
  field("title", "商机名称", "Title", "text", { requiredAtCreation: true }),
  field("account", "客户", "Account", "text", { requiredAtCreation: true }),
  field("contact", "联系人", "Contact", "text"),
  field("amount", "预计金额", "Amount", "currency"),
  field("expectedClose", "预计成交日期", "Expected close", "date"),
  select("industry", "行业", "Industry", [
    ["manufacturing", "制造", "Manufacturing"],
    ["retail", "零售", "Retail"],
    ["finance", "金融", "Finance"],
    ["education", "教育", "Education"],
    ["healthcare", "医疗", "Healthcare"],
    ["internet", "互联网", "Internet"],
    ["government", "政府", "Government"],
  ]),
  select("region", "区域", "Region", [
    ["east", "华东", "East"],
    ["north", "华北", "North"],
    ["south", "华南", "South"],
    ["west", "西部", "West"],
  ]),
  select("source", "来源", "Source", [
    ["referral", "转介绍", "Referral"],
    ["website", "官网", "Website"],
    ["exhibition", "展会", "Exhibition"],
    ["coldCall", "电话拜访", "Cold call"],
    ["partner", "合作伙伴", "Partner"],
  ]),
  field("budgetConfirmed", "预算已确认", "Budget confirmed", "boolean"),
  field("budget", "预算金额", "Budget", "currency"),
  field("decisionMaker", "决策人", "Decision maker", "text"),
  field("need", "需求描述", "Need", "longText"),
  field("painPoints", "痛点", "Pain points", "longText"),
  select(
    "competitors",
    "竞争对手",
    "Competitors",
    [
      ["rivalA", "友商A", "Rival A"],
      ["rivalB", "友商B", "Rival B"],
      ["inHouse", "自研", "In-house"],
      ["none", "无", "None"],
    ],
    true,
  ),
  field("proposalAmount", "方案金额", "Proposal amount", "currency"),
  field("discountPct", "折扣 %", "Discount %", "number", { min: 0, max: 100 }),
  field("proposalLink", "方案文档", "Proposal document", "text", { format: "url" }),
  field("finalAmount", "成交金额", "Final amount", "currency"),
  select("lostReason", "输单原因", "Lost reason", [
    ["price", "价格", "Price"],
    ["competitor", "竞争对手", "Competitor"],
    ["noBudget", "无预算", "No budget"],
    ["noDecision", "无决策", "No decision"],
    ["timing", "时机", "Timing"],
    ["other", "其他", "Other"],
  ]),
];

/** Deals of this amount or more need the team manager's approval to be won (§3). */
export const BIG_DEAL = 1_000_000;
export const bigDeal: Condition = { field: "amount", op: "gte", value: BIG_DEAL };
const within = (days: number): Condition => ({ field: "expectedClose", op: "withinDays", value: days });

/** §2: an opportunity is qualified when it passes BANT. */
export const defaultRules: PipelineDefinitionInput["rules"] = [
  {
    key: "bant",
    name: { zh: "BANT 资格审核", en: "BANT qualification" },
    condition: {
      all: [
        {
          any: [
            { field: "budgetConfirmed", op: "eq", value: true },
            { field: "budget", op: "gte", value: 50_000 },
          ],
        },
        { field: "decisionMaker", op: "isSet" },
        { field: "need", op: "isSet" },
        within(180),
      ],
    },
  },
];

const criterion = (id: string, zh: string, en: string, when: Condition, points: number) => ({
  id,
  label: { zh, en },
  when,
  points,
});

/** §2: priority score 0–100 and its A/B/C/D thresholds. */
export const defaultScoring: PipelineDefinitionInput["scoring"] = {
  criteria: [
    criterion(
      "budgetConfirmed",
      "预算已确认",
      "Budget confirmed",
      { field: "budgetConfirmed", op: "eq", value: true },
      25,
    ),
    criterion(
      "decisionMaker",
      "已找到决策人",
      "Decision maker known",
      { field: "decisionMaker", op: "isSet" },
      20,
    ),
    criterion("need", "需求明确", "Need described", { field: "need", op: "isSet" }, 20),
    criterion("closeWithin90", "90 天内成交", "Closes within 90 days", within(90), 20),
    criterion(
      "closeWithin180",
      "90–180 天内成交",
      "Closes in 90–180 days",
      { all: [within(180), { not: within(90) }] },
      10,
    ),
    criterion(
      "strategicIndustry",
      "战略行业(金融、政府、医疗)",
      "Strategic industry (finance, government, healthcare)",
      { field: "industry", op: "in", value: ["finance", "government", "healthcare"] },
      10,
    ),
    criterion(
      "bigAmount",
      "金额 ≥ 50 万",
      "Amount ≥ 500,000",
      { field: "amount", op: "gte", value: 500_000 },
      5,
    ),
  ],
  thresholds: { a: 80, b: 60, c: 40 },
};
