import { z } from "zod";

/**
 * Pipeline definition format, version 1: what the editor draws and the compiler
 * reads. Plain JSON; every id is chosen by the author (or the editor), never random
 * inside workflows/, so the same definition always compiles to the same machine.
 */

const Key = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9_]{0,63}$/, "keys start with a lower-case letter and use letters, digits or _");

/** A text shown to people, in both languages the product speaks. */
export const LocalizedText = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const FIELD_TYPES = [
  "text",
  "longText",
  "number",
  "currency",
  "date",
  "select",
  "multiSelect",
  "user",
  "boolean",
] as const;
export const FieldType = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldType>;

export const FieldOption = z.object({ value: Key, label: LocalizedText });

export const FieldDef = z.object({
  key: Key,
  name: LocalizedText,
  type: FieldType,
  options: z.array(FieldOption).optional(),
  requiredAtCreation: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** e.g. "url" for a text field that holds a link */
  format: z.enum(["url", "email", "phone"]).optional(),
});
export type FieldDef = z.infer<typeof FieldDef>;

export const COMPARISON_OPS = [
  "eq",
  "neq",
  "in",
  "notIn",
  "gt",
  "gte",
  "lt",
  "lte",
  "between",
  "isSet",
  "isEmpty",
  "contains",
  "withinDays",
] as const;
export const ComparisonOp = z.enum(COMPARISON_OPS);
export type ComparisonOp = z.infer<typeof ComparisonOp>;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { rule: string }
  | { field: string; op: ComparisonOp; value?: z.infer<typeof Scalar> | z.infer<typeof Scalar>[] };

/** A serialisable condition tree: all / any / not over field comparisons and named rules. */
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(Condition) }).strict(),
    z.object({ any: z.array(Condition) }).strict(),
    z.object({ not: Condition }).strict(),
    z.object({ rule: Key }).strict(),
    z.object({ field: Key, op: ComparisonOp, value: z.union([Scalar, z.array(Scalar)]).optional() }).strict(),
  ]),
);

export const NamedRule = z.object({ key: Key, name: LocalizedText, condition: Condition });
export type NamedRule = z.infer<typeof NamedRule>;

export const ScoringCriterion = z.object({
  id: Key,
  label: LocalizedText,
  when: Condition,
  points: z.number().int().min(0).max(100),
});

/** Weighted criteria → score 0–100 → priority A/B/C/D (A ≥ a, B ≥ b, C ≥ c, else D). */
export const ScoringRule = z.object({
  criteria: z.array(ScoringCriterion),
  thresholds: z.object({ a: z.number(), b: z.number(), c: z.number() }),
});
export type ScoringRule = z.infer<typeof ScoringRule>;

export const OwnerRule = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("keep") }),
  z.object({ kind: z.literal("teamManager") }),
  z.object({ kind: z.literal("user"), userId: z.string().min(1) }),
  z.object({ kind: z.literal("roundRobin"), teamKey: Key }),
  z.object({
    kind: z.literal("byField"),
    field: Key,
    teams: z.record(z.string(), Key),
    fallbackTeamKey: Key,
  }),
]);
export type OwnerRule = z.infer<typeof OwnerRule>;

export const TimeLimitConsequence = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("notifyOwner") }),
  z.object({ kind: z.literal("escalateToManager") }),
  z.object({ kind: z.literal("moveBy"), action: Key }),
]);

export const TimeLimit = z.object({
  days: z.number().positive().max(3650),
  then: z.array(TimeLimitConsequence),
});

export const ChecklistItem = z.object({ id: Key, label: LocalizedText });

export const StageData = z.object({
  kind: z.literal("stage"),
  key: Key,
  name: LocalizedText,
  outcome: z.enum(["open", "won", "lost"]),
  probability: z.number().min(0).max(100),
  /** Must be set to leave the stage forwards; closing it lost needs only the lost action's own fields. */
  requiredFields: z.array(Key).default([]),
  exitChecklist: z.array(ChecklistItem).default([]),
  guidance: LocalizedText.optional(),
  owner: OwnerRule.optional(),
  timeLimit: TimeLimit.optional(),
});

export const DecisionData = z.object({
  kind: z.literal("decision"),
  key: Key,
  name: LocalizedText,
});

export const Approver = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("role"), role: z.enum(["admin", "manager", "trainer", "rep"]) }),
  z.object({ kind: z.literal("teamManager") }),
  z.object({ kind: z.literal("user"), userId: z.string().min(1) }),
]);

export type Approver = z.infer<typeof Approver>;

export const ApprovalData = z.object({
  kind: z.literal("approval"),
  key: Key,
  name: LocalizedText,
  approver: Approver.optional(),
  notifyApprover: z.boolean().default(true),
});

export const NodeData = z.discriminatedUnion("kind", [StageData, DecisionData, ApprovalData]);
export type NodeData = z.infer<typeof NodeData>;
export type NodeKind = NodeData["kind"];

export const Position = z.object({ x: z.number(), y: z.number() });

export const PipelineNode = z.object({ id: z.string().min(1), position: Position, data: NodeData });
export type PipelineNode = z.infer<typeof PipelineNode>;

export const Effect = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("setField"), field: Key, value: Scalar.nullable() }),
  z.object({ kind: z.literal("assignOwner"), rule: OwnerRule }),
  z.object({
    kind: z.literal("notify"),
    to: z.enum(["owner", "teamManager"]),
    /**
     * Added after v1 shipped, optional so older definitions still parse unchanged: notify only
     * when this holds as the edge fires (e.g. "tell the manager when a deal of ≥ 1,000,000
     * enters negotiation"), without splitting the edge into conditional twins.
     */
    when: Condition.optional(),
  }),
]);
export type Effect = z.infer<typeof Effect>;

export const PipelineEdge = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  target: z.string().min(1),
  /** The action a rep sees. Edges out of a decision or an approval have none: they fire on their own. */
  action: z.object({ key: Key, name: LocalizedText }).optional(),
  condition: Condition.optional(),
  /** For edges out of decisions ("default") and approvals ("approve" / "reject"). */
  branch: z.enum(["default", "approve", "reject"]).optional(),
  effects: z.array(Effect).default([]),
  /**
   * Fields the action needs before it can fire, e.g. lostReason for "Close lost" or finalAmount
   * for "Close won": the entry criteria of the target, asked for in the action's form. They add to
   * the source stage's requiredFields, which gate leaving the stage forwards (an action into a
   * lost stage needs only its own). Added after v1 shipped; optional, and left out rather than
   * defaulted, so older definitions parse, and hash, exactly as before.
   */
  requiredFields: z.array(Key).optional(),
});
export type PipelineEdge = z.infer<typeof PipelineEdge>;

export const PipelineDefinition = z.object({
  schemaVersion: z.literal(1),
  name: LocalizedText,
  initialNodeId: z.string().min(1).optional(),
  fields: z.array(FieldDef),
  rules: z.array(NamedRule).default([]),
  scoring: ScoringRule.optional(),
  /** Who owns a deal that arrives without one (import, API). */
  assignment: OwnerRule.optional(),
  nodes: z.array(PipelineNode),
  edges: z.array(PipelineEdge),
});
export type PipelineDefinition = z.infer<typeof PipelineDefinition>;
export type PipelineDefinitionInput = z.input<typeof PipelineDefinition>;
