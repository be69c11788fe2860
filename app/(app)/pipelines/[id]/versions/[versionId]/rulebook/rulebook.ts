import type {
  Approver,
  FieldDef,
  LocalizedText,
  OwnerRule,
  PipelineDefinition,
  PipelineEdge,
  PipelineNode,
} from "@/workflows/definition/schema";
import { joinList, pick, TYPE_NAMES, type Locale } from "@/workflows/rules/format";
import { summarize, type SummaryContext } from "../../../edit/_rules/summary";
import { changesSince } from "./changes";
import type { Directory } from "../../../edit/_rules/types";

/*
 * The rulebook (商机管理制度): a version's definition written out as the document trainers hand
 * out and teams sign off, in one language. Pure: the page renders what this returns, and the
 * conditions are put in words by the rule builder's own summary, so the rulebook says exactly
 * what the editor shows. The document's own words are here in both languages (like the rule
 * sentences of workflows/rules), because a trainer may print it in either, whatever the UI's.
 */

const T = {
  docTitle: { zh: "商机管理制度", en: "Opportunity management rules" },
  version: { zh: "版本", en: "Version" },
  status: { zh: "状态", en: "Status" },
  date: { zh: "日期", en: "Date" },
  changeNote: { zh: "变更说明", en: "Change note" },
  statuses: {
    draft: { zh: "草稿", en: "Draft" },
    pilot: { zh: "试点中", en: "Pilot" },
    published: { zh: "已发布", en: "Published" },
    retired: { zh: "已停用", en: "Retired" },
  },
  stages: { zh: "一、阶段", en: "1. Stages" },
  stagesIntro: {
    zh: "商机按以下顺序推进。每个阶段写明其要点、出阶段标准、负责人和停留时限。",
    en: "Deals move through these stages in this order. Each stage lists what it is for, what must be true to leave it, who owns it and how long it may take.",
  },
  qualification: { zh: "二、商机判定与优先级规则", en: "2. Qualification and priority rules" },
  approvals: { zh: "三、审批节点", en: "3. Approvals" },
  decisions: { zh: "四、自动判定", en: "4. Automatic decisions" },
  fields: { zh: "五、商机字段", en: "5. Deal fields" },
  changes: { zh: "六、与上一版本相比的变更", en: "6. Changes from the previous version" },
  probability: { zh: "赢率", en: "Win probability" },
  purpose: { zh: "阶段要点", en: "Purpose and guidance" },
  exit: { zh: "出阶段标准", en: "Exit criteria" },
  owner: { zh: "负责人", en: "Owner" },
  timeLimit: { zh: "停留时限", en: "Time limit" },
  actions: { zh: "可执行操作", en: "Actions" },
  won: { zh: "结束：赢单", en: "closes the deal as won" },
  lost: { zh: "结束：输单", en: "closes the deal as lost" },
  none: { zh: "无", en: "None" },
  ownerUnchanged: {
    zh: "商机负责人（进入该阶段时不变）",
    en: "The deal's owner (unchanged on entering the stage)",
  },
  noGuidance: { zh: "未写明要点。", en: "No guidance written." },
  fill: { zh: "填写", en: "Fill in" },
  tick: { zh: "确认", en: "Confirm" },
  namedRules: { zh: "判定规则", en: "Qualification rules" },
  scoring: { zh: "优先级评分", en: "Priority score" },
  assignment: { zh: "无负责人商机的分配", en: "Deals that arrive without an owner" },
  noRules: { zh: "本版本没有命名规则。", en: "This version has no named rules." },
  noScoring: { zh: "本版本不计算优先级。", en: "This version does not score deals." },
  noApprovals: { zh: "本版本没有审批节点。", en: "This version has no approvals." },
  noDecisions: { zh: "本版本没有自动判定。", en: "This version has no automatic decisions." },
  approver: { zh: "审批人", en: "Approver" },
  enteredBy: { zh: "进入方式", en: "Reached by" },
  outcomes: { zh: "审批结果", en: "Outcomes" },
  approve: { zh: "批准", en: "Approved" },
  reject: { zh: "驳回", en: "Rejected" },
  otherwise: { zh: "其他情况", en: "Otherwise" },
  field: { zh: "字段", en: "Field" },
  type: { zh: "类型", en: "Type" },
  options: { zh: "选项", en: "Options" },
  requiredAtCreation: { zh: "新建时必填", en: "Required at creation" },
  yes: { zh: "是", en: "Yes" },
  firstVersion: { zh: "这是该流程的第一个版本。", en: "This is the first version of the process." },
  noChanges: { zh: "与上一版本相比没有变更。", en: "Nothing changed from the previous version." },
  comparedWith: { zh: "对比版本", en: "Compared with" },
  pageOf: { zh: "第 {page} 页，共 {pages} 页", en: "Page {page} of {pages}" },
} as const;

/** The company's people and teams (`editor.directory`): owners, approvers and teams by name. */
export type RulebookDirectory = Directory;

export type RulebookInput = {
  pipelineName: LocalizedText;
  version: { number: number; status: keyof typeof T.statuses; date: string; changeNote: string | null };
  definition: PipelineDefinition;
  previous: { number: number; definition: PipelineDefinition } | null;
  directory: RulebookDirectory;
  locale: Locale;
};

export type RulebookStage = {
  key: string;
  name: string;
  outcome: "open" | "won" | "lost";
  probability: string;
  /** Markdown, as the editor's guidance is written. */
  guidance: string | null;
  exit: string[];
  owner: string | null;
  timeLimit: string | null;
  actions: string[];
};

export type Rulebook = ReturnType<typeof buildRulebook>;

const OUTCOME_ORDER = { open: 0, won: 1, lost: 2 } as const;
type StageNode = PipelineNode & { data: Extract<PipelineNode["data"], { kind: "stage" }> };

/** The rulebook of a version in one language. */
export function buildRulebook(input: RulebookInput) {
  const { definition: def, locale, directory } = input;
  const en = locale === "en";
  const p = (text: LocalizedText) => pick(text, locale);
  const q = (text: string) => (en ? `“${text}”` : `「${text}」`);
  const nodes = new Map(def.nodes.map((n) => [n.id, n]));
  const fieldName = (key: string) => {
    const field = def.fields.find((f) => f.key === key);
    return field ? p(field.name) : key;
  };
  const summary: SummaryContext = { fields: def.fields, rules: def.rules, users: directory.users, locale };
  const when = (edge: PipelineEdge) => (edge.condition ? summarize(edge.condition, summary) : null);
  const nodeName = (id: string) => {
    const node = nodes.get(id);
    return node ? p(node.data.name) : id;
  };
  const teamName = (key: string) => {
    const team = directory.teams.find((t) => t.key === key);
    return team ? (en && team.nameEn) || team.name : key;
  };
  const userName = (id: string) => directory.users.find((u) => u.id === id)?.name ?? id;

  const ownerText = (rule: OwnerRule): string => {
    switch (rule.kind) {
      case "keep":
        return en ? "The current owner keeps the deal." : "沿用当前负责人。";
      case "teamManager":
        return en ? "The manager of the deal's team." : "商机所属团队的经理。";
      case "user":
        return en ? `${userName(rule.userId)}.` : `${userName(rule.userId)}。`;
      case "roundRobin":
        return en
          ? `Reps of ${teamName(rule.teamKey)} in turn.`
          : `由${teamName(rule.teamKey)}的销售代表轮流负责。`;
      case "byField": {
        const field = def.fields.find((f) => f.key === rule.field);
        const label = (value: string) => {
          const option = field?.options?.find((o) => o.value === value);
          return option ? p(option.label) : value;
        };
        const pairs = Object.entries(rule.teams).map(([value, team]) =>
          en ? `${label(value)} → ${teamName(team)}` : `${label(value)} → ${teamName(team)}`,
        );
        return en
          ? `By ${fieldName(rule.field)}: ${pairs.join("; ")}; otherwise ${teamName(rule.fallbackTeamKey)} (reps in turn).`
          : `按${fieldName(rule.field)}分配：${pairs.join("；")}；其他情况归${teamName(rule.fallbackTeamKey)}（销售代表轮流负责）。`;
      }
    }
  };
  const approverText = (approver: Approver | undefined): string => {
    if (!approver) return en ? "An admin." : "管理员。";
    switch (approver.kind) {
      case "role": {
        const roles = {
          admin: { zh: "管理员", en: "an admin" },
          manager: { zh: "销售经理", en: "a manager" },
          trainer: { zh: "培训师", en: "a trainer" },
          rep: { zh: "销售代表", en: "a rep" },
        } as const;
        return en
          ? `Any member with the role of ${roles[approver.role].en}.`
          : `任一${roles[approver.role].zh}。`;
      }
      case "teamManager":
        return en ? "The manager of the deal's team." : "商机所属团队的经理。";
      case "user":
        return en ? `${userName(approver.userId)}.` : `${userName(approver.userId)}。`;
    }
  };
  const edgeText = (edge: PipelineEdge): string => {
    const target = nodeName(edge.target);
    const condition = when(edge);
    const needs = edge.requiredFields?.length ? joinList(edge.requiredFields.map(fieldName), locale) : null;
    const name = edge.action ? p(edge.action.name) : null;
    if (en) {
      return [
        name ? `${q(name)} → ${target}` : `→ ${target}`,
        condition ? ` when ${condition}` : "",
        needs ? ` (needs ${needs})` : "",
      ].join("");
    }
    return [
      name ? `${q(name)} → ${target}` : `→ ${target}`,
      condition ? `，条件：${condition}` : "",
      needs ? `（需填写${needs}）` : "",
    ].join("");
  };
  const timeLimitText = (stage: StageNode["data"]): string | null => {
    const limit = stage.timeLimit;
    if (!limit) return null;
    const then = limit.then.map((c) =>
      c.kind === "notifyOwner"
        ? en
          ? "the owner is reminded"
          : "提醒负责人"
        : c.kind === "escalateToManager"
          ? en
            ? "the team's manager is told"
            : "上报团队经理"
          : en
            ? `the deal is moved by ${q(actionName(c.action))}`
            : `自动执行${q(actionName(c.action))}`,
    );
    const days = limit.days;
    return en
      ? `${days} ${days === 1 ? "day" : "days"}${then.length ? `; then ${joinList(then, locale)}` : ""}.`
      : `${days} 天${then.length ? `；超时后${joinList(then, locale)}` : ""}。`;
  };
  const actionName = (key: string) => {
    const edge = def.edges.find((e) => e.action?.key === key);
    return edge?.action ? p(edge.action.name) : key;
  };

  const stageNodes = def.nodes
    .filter((n): n is StageNode => n.data.kind === "stage")
    .sort(
      (a, b) =>
        OUTCOME_ORDER[a.data.outcome] - OUTCOME_ORDER[b.data.outcome] ||
        a.position.x - b.position.x ||
        a.position.y - b.position.y,
    );
  const stages: RulebookStage[] = stageNodes.map((n) => {
    const d = n.data;
    return {
      key: d.key,
      name: p(d.name),
      outcome: d.outcome,
      probability: `${d.probability}%`,
      guidance: d.guidance ? p(d.guidance) : null,
      exit: [
        ...d.requiredFields.map((f) => `${p(T.fill)} ${fieldName(f)}`),
        ...d.exitChecklist.map((item) => `${p(T.tick)}: ${p(item.label)}`),
      ],
      owner: d.owner ? ownerText(d.owner) : p(T.ownerUnchanged),
      timeLimit: timeLimitText(d),
      actions: def.edges.filter((e) => e.source === n.id).map(edgeText),
    };
  });

  const approvals = def.nodes
    .filter((n) => n.data.kind === "approval")
    .map((n) => {
      const d = n.data as Extract<PipelineNode["data"], { kind: "approval" }>;
      const out = def.edges.filter((e) => e.source === n.id);
      return {
        name: p(d.name),
        approver: approverText(d.approver),
        entry: def.edges.filter((e) => e.target === n.id).map((e) => `${nodeName(e.source)}: ${edgeText(e)}`),
        outcomes: out.map(
          (e) => `${p(e.branch === "reject" ? T.reject : T.approve)} → ${nodeName(e.target)}`,
        ),
      };
    });

  const decisions = def.nodes
    .filter((n) => n.data.kind === "decision")
    .map((n) => ({
      name: p(n.data.name),
      branches: def.edges
        .filter((e) => e.source === n.id)
        .sort((a, b) => Number(a.branch === "default") - Number(b.branch === "default"))
        .map((e) =>
          e.branch === "default" || !e.condition
            ? `${p(T.otherwise)} → ${nodeName(e.target)}`
            : `${summarize(e.condition, summary)} → ${nodeName(e.target)}`,
        ),
    }));

  const scoring = def.scoring
    ? {
        criteria: def.scoring.criteria.map((c) => ({
          label: p(c.label),
          points: c.points,
          when: summarize(c.when, summary),
        })),
        thresholds: en
          ? `A ≥ ${def.scoring.thresholds.a}, B ≥ ${def.scoring.thresholds.b}, C ≥ ${def.scoring.thresholds.c}, otherwise D (points out of 100).`
          : `A ≥ ${def.scoring.thresholds.a}，B ≥ ${def.scoring.thresholds.b}，C ≥ ${def.scoring.thresholds.c}，其余为 D（满分 100）。`,
      }
    : null;

  const fields = def.fields.map((f: FieldDef) => ({
    name: p(f.name),
    type: p(TYPE_NAMES[f.type]),
    options: f.options?.length
      ? joinList(
          f.options.map((o) => p(o.label)),
          locale,
        )
      : null,
    requiredAtCreation: !!f.requiredAtCreation,
  }));

  return {
    title: en ? `${p(input.pipelineName)} — ${p(T.docTitle)}` : `${p(input.pipelineName)} · ${p(T.docTitle)}`,
    meta: [
      { label: p(T.version), value: `v${input.version.number}` },
      { label: p(T.status), value: p(T.statuses[input.version.status]) },
      { label: p(T.date), value: input.version.date },
    ],
    changeNote: input.version.changeNote ? { label: p(T.changeNote), text: input.version.changeNote } : null,
    headings: {
      stages: p(T.stages),
      stagesIntro: p(T.stagesIntro),
      qualification: p(T.qualification),
      approvals: p(T.approvals),
      decisions: p(T.decisions),
      fields: p(T.fields),
      changes: p(T.changes),
    },
    labels: {
      probability: p(T.probability),
      purpose: p(T.purpose),
      exit: p(T.exit),
      owner: p(T.owner),
      timeLimit: p(T.timeLimit),
      actions: p(T.actions),
      won: p(T.won),
      lost: p(T.lost),
      none: p(T.none),
      noGuidance: p(T.noGuidance),
      namedRules: p(T.namedRules),
      scoring: p(T.scoring),
      assignment: p(T.assignment),
      noRules: p(T.noRules),
      noScoring: p(T.noScoring),
      noApprovals: p(T.noApprovals),
      noDecisions: p(T.noDecisions),
      approver: p(T.approver),
      enteredBy: p(T.enteredBy),
      outcomes: p(T.outcomes),
      field: p(T.field),
      type: p(T.type),
      options: p(T.options),
      requiredAtCreation: p(T.requiredAtCreation),
      yes: p(T.yes),
      comparedWith: p(T.comparedWith),
      /** The document's name alone (the PDF's running header), and its page numbers ({page}, {pages}). */
      docTitle: p(T.docTitle),
      pageOf: p(T.pageOf),
      /** Punctuation between a name and its text, and between items, in the document's language. */
      colon: en ? ": " : "：",
      semicolon: en ? "; " : "；",
    },
    stages,
    rules: def.rules.map((r) => ({ name: p(r.name), text: summarize(r.condition, summary) })),
    scoring,
    assignment: def.assignment ? ownerText(def.assignment) : null,
    approvals,
    decisions,
    fields,
    changes: changesSince(input, p, q, { firstVersion: T.firstVersion, noChanges: T.noChanges }),
  };
}
