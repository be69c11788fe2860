import { diffDefinitions } from "@/workflows/definition/diff";
import type { LocalizedText, PipelineDefinition, PipelineNode } from "@/workflows/definition/schema";
import { joinList, type Locale } from "@/workflows/rules/format";

/** The rulebook's "changes from the previous version": the definition diff in sentences. */

const KIND_NAMES: Record<PipelineNode["data"]["kind"], LocalizedText> = {
  stage: { zh: "阶段", en: "stage" },
  decision: { zh: "自动判定", en: "decision" },
  approval: { zh: "审批", en: "approval" },
};

/** Words for the properties the diff names; others show as they are. */
const PROPERTY_NAMES: Record<string, LocalizedText> = {
  name: { zh: "名称", en: "name" },
  probability: { zh: "赢率", en: "win probability" },
  requiredFields: { zh: "必填字段", en: "required fields" },
  exitChecklist: { zh: "出阶段清单", en: "exit checklist" },
  guidance: { zh: "阶段要点", en: "guidance" },
  owner: { zh: "负责人规则", en: "owner rule" },
  timeLimit: { zh: "停留时限", en: "time limit" },
  outcome: { zh: "结果类型", en: "outcome" },
  key: { zh: "标识", en: "key" },
  approver: { zh: "审批人", en: "approver" },
  notifyApprover: { zh: "通知审批人", en: "approver notification" },
  position: { zh: "位置", en: "position" },
  action: { zh: "操作", en: "action" },
  condition: { zh: "条件", en: "condition" },
  effects: { zh: "执行效果", en: "effects" },
  source: { zh: "起点", en: "source" },
  target: { zh: "去向", en: "target" },
  branch: { zh: "分支", en: "branch" },
  type: { zh: "类型", en: "type" },
  options: { zh: "选项", en: "options" },
  requiredAtCreation: { zh: "新建时必填", en: "required at creation" },
  min: { zh: "最小值", en: "minimum" },
  max: { zh: "最大值", en: "maximum" },
  format: { zh: "格式", en: "format" },
  order: { zh: "顺序", en: "order" },
  initialNodeId: { zh: "起始阶段", en: "starting stage" },
  assignment: { zh: "分配规则", en: "assignment rule" },
};

/** What differs from the previous version, one sentence per change (moves on the canvas left out). */
export function changesSince(
  input: {
    definition: PipelineDefinition;
    previous: { number: number; definition: PipelineDefinition } | null;
    locale: Locale;
  },
  p: (text: LocalizedText) => string,
  q: (text: string) => string,
  T: { firstVersion: LocalizedText; noChanges: LocalizedText },
): { previous: number | null; lines: string[]; empty: string } {
  const { previous, definition: after, locale } = input;
  const en = locale === "en";
  if (!previous) return { previous: null, lines: [], empty: p(T.firstVersion) };
  const before = previous.definition;
  const diff = diffDefinitions(before, after);
  const props = (list: string[]) =>
    joinList(
      list.filter((c) => c !== "position").map((c) => (PROPERTY_NAMES[c] ? p(PROPERTY_NAMES[c]) : c)),
      locale,
    );
  const nodeIn = (def: PipelineDefinition, id: string) => def.nodes.find((n) => n.id === id);
  const nodeLabel = (node: PipelineNode | undefined, id: string) =>
    node ? `${p(KIND_NAMES[node.data.kind])}${en ? " " : ""}${q(p(node.data.name))}` : id;
  const edgeLabel = (def: PipelineDefinition, id: string) => {
    const edge = def.edges.find((e) => e.id === id);
    if (!edge) return id;
    const from = nodeIn(def, edge.source);
    const to = nodeIn(def, edge.target);
    const path = `${from ? p(from.data.name) : edge.source} → ${to ? p(to.data.name) : edge.target}`;
    if (!edge.action) return path;
    return en ? `action ${q(p(edge.action.name))} (${path})` : `操作${q(p(edge.action.name))}（${path}）`;
  };
  const fieldLabel = (def: PipelineDefinition, key: string) => {
    const field = def.fields.find((f) => f.key === key);
    return `${en ? "field " : "字段"}${q(field ? p(field.name) : key)}`;
  };
  const lines: string[] = [];
  const added = en ? "Added" : "新增";
  const removed = en ? "Removed" : "删除";
  const changed = en ? "Changed" : "修改";
  const sep = en ? ": " : "：";
  for (const id of diff.nodes.added) lines.push(`${added} ${nodeLabel(nodeIn(after, id), id)}`);
  for (const id of diff.nodes.removed) lines.push(`${removed} ${nodeLabel(nodeIn(before, id), id)}`);
  for (const c of diff.nodes.changed) {
    const list = props(c.changes);
    if (list) lines.push(`${changed} ${nodeLabel(nodeIn(after, c.id), c.id)}${sep}${list}`);
  }
  for (const id of diff.edges.added) lines.push(`${added} ${edgeLabel(after, id)}`);
  for (const id of diff.edges.removed) lines.push(`${removed} ${edgeLabel(before, id)}`);
  for (const c of diff.edges.changed)
    lines.push(`${changed} ${edgeLabel(after, c.id)}${sep}${props(c.changes)}`);
  for (const key of diff.fields.added) lines.push(`${added} ${fieldLabel(after, key)}`);
  for (const key of diff.fields.removed) lines.push(`${removed} ${fieldLabel(before, key)}`);
  for (const c of diff.fields.changed)
    lines.push(`${changed} ${fieldLabel(after, c.id)}${sep}${props(c.changes)}`);
  if (diff.rulesChanged) lines.push(en ? "Changed the qualification rules" : "修改了判定规则");
  if (diff.scoringChanged) lines.push(en ? "Changed the priority score" : "修改了优先级评分");
  if (diff.settings.length) lines.push(`${changed}${en ? " " : ""}${props(diff.settings)}`);
  return { previous: previous.number, lines, empty: p(T.noChanges) };
}
