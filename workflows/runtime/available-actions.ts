import type { ApprovalMeta } from "@/workflows/machine/format";
import type { DealValues } from "@/workflows/rules";
import type { Program } from "./program";
import { checkCandidates, mayApprove, REFUSALS } from "./refusals";
import type { Actor, AvailableAction } from "./types";

const APPROVAL_NAMES = {
  approve: { zh: "批准", en: "Approve" },
  reject: { zh: "驳回", en: "Reject" },
} as const;

/**
 * Every action of the deal's current stage, enabled or not, with the reasons and the
 * fields still missing: what the rep's form shows as buttons.
 */
export function availableActions(
  program: Program,
  input: { stage: string; values: DealValues; actor: Actor; now: Date; checked?: string[] },
): AvailableAction[] {
  const state = program.compiled.machine.states[input.stage];
  if (!state || state.type === "final") return [];
  return Object.entries(state.on ?? {}).map(([key, candidates]) => {
    const edge = candidates.map((c) => program.edgesById.get(c.meta?.edgeId ?? "")).find(Boolean);
    const name =
      edge?.action?.name ??
      (key === "approve" || key === "reject" ? APPROVAL_NAMES[key] : { zh: key, en: key });
    const targets = [...new Set(candidates.map((c) => c.target).filter((t): t is string => Boolean(t)))];
    if (state.meta.kind === "approval" && !mayApprove((state.meta as ApprovalMeta).approver, input.actor)) {
      return {
        key,
        name,
        enabled: false,
        reasons: [REFUSALS.notApprover],
        missingFields: [],
        missingChecklist: [],
        targets,
      };
    }
    const check = checkCandidates(program, candidates, input.values, input.now, input.checked);
    return {
      key,
      name,
      enabled: check.passes,
      reasons: check.reasons,
      missingFields: check.missingFields,
      missingChecklist: check.missingChecklist,
      targets,
    };
  });
}
