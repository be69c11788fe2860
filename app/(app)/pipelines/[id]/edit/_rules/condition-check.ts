import type { Condition, FieldDef, LocalizedText, NamedRule } from "@/workflows/definition/schema";
import { checkCondition } from "@/workflows/rules/check";
import { valueKind, type Comparison } from "./operators";

/*
 * What the rule builder marks on each row: rows still being filled in (no field, no value, an
 * empty group) get a hint, finished rows get the compiler's own message. Problems are keyed by
 * the same paths the compiler reports ("all[1].not"), so a diagnostic and a row line up.
 */

/** A path inside a condition tree, "" for its root. */
export type ConditionPath = string;

/** The path of a child node. */
export const childPath = (path: ConditionPath, segment: string): ConditionPath =>
  path ? `${path}.${segment}` : segment;

const MESSAGES = {
  chooseField: { zh: "请选择字段", en: "Choose a field" },
  chooseRule: { zh: "请选择规则", en: "Choose a rule" },
  enterValue: { zh: "请填写比较的值", en: "Enter a value to compare with" },
  emptyAny: {
    zh: "空的「任一」组永远不成立:请添加条件",
    en: "An empty “any” group never holds: add a condition",
  },
  emptyAll: {
    zh: "空的「全部」组总是成立:请添加条件",
    en: "An empty “all” group always holds: add a condition",
  },
} satisfies Record<string, LocalizedText>;

/** Whether a comparison still lacks its value (as opposed to having a wrong one). */
export function isValueMissing(field: FieldDef, row: Comparison): boolean {
  const kind = valueKind(field, row.op);
  if (kind === "none") return false;
  const v = row.value;
  if (v === undefined || v === "") return true;
  if (kind === "numberRange" || kind === "dateRange") {
    return !Array.isArray(v) || v.length !== 2 || v.some((x) => x === "" || x === undefined);
  }
  return Array.isArray(v) && v.length === 0;
}

/** The problem of one node itself (not its children), or null. */
function nodeProblem(node: Condition, fields: FieldDef[], rules: NamedRule[]): LocalizedText | null {
  if ("all" in node) return node.all.length === 0 ? MESSAGES.emptyAll : null;
  if ("any" in node) return node.any.length === 0 ? MESSAGES.emptyAny : null;
  if ("not" in node) return null;
  if ("rule" in node) {
    if (!node.rule) return MESSAGES.chooseRule;
  } else {
    if (!node.field) return MESSAGES.chooseField;
    const field = fields.find((f) => f.key === node.field);
    if (field && isValueMissing(field, node)) return MESSAGES.enterValue;
  }
  return checkCondition(node, { fields, rules })[0]?.message ?? null;
}

/** Every node's problem by path; an empty map when the condition is complete and sound. */
export function conditionProblems(
  condition: Condition | undefined,
  fields: FieldDef[],
  rules: NamedRule[],
): Map<ConditionPath, LocalizedText> {
  const out = new Map<ConditionPath, LocalizedText>();
  const visit = (node: Condition, path: ConditionPath) => {
    const problem = nodeProblem(node, fields, rules);
    if (problem) out.set(path, problem);
    if ("all" in node) node.all.forEach((c, i) => visit(c, childPath(path, `all[${i}]`)));
    else if ("any" in node) node.any.forEach((c, i) => visit(c, childPath(path, `any[${i}]`)));
    else if ("not" in node) visit(node.not, childPath(path, "not"));
  };
  if (condition) visit(condition, "");
  return out;
}
