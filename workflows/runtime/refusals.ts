import type { Condition } from "@/workflows/definition/schema";
import type { CompiledTransition } from "@/workflows/machine/format";
import { evaluateCondition, fieldValue, isSet, unmetCriteria, type DealValues } from "@/workflows/rules";
import type { Program } from "./program";
import type { Actor, Refusal } from "./types";

/**
 * What the candidate transitions of an action still lack, and whether the action passes. The
 * first candidate whose condition holds is the one the action takes: when it lacks fields the
 * action is refused for them, rather than falling through to a later (e.g. unconditional) edge.
 */
export function checkCandidates(
  program: Program,
  candidates: CompiledTransition[],
  values: DealValues,
  now: Date,
  /** The exit-checklist items of the current stage the rep has ticked. */
  checked: readonly string[] = [],
) {
  const missing = new Set<string>();
  const failed: Refusal[] = [];
  let passes = false;
  /** The transition XState will take: the first candidate whose guard passes. */
  let chosen: CompiledTransition | undefined;
  let conditionPassedSomewhere = false;
  const conditionFailures: Refusal[] = [];
  const missingWhereConditionHolds = new Set<string>();
  const missingChecklist = new Set<string>();
  for (const t of candidates) {
    const guard = t.guard;
    if (!guard) {
      passes = true;
      chosen ??= t;
      break;
    }
    const condition: Condition | undefined = guard.params.condition;
    const outcome = condition
      ? evaluateCondition(condition, { fields: program.fields, rules: program.rules, values, now })
      : null;
    const lacking =
      guard.type === "edgeAllowed"
        ? guard.params.requiredFields.filter((f) => !isSet(fieldValue(values, f)))
        : [];
    lacking.forEach((f) => missing.add(f));
    const unticked =
      guard.type === "edgeAllowed" ? (guard.params.checklist ?? []).filter((i) => !checked.includes(i)) : [];
    if (!outcome || outcome.pass) {
      conditionPassedSomewhere = true;
      lacking.forEach((f) => missingWhereConditionHolds.add(f));
      unticked.forEach((i) => missingChecklist.add(i));
      if (lacking.length === 0 && unticked.length === 0) {
        passes = true;
        chosen ??= t;
      }
      break;
    } else {
      const zh = unmetCriteria(outcome.node, { fields: program.fields, locale: "zh-CN" });
      const en = unmetCriteria(outcome.node, { fields: program.fields, locale: "en" });
      conditionFailures.push({
        kind: "condition",
        edgeId: guard.params.edgeId,
        unmet: zh.map((text, i) => ({ zh: text, en: en[i] ?? text })),
        message: { zh: `条件未满足:${zh.join(";")}`, en: `Conditions not met: ${en.join("; ")}` },
      });
    }
  }
  // A condition that holds points at the fields to fill; otherwise say which conditions failed.
  const fields = conditionPassedSomewhere ? missingWhereConditionHolds : missing;
  for (const key of fields) failed.push(missingFieldRefusal(program, key));
  for (const item of missingChecklist) failed.push(uncheckedItemRefusal(program, item));
  if (!conditionPassedSomewhere) failed.push(...conditionFailures);
  return {
    passes,
    chosen,
    reasons: passes ? [] : failed,
    missingFields: passes ? [] : [...fields],
    missingChecklist: passes ? [] : [...missingChecklist],
  };
}

export function uncheckedItemRefusal(program: Program, id: string): Refusal {
  const label = Object.values(program.compiled.machine.states)
    .flatMap((s) => (s.meta.kind === "stage" ? (s.meta.exitChecklist ?? []) : []))
    .find((i) => i.id === id)?.label ?? { zh: id, en: id };
  return {
    kind: "checklist",
    item: id,
    message: { zh: `请确认「${label.zh}」`, en: `Confirm “${label.en}”` },
  };
}

export function missingFieldRefusal(program: Program, key: string): Refusal {
  const field = program.fields.find((f) => f.key === key);
  const name = field?.name ?? { zh: key, en: key };
  return {
    kind: "missingField",
    field: key,
    message: { zh: `请填写「${name.zh}」`, en: `Fill in “${name.en}”` },
  };
}

/** Whether the actor may decide an approval. */
export function mayApprove(
  approver: { kind: string; role?: string; userId?: string } | null,
  actor: Actor,
): boolean {
  if (actor.role === "admin" || actor.role === "system") return true;
  if (!approver) return false;
  if (approver.kind === "role") return actor.role === approver.role;
  if (approver.kind === "teamManager") return actor.role === "manager" && actor.managesDealTeam === true;
  return approver.kind === "user" && actor.id === approver.userId;
}

export const REFUSALS = {
  notApprover: {
    kind: "notApprover",
    message: { zh: "您不是此审批的审批人。", en: "You are not the approver of this approval." },
  },
  closed: {
    kind: "closed",
    message: { zh: "商机已关闭,不能再推进。", en: "The deal is closed and cannot move on." },
  },
  unknownAction: (action: string): Refusal => ({
    kind: "unknownAction",
    message: {
      zh: `当前阶段没有「${action}」操作。`,
      en: `There is no action “${action}” in the current stage.`,
    },
  }),
} as const satisfies Record<string, Refusal | ((a: string) => Refusal)>;
