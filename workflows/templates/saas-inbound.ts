import { PipelineDefinition, type PipelineDefinitionInput } from "@/workflows/definition/schema";
import { criterion, edge, escalate, field, notifyOwner, select, stage } from "./build";

/*
 * SaaS inbound: a sign-up starts a trial, the trial becomes active use, active accounts get a
 * proposal, then won or lost. The priority score is driven by activation (active users, seats,
 * plan), so reps spend their time on the trials that are really being used.
 */

const fields: PipelineDefinitionInput["fields"] = [
  field("title", "商机名称", "Title", "text", { requiredAtCreation: true }),
  field("account", "公司", "Company", "text", { requiredAtCreation: true }),
  field("contact", "联系人", "Contact", "text"),
  field("email", "邮箱", "Email", "text", { format: "email" }),
  field("trialStart", "试用开始日期", "Trial start", "date", { requiredAtCreation: true }),
  select("companySize", "公司规模", "Company size", [
    ["small", "1–50 人", "1–50 people"],
    ["medium", "51–500 人", "51–500 people"],
    ["large", "500 人以上", "More than 500 people"],
  ]),
  field("activeUsers", "活跃用户数", "Active users", "number", { min: 0 }),
  field("useCase", "使用场景", "Use case", "longText"),
  select("plan", "套餐", "Plan", [
    ["starter", "入门版", "Starter"],
    ["team", "团队版", "Team"],
    ["business", "商业版", "Business"],
    ["enterprise", "企业版", "Enterprise"],
  ]),
  field("seats", "席位数", "Seats", "number", { min: 1 }),
  field("amount", "年合同额", "Annual contract value", "currency"),
  field("finalAmount", "成交金额", "Final amount", "currency"),
  select("lostReason", "输单原因", "Lost reason", [
    ["notActivated", "未激活", "Never activated"],
    ["price", "价格", "Price"],
    ["competitor", "竞争对手", "Competitor"],
    ["missingFeature", "功能不满足", "Missing feature"],
    ["noNeed", "无需求", "No need"],
    ["other", "其他", "Other"],
  ]),
];

const nodes = [
  stage({
    key: "trial",
    zh: "试用",
    en: "Trial",
    column: 0,
    probability: 10,
    guidance: [
      "注册后 24 小时内联系,了解使用场景,帮助完成首次配置并邀请同事加入。",
      "Get in touch within 24 hours of sign-up, learn the use case, help with the first setup and get colleagues invited.",
    ],
    timeLimit: { days: 14, then: [notifyOwner] },
  }),
  stage({
    key: "activation",
    zh: "激活",
    en: "Activation",
    column: 1,
    probability: 30,
    requiredFields: ["activeUsers", "useCase"],
    guidance: [
      "跟踪活跃用户数和关键功能使用情况,与使用者确认价值,确定套餐和席位需求。",
      "Track active users and use of the key features, confirm the value with the people using it, and work out the plan and seats they need.",
    ],
    timeLimit: { days: 14, then: [notifyOwner, escalate] },
  }),
  stage({
    key: "proposal",
    zh: "报价",
    en: "Proposal",
    column: 2,
    probability: 60,
    requiredFields: ["plan", "seats", "amount"],
    guidance: [
      "按套餐和席位报价,年付可给予折扣;与付款决策人确认采购流程。",
      "Quote by plan and seats (annual billing can be discounted) and confirm the buying process with whoever signs.",
    ],
    timeLimit: { days: 21, then: [escalate] },
  }),
  stage({
    key: "won",
    zh: "赢单",
    en: "Won",
    column: 3,
    outcome: "won",
    probability: 100,
    guidance: [
      "开通正式账号,安排上线培训并移交客户成功团队。",
      "Switch the account to paid, schedule onboarding and hand over to customer success.",
    ],
  }),
  stage({
    key: "lost",
    zh: "输单",
    en: "Lost",
    column: 2,
    row: 2,
    outcome: "lost",
    probability: 0,
    guidance: [
      "记录输单原因;未激活的试用可在下个季度再次培育。",
      "Record why it was lost; trials that never activated can be nurtured again next quarter.",
    ],
  }),
];

const closeLost = (source: string) =>
  edge(source, "lost", { action: ["closeLost", "输单", "Close lost"], requiredFields: ["lostReason"] });

const edges = [
  edge("trial", "activation", { action: ["activated", "已激活", "Activated"] }),
  closeLost("trial"),
  edge("activation", "proposal", { action: ["sendProposal", "发送报价", "Send proposal"] }),
  closeLost("activation"),
  edge("proposal", "won", { action: ["closeWon", "签约", "Close won"], requiredFields: ["finalAmount"] }),
  edge("proposal", "activation", { action: ["backToActivation", "退回激活", "Back to activation"] }),
  closeLost("proposal"),
];

/** Priority by activation: real use first, then size. */
const scoring: PipelineDefinitionInput["scoring"] = {
  criteria: [
    criterion(
      "activeTeam",
      "活跃用户 ≥ 10",
      "10 or more active users",
      { field: "activeUsers", op: "gte", value: 10 },
      40,
    ),
    criterion(
      "activeFew",
      "活跃用户 3–9",
      "3 to 9 active users",
      { field: "activeUsers", op: "between", value: [3, 9] },
      20,
    ),
    criterion("manySeats", "席位 ≥ 20", "20 or more seats", { field: "seats", op: "gte", value: 20 }, 20),
    criterion(
      "biggerPlan",
      "商业版或企业版",
      "Business or Enterprise plan",
      { field: "plan", op: "in", value: ["business", "enterprise"] },
      20,
    ),
    criterion(
      "biggerCompany",
      "51 人以上的公司",
      "Company of more than 50 people",
      { field: "companySize", op: "in", value: ["medium", "large"] },
      20,
    ),
  ],
  thresholds: { a: 80, b: 50, c: 20 },
};

/** SaaS inbound: trial → activation → proposal → won / lost, scored by activation. */
export const saasInboundProcess: PipelineDefinition = PipelineDefinition.parse({
  schemaVersion: 1,
  name: { zh: "SaaS 线上获客流程", en: "SaaS inbound" },
  initialNodeId: "trial",
  fields,
  rules: [],
  scoring,
  nodes,
  edges,
} satisfies PipelineDefinitionInput);
