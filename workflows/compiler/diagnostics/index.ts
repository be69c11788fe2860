import type { Diagnostic } from "@/workflows/machine/format";
import type { CompileContext } from "../context";
import { actionOverlaps } from "./action-overlap";
import { approvalBranchProblems, approvalsWithoutApprover } from "./approvals";
import { conditionProblems } from "./conditions";
import { automaticLoops, decisionsWithoutDefault, decisionsWithSeveralDefaults } from "./decisions";
import { ownerFieldProblems, setFieldProblems, unknownRequiredFields } from "./fields";
import { deadEnds, noPathToClose, unreachableNodes } from "./reachability";
import { shadowedBranches } from "./shadowed-branches";
import { danglingEdges, duplicateKeys, edgesOutOfFinal, missingActions } from "./structure";
import { timeLimitsOnClosedStages, unknownTimeLimitActions } from "./time-limits";

export { checkImplementations } from "./implementations";

/** A check over a parsed definition (the start already found). */
export type DefinitionCheck = (ctx: CompileContext) => Diagnostic[];

/**
 * Problems that make a machine meaningless or unsafe: no machine is emitted when one of these is
 * found. States would collide (duplicate keys), targets would be missing (dangling edges), or
 * XState would pass a deal round a loop of decisions forever, inside one transition.
 */
export const BLOCKING_CHECKS: readonly DefinitionCheck[] = [duplicateKeys, danglingEdges, automaticLoops];

/** Every other check of a definition; the machine is still emitted so the editor can show it. */
export const DEFINITION_CHECKS: readonly DefinitionCheck[] = [
  edgesOutOfFinal,
  missingActions,
  unreachableNodes,
  deadEnds,
  noPathToClose,
  actionOverlaps,
  decisionsWithoutDefault,
  decisionsWithSeveralDefaults,
  shadowedBranches,
  approvalsWithoutApprover,
  approvalBranchProblems,
  conditionProblems,
  unknownRequiredFields,
  setFieldProblems,
  ownerFieldProblems,
  unknownTimeLimitActions,
  timeLimitsOnClosedStages,
];
