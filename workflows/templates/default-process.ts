import {
  PipelineDefinition,
  type Condition,
  type PipelineDefinitionInput,
} from "@/workflows/definition/schema";
import { bigDeal, defaultFields, defaultRules, defaultScoring } from "./default-process-fields";

/*
 * The default opportunity process (默认商机管理流程), line by line from
 * shared/design/default-process.md. Choices the document leaves open:
 * - "To leave the stage" of won (finalAmount) and lost (lostReason) are entry criteria, so they
 *   are the `requiredFields` of every action into those stages; a stage's own requiredFields gate
 *   only its forward actions, so a rep can always close a deal lost with just a reason.
 * - Nurture's exit to lost is Drop (放弃) and the lead's is Disqualify (无效线索); they stand in
 *   for Close lost there. Every other open stage has Close lost (输单).
 * - Close won is one action with two edges; the direct one is "amount not ≥ 1,000,000" rather
 *   than "amount < 1,000,000", so a deal without an amount is not left with no way to win.
 * - A rep-created deal is owned by its creator: that is the deal shell's default and needs no
 *   rule; `assignment` covers deals that arrive ownerless, round-robin within the region's team.
 * - "When a deal enters Negotiation with amount ≥ 1,000,000 … the manager is notified": a notify
 *   effect with a `when` condition on the edges into negotiation; the approval node notifies the
 *   manager again when the rep asks to close it.
 * - Analysis and proposal have a time limit with no consequence: the deal shows as overdue.
 * - §5 targets are team settings, not part of the process; they are kept in DEFAULT_TARGETS.
 */

const X = 260;
const ROW = { approval: 0, main: 160, nurture: 320, lost: 480 };
const at = (column: number, y: number) => ({ x: column * X, y });

type StageSpec = {
  key: string;
  zh: string;
  en: string;
  column: number;
  y?: number;
  outcome?: "open" | "won" | "lost";
  probability: number;
  requiredFields?: string[];
  exitChecklist?: { id: string; label: { zh: string; en: string } }[];
  guidance: [zh: string, en: string];
  timeLimit?: { days: number; then: ({ kind: "notifyOwner" } | { kind: "escalateToManager" })[] };
};

const stage = ({ key, zh, en, column, y = ROW.main, outcome = "open", guidance, ...rest }: StageSpec) => ({
  id: key,
  position: at(column, y),
  data: {
    kind: "stage" as const,
    key,
    name: { zh, en },
    outcome,
    guidance: { zh: guidance[0], en: guidance[1] },
    ...rest,
  },
});

const notifyOwner = { kind: "notifyOwner" } as const;
const escalate = { kind: "escalateToManager" } as const;

const stages = [
  stage({
    key: "lead",
    zh: "线索",
    en: "Lead",
    column: 0,
    probability: 5,
    requiredFields: ["industry", "region", "source"],
    guidance: [
      "24 小时内首次联系,核实客户是否真实、有无明确项目;补全行业、区域和来源,无效线索及时关闭。",
      "Make first contact within 24 hours and check the account is real and has a project; fill in industry, region and source, and disqualify dead leads promptly.",
    ],
    timeLimit: { days: 3, then: [notifyOwner] },
  }),
  stage({
    key: "contact",
    zh: "初步接触",
    en: "Initial contact",
    column: 1,
    probability: 10,
    exitChecklist: [
      {
        id: "reachedDecisionMaker",
        label: { zh: "已接触决策人或影响人", en: "Reached the decision maker or an influencer" },
      },
      { id: "interestConfirmed", label: { zh: "已确认客户意向", en: "Interest confirmed" } },
    ],
    guidance: [
      "通过电话或拜访接触决策人或关键影响人,按 BANT 了解预算、决策人、需求和时间,确认客户意向后提交资格审核。",
      "Call or visit the decision maker or a key influencer; learn budget, authority, need and timing (BANT), then qualify once interest is confirmed.",
    ],
    timeLimit: { days: 7, then: [notifyOwner, escalate] },
  }),
  stage({
    key: "nurture",
    zh: "培育",
    en: "Nurture",
    column: 2,
    y: ROW.nurture,
    probability: 5,
    guidance: [
      "暂不满足 BANT 的客户:每月发送行业案例或活动邀请,关注预算周期和人事变化,条件成熟时重新评估。",
      "Not qualified yet: send a case study or event invitation each month, watch budget cycles and people changes, and re-engage when the timing is right.",
    ],
    timeLimit: { days: 90, then: [notifyOwner] },
  }),
  stage({
    key: "analysis",
    zh: "需求分析",
    en: "Needs analysis",
    column: 3,
    probability: 25,
    requiredFields: ["painPoints", "competitors"],
    guidance: [
      "约见关键用户,确认痛点、决策流程和竞争对手。",
      "Meet key users; confirm pain points, the decision process and competitors.",
    ],
    timeLimit: { days: 14, then: [] },
  }),
  stage({
    key: "proposal",
    zh: "方案制定",
    en: "Proposal",
    column: 4,
    probability: 50,
    requiredFields: ["proposalAmount", "proposalLink", "expectedClose"],
    guidance: [
      "围绕已确认的痛点制定方案和报价,与客户技术负责人预演方案;折扣超过 15% 需销售经理审批。",
      "Build the solution and quote around the confirmed pain points and walk the customer's technical lead through it; discounts above 15% need the manager's approval.",
    ],
    timeLimit: { days: 14, then: [] },
  }),
  stage({
    key: "negotiation",
    zh: "商务谈判",
    en: "Negotiation",
    column: 6,
    probability: 75,
    guidance: [
      "与采购和决策人确认价格、付款方式和合同条款,明确签约时间;100 万及以上的商机签约前需经理审批。",
      "Agree price, payment terms and contract clauses with procurement and the decision maker, and fix a signing date; deals of 1,000,000 or more need the manager's approval before closing.",
    ],
    timeLimit: { days: 21, then: [escalate] },
  }),
  stage({
    key: "won",
    zh: "赢单",
    en: "Won",
    column: 8,
    outcome: "won",
    probability: 100,
    guidance: [
      "录入成交金额,归档合同,安排交付启动会并请客户推荐新的联系人。",
      "Record the final amount, file the contract, set up the delivery kick-off and ask the customer for referrals.",
    ],
  }),
  stage({
    key: "lost",
    zh: "输单",
    en: "Lost",
    column: 4,
    y: ROW.lost,
    outcome: "lost",
    probability: 0,
    guidance: [
      "如实填写输单原因并复盘;与客户保持联系,留意下一个采购周期。",
      "Record the real reason and review what happened; stay in touch and watch for the next buying cycle.",
    ],
  }),
];

const decisionsAndApprovals = [
  {
    id: "qualify",
    position: at(2, ROW.main),
    data: { kind: "decision", key: "qualify", name: { zh: "资格审核", en: "Qualify" } },
  },
  {
    id: "discountCheck",
    position: at(5, ROW.main),
    data: { kind: "decision", key: "discountCheck", name: { zh: "折扣检查", en: "Discount check" } },
  },
  {
    id: "discountApproval",
    position: at(5, ROW.approval),
    data: {
      kind: "approval",
      key: "discountApproval",
      name: { zh: "折扣审批", en: "Discount approval" },
      approver: { kind: "teamManager" },
    },
  },
  {
    id: "bigDealApproval",
    position: at(7, ROW.approval),
    data: {
      kind: "approval",
      key: "bigDealApproval",
      name: { zh: "大额商机审批", en: "Large deal approval" },
      approver: { kind: "teamManager" },
    },
  },
] as const;

type EdgeSpec = {
  action?: [key: string, zh: string, en: string];
  label?: string;
  branch?: "default" | "approve" | "reject";
  condition?: Condition;
  requiredFields?: string[];
  effects?: PipelineDefinitionInput["edges"][number]["effects"];
};

/** Ids read "source-action-target" (or the branch / condition label), stable across edits. */
const edge = (source: string, target: string, spec: EdgeSpec = {}) => {
  const { action, label, ...rest } = spec;
  const middle = action?.[0] ?? label ?? rest.branch ?? "auto";
  return {
    id: `${source}-${middle}-${target}`,
    source,
    target,
    ...(action && { action: { key: action[0], name: { zh: action[1], en: action[2] } } }),
    ...rest,
  };
};

const closeLost = (source: string) =>
  edge(source, "lost", { action: ["closeLost", "输单", "Close lost"], requiredFields: ["lostReason"] });
const notifyBigDeal = [{ kind: "notify" as const, to: "teamManager" as const, when: bigDeal }];

const edges = [
  edge("lead", "contact", { action: ["startContact", "开始接触", "Start contact"] }),
  edge("lead", "lost", { action: ["disqualify", "无效线索", "Disqualify"], requiredFields: ["lostReason"] }),
  edge("contact", "qualify", { action: ["qualify", "资格审核", "Qualify"] }),
  closeLost("contact"),
  edge("qualify", "analysis", { label: "bant", condition: { rule: "bant" } }),
  edge("qualify", "nurture", { branch: "default" }),
  edge("nurture", "contact", { action: ["reEngage", "重新评估", "Re-engage"] }),
  edge("nurture", "lost", { action: ["drop", "放弃", "Drop"], requiredFields: ["lostReason"] }),
  edge("analysis", "proposal", { action: ["startProposal", "制定方案", "Start proposal"] }),
  closeLost("analysis"),
  edge("proposal", "discountCheck", { action: ["sendProposal", "提交方案", "Send proposal"] }),
  closeLost("proposal"),
  edge("discountCheck", "discountApproval", {
    label: "overLimit",
    condition: { field: "discountPct", op: "gt", value: 15 },
  }),
  edge("discountCheck", "negotiation", { branch: "default", effects: notifyBigDeal }),
  edge("discountApproval", "negotiation", { branch: "approve", effects: notifyBigDeal }),
  edge("discountApproval", "proposal", { branch: "reject" }),
  edge("negotiation", "won", {
    action: ["closeWon", "签约", "Close won"],
    condition: { not: bigDeal },
    requiredFields: ["finalAmount"],
  }),
  edge("negotiation", "bigDealApproval", {
    action: ["closeWon", "签约", "Close won"],
    condition: bigDeal,
    requiredFields: ["finalAmount"],
  }),
  edge("negotiation", "proposal", { action: ["reviseProposal", "重新报价", "Revise proposal"] }),
  closeLost("negotiation"),
  edge("bigDealApproval", "won", { branch: "approve" }),
  // A rejected big deal goes back to the table: its final amount is no longer agreed.
  edge("bigDealApproval", "negotiation", {
    branch: "reject",
    effects: [{ kind: "setField", field: "finalAmount", value: null }],
  }),
];

/** The process a new company starts from and the demo company runs (默认商机管理流程). */
export const defaultProcess: PipelineDefinition = PipelineDefinition.parse({
  schemaVersion: 1,
  name: { zh: "默认商机管理流程", en: "Default opportunity process" },
  initialNodeId: "lead",
  fields: defaultFields,
  rules: defaultRules,
  scoring: defaultScoring,
  assignment: {
    kind: "byField",
    field: "region",
    teams: { east: "east", north: "north" },
    fallbackTeamKey: "east",
  },
  nodes: [...stages, ...decisionsAndApprovals],
  edges,
} satisfies PipelineDefinitionInput);

/** §5 of the document: quarterly won amount per team key, and the conversion figures steered by. */
export const DEFAULT_TARGETS = {
  quarterlyWonAmountByTeam: { east: 3_000_000, north: 2_000_000 },
  leadToQualifiedMinPct: 30,
  proposalToWonMinPct: 35,
  maxDaysPastTimeLimit: 7,
} as const;
