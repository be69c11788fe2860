import type { Approver, Condition, Effect, LocalizedText, OwnerRule } from "@/workflows/definition/schema";

/**
 * The compiled machine: a plain-JSON XState v5 machine config. It names its
 * implementations (guards, actions, delays) with JSON params; the runtime's registry
 * (`workflows/runtime/registry.ts`) holds one implementation per name, and the
 * compiler refuses to emit a name the registry lacks. States are keyed by the
 * node's `data.key` (what deals store as their stage), never by random ids.
 */

/** Every guard name the compiler may emit. */
export const GUARD_NAMES = ["edgeAllowed", "rule"] as const;
export type GuardName = (typeof GUARD_NAMES)[number];

/** Every action name the compiler may emit (besides XState's own). */
export const ACTION_NAMES = [
  "applyEffect",
  "requestApproval",
  "notifyOwner",
  "escalateToManager",
  "timeLimitMove",
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

/** Guards with their params. */
export type CompiledGuard =
  /**
   * An action's edge: every field in `requiredFields` is set, every item of the source
   * stage's exit checklist in `checklist` is ticked, and `condition` (if any) holds.
   */
  | {
      type: "edgeAllowed";
      params: { edgeId: string; requiredFields: string[]; checklist?: string[]; condition?: Condition };
    }
  /** A decision branch. */
  | { type: "rule"; params: { edgeId: string; condition: Condition } };

/** Actions with their params. */
export type CompiledAction =
  | { type: "applyEffect"; params: { edgeId: string; effect: Effect } }
  | { type: "requestApproval"; params: { node: string; approver: Approver | null; notify: boolean } }
  | { type: "notifyOwner"; params: { stage: string; reason: "timeLimit" } }
  | { type: "escalateToManager"; params: { stage: string; reason: "timeLimit" } }
  /** The shell then runs `action` through the same path as a rep (actor: the system). */
  | { type: "timeLimitMove"; params: { stage: string; action: string } };

export type CompiledTransition = {
  target?: string;
  guard?: CompiledGuard;
  actions?: CompiledAction[];
  /** Where the transition came from in the definition, for explanations and diagnostics. */
  meta?: { edgeId?: string; branch?: "default" | "approve" | "reject" };
};

export type StageMeta = {
  nodeId: string;
  kind: "stage";
  outcome: "open" | "won" | "lost";
  name: LocalizedText;
  probability: number;
  requiredFields: string[];
  /** The exit checklist (评判标准): ticked by the rep, required to leave forwards. */
  exitChecklist?: { id: string; label: LocalizedText }[];
  owner?: OwnerRule;
  /** Delay name (a key of CompileResult.delays) when the stage has a time limit. */
  timeLimitDelay?: string;
};
export type DecisionMeta = { nodeId: string; kind: "decision"; name: LocalizedText };
export type ApprovalMeta = {
  nodeId: string;
  kind: "approval";
  name: LocalizedText;
  approver: Approver | null;
};

export type CompiledState = {
  type?: "final";
  tags: string[];
  meta: StageMeta | DecisionMeta | ApprovalMeta;
  entry?: CompiledAction[];
  /** Action key → candidate transitions, first passing guard wins. Approvals: "approve" / "reject". */
  on?: Record<string, CompiledTransition[]>;
  /** Decisions: guarded branches, the default last without a guard. */
  always?: CompiledTransition[];
  /** Stage time limits: delay name → what happens when it passes. */
  after?: Record<string, CompiledTransition[]>;
};

export type CompiledMachine = {
  id: "pipeline";
  initial: string;
  states: Record<string, CompiledState>;
};

export type DiagnosticCode =
  | "invalidDefinition"
  | "noStart"
  | "unreachable"
  | "deadEnd"
  | "noPathToClose"
  | "ambiguousAction"
  | "actionGap"
  | "decisionWithoutDefault"
  | "decisionMultipleDefaults"
  | "shadowedBranch"
  | "automaticLoop"
  | "unknownField"
  | "typeMismatch"
  | "unknownRule"
  | "unknownRequiredField"
  | "approvalWithoutApprover"
  | "approvalBranches"
  | "unknownTimeLimitAction"
  | "unknownImplementation"
  | "duplicateKey"
  | "danglingEdge"
  | "edgeOutOfFinal"
  | "missingAction";

export type Diagnostic = {
  code: DiagnosticCode;
  severity: "error" | "warning";
  nodeId?: string;
  edgeId?: string;
  message: LocalizedText;
};

export type CompileResult = {
  /** Null when the definition has errors that make a machine meaningless. */
  machine: CompiledMachine | null;
  /** Named delays (ms) the machine's `after` keys refer to. */
  delays: Record<string, number>;
  diagnostics: Diagnostic[];
  /** sha-256 (hex) of the canonical JSON of { machine, delays }: same behaviour, same hash. */
  hash: string;
};
