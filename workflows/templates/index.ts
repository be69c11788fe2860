import type { LocalizedText, PipelineDefinition } from "@/workflows/definition/schema";
import { blankProcess } from "./blank";
import { defaultProcess } from "./default-process";
import { saasInboundProcess } from "./saas-inbound";
import { tenderProcess } from "./tender";

export const TEMPLATE_KEYS = ["bant", "tender", "saas", "blank"] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export type Template = {
  key: TemplateKey;
  name: LocalizedText;
  description: LocalizedText;
  definition: PipelineDefinition;
};

/** The processes a new pipeline can start from, in the order the editor offers them. */
export const TEMPLATES: readonly Template[] = [
  {
    key: "bant",
    name: { zh: "标准 B2B(BANT)", en: "Standard B2B (BANT)" },
    description: {
      zh: "默认商机管理流程:线索、初步接触、BANT 资格审核、需求分析、方案、谈判,含折扣审批和大额商机审批。",
      en: "The default opportunity process: lead, contact, BANT qualification, needs analysis, proposal and negotiation, with discount and large-deal approvals.",
    },
    definition: defaultProcess,
  },
  {
    key: "tender",
    name: { zh: "招投标 / 项目", en: "Tender / project" },
    description: {
      zh: "报名、资格预审、投标(提交前经理审批)、开标,中标或未中标;含招标编号、投标截止日期和保证金。",
      en: "Registration, pre-qualification, bidding (the manager approves the bid), bid opening, then won or lost; with tender number, bid deadline and bid bond.",
    },
    definition: tenderProcess,
  },
  {
    key: "saas",
    name: { zh: "SaaS 线上获客", en: "SaaS inbound" },
    description: {
      zh: "试用、激活、报价,赢单或输单;按活跃用户、席位和套餐为商机评分。",
      en: "Trial, activation and proposal, then won or lost; deals are scored by active users, seats and plan.",
    },
    definition: saasInboundProcess,
  },
  {
    key: "blank",
    name: { zh: "空白流程", en: "Blank" },
    description: {
      zh: "一个跟进阶段加赢单和输单,从这里画出你自己的流程。",
      en: "One follow-up stage plus won and lost: draw your own process from here.",
    },
    definition: blankProcess,
  },
];

export function templateByKey(key: TemplateKey): Template {
  const template = TEMPLATES.find((t) => t.key === key);
  if (!template) throw new Error(`unknown template ${key}`);
  return template;
}

/** How many stages a template has (open, won and lost), for the template picker. */
export const stageCount = (definition: PipelineDefinition): number =>
  definition.nodes.filter((n) => n.data.kind === "stage").length;
