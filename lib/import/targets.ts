import type { FieldDef, LocalizedText } from "@/workflows/definition/schema";

/**
 * What a column of an uploaded sheet can fill: the deal's own facts that are not pipeline fields
 * ("@" keys, so they never clash with a field key) and every field of the pipeline, the
 * company's custom fields included.
 */
export const SPECIAL_TARGETS = [
  "@externalId",
  "@stage",
  "@owner",
  "@currency",
  "@createdAt",
  "@closedAt",
] as const;
export type SpecialTarget = (typeof SPECIAL_TARGETS)[number];

export type ImportTarget = {
  key: string;
  label: LocalizedText;
  kind: "externalId" | "stage" | "owner" | "currency" | "createdAt" | "closedAt" | "field";
  field?: FieldDef;
  /** Its values are matched to a list the user reviews: stages, people or options. */
  mapsValues: boolean;
  /** Names a header may have, best first: the labels, the key, then common synonyms. */
  names: string[];
};

const SPECIAL: Record<SpecialTarget, { label: LocalizedText; kind: ImportTarget["kind"]; names: string[] }> =
  {
    "@externalId": {
      label: { zh: "外部编号", en: "External ID" },
      kind: "externalId",
      names: [
        "外部编号",
        "外部id",
        "外部ID",
        "外部系统编号",
        "源系统编号",
        "商机编号",
        "记录编号",
        "crm编号",
        "CRM ID",
        "External ID",
        "ExternalId",
        "Ext ID",
        "Record ID",
        "Source ID",
        "Opportunity ID",
        "Deal ID",
      ],
    },
    "@stage": {
      label: { zh: "阶段", en: "Stage" },
      kind: "stage",
      names: [
        "阶段",
        "商机阶段",
        "销售阶段",
        "当前阶段",
        "状态",
        "商机状态",
        "Stage",
        "Deal stage",
        "Sales stage",
        "Pipeline stage",
        "Status",
      ],
    },
    "@owner": {
      label: { zh: "负责人", en: "Owner" },
      kind: "owner",
      names: [
        "负责人邮箱",
        "Owner email",
        "负责人",
        "销售负责人",
        "负责销售",
        "销售",
        "销售代表",
        "销售人员",
        "所有者",
        "跟进人",
        "客户经理",
        "Owner",
        "Deal owner",
        "Opportunity owner",
        "Account owner",
        "Sales rep",
        "Salesperson",
        "Rep",
        "Assigned to",
      ],
    },
    "@currency": {
      label: { zh: "币种", en: "Currency" },
      kind: "currency",
      names: ["币种", "货币", "币别", "Currency", "Currency code"],
    },
    "@createdAt": {
      label: { zh: "创建日期", en: "Created on" },
      kind: "createdAt",
      names: [
        "创建日期",
        "创建时间",
        "录入日期",
        "创建于",
        "建立日期",
        "Created",
        "Created on",
        "Created at",
        "Created date",
        "Create date",
        "Date created",
      ],
    },
    "@closedAt": {
      label: { zh: "赢单/输单日期", en: "Closed on" },
      kind: "closedAt",
      names: [
        "关闭日期",
        "结单日期",
        "实际成交日期",
        "成交日期",
        "赢单日期",
        "输单日期",
        "关闭时间",
        "Closed",
        "Closed on",
        "Closed at",
        "Closed date",
        "Date closed",
        "Actual close date",
        "Won date",
        "Lost date",
      ],
    },
  };

/** Other names of the default process's fields (and of fields other processes give these keys). */
const FIELD_SYNONYMS: Record<string, string[]> = {
  title: [
    "商机",
    "标题",
    "项目名称",
    "项目",
    "机会名称",
    "机会",
    "Deal",
    "Deal name",
    "Opportunity",
    "Opportunity name",
    "Name",
    "Subject",
  ],
  account: [
    "客户名称",
    "客户",
    "公司名称",
    "公司",
    "企业名称",
    "企业",
    "单位名称",
    "单位",
    "客户公司",
    "Account name",
    "Company",
    "Company name",
    "Customer",
    "Client",
    "Organization",
    "Organisation",
  ],
  amount: [
    "金额",
    "商机金额",
    "合同金额",
    "销售金额",
    "预估金额",
    "Deal amount",
    "Value",
    "Deal value",
    "Expected revenue",
    "Opportunity amount",
  ],
  contact: ["联系人姓名", "客户联系人", "Contact name", "Contact person"],
  expectedClose: [
    "预计签约日期",
    "预计关闭日期",
    "预计结单日期",
    "预计成交时间",
    "Expected close date",
    "Close date",
    "Closing date",
    "Expected closing date",
    "Est. close date",
  ],
  industry: ["所属行业", "客户行业", "Sector", "Vertical"],
  region: ["地区", "大区", "销售区域", "所属区域", "省份", "Area", "Territory"],
  source: ["线索来源", "商机来源", "客户来源", "渠道", "Lead source", "Channel", "Origin"],
  budget: ["预算", "Budget amount"],
  finalAmount: ["最终金额", "合同额", "Won amount", "Closed amount"],
  lostReason: ["丢单原因", "失败原因", "Loss reason", "Reason lost"],
  decisionMaker: ["关键决策人"],
  competitors: ["竞品", "Competitor"],
  need: ["需求", "Needs", "Requirement", "Requirements"],
};

const VALUE_TYPES = new Set(["select", "multiSelect", "user"]);

/** Every target of a pipeline's fields, the special ones first. */
export function importTargets(fields: FieldDef[]): ImportTarget[] {
  const specials = SPECIAL_TARGETS.map((key) => {
    const s = SPECIAL[key];
    return {
      key,
      label: s.label,
      kind: s.kind,
      mapsValues: key === "@stage" || key === "@owner",
      names: [...new Set([...s.names, s.label.zh, s.label.en])],
    } satisfies ImportTarget;
  });
  const own = fields.map((field): ImportTarget => ({
    key: field.key,
    label: field.name,
    kind: "field",
    field,
    mapsValues: VALUE_TYPES.has(field.type),
    names: [field.name.zh, field.name.en, field.key, ...(FIELD_SYNONYMS[field.key] ?? [])],
  }));
  return [...specials, ...own];
}
