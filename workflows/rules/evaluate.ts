import type {
  ComparisonOp,
  Condition,
  FieldDef,
  LocalizedText,
  NamedRule,
} from "@/workflows/definition/schema";
import { isKnownOperator, OPERATORS } from "./operators";
import { fieldValue, type DealValue, type DealValues } from "./values";

/*
 * The condition interpreter: walks the tree, evaluating every branch (no short-circuit) so the
 * explanation shows each criterion, not just the first that failed.
 */

/** Everything a condition may read: the declared fields and rules, the deal's values and the time. */
export type EvalContext = { fields: FieldDef[]; rules: NamedRule[]; values: DealValues; now: Date };

/** A comparison's condition value, as written in the definition. */
export type ConditionValue = Comparison["value"];

/** A leaf of a condition: a field compared with a value. */
export type Comparison = Extract<Condition, { field: string }>;

/** Why a node failed without comparing anything. */
export type EvalProblem = "unknownField" | "unknownRule" | "ruleCycle";

/** One node of the evaluated tree; it mirrors the condition and records what was compared. */
export type ExplainNode = {
  kind: "all" | "any" | "not" | "rule" | "compare";
  pass: boolean;
  children?: ExplainNode[];
  ruleKey?: string;
  ruleName?: LocalizedText;
  field?: string;
  op?: ComparisonOp;
  /** The condition's value, as written in the definition. */
  expected?: ConditionValue;
  /** The deal's value of the field when the condition was evaluated. */
  actual?: DealValue;
  problem?: EvalProblem;
};

/** Whether a condition holds, and the evaluated tree that says why. */
export type Outcome = { pass: boolean; node: ExplainNode };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

function group(kind: "all" | "any", conditions: unknown, ctx: EvalContext, stack: string[]): ExplainNode {
  const children = (Array.isArray(conditions) ? conditions : []).map((c: Condition) => walk(c, ctx, stack));
  const pass = kind === "all" ? children.every((c) => c.pass) : children.some((c) => c.pass);
  return { kind, pass, children };
}

function walkRule(ruleKey: string, ctx: EvalContext, stack: string[]): ExplainNode {
  const rule = ctx.rules.find((r) => r.key === ruleKey);
  if (!rule) return { kind: "rule", pass: false, ruleKey, problem: "unknownRule" };
  const base = { kind: "rule" as const, ruleKey, ruleName: rule.name };
  // A rule already being evaluated further up refers to itself: fail instead of recursing forever.
  if (stack.includes(ruleKey)) return { ...base, pass: false, problem: "ruleCycle" };
  const inner = walk(rule.condition, ctx, [...stack, ruleKey]);
  return { ...base, pass: inner.pass, children: [inner] };
}

function compare(condition: Comparison, ctx: EvalContext): ExplainNode {
  const node: ExplainNode = {
    kind: "compare",
    pass: false,
    field: condition.field,
    op: condition.op,
    expected: condition.value,
  };
  // An undeclared key never reaches `values`: rules read only what the process declares.
  const field = ctx.fields.find((f) => f.key === condition.field);
  if (!field) return { ...node, problem: "unknownField" };
  const actual = fieldValue(ctx.values, field.key);
  const pass =
    isKnownOperator(condition.op) && OPERATORS[condition.op](actual, condition.value, field, ctx.now);
  return { ...node, actual, pass };
}

function walk(condition: Condition, ctx: EvalContext, stack: string[]): ExplainNode {
  if (!isObject(condition)) return { kind: "compare", pass: false, problem: "unknownField" };
  if ("all" in condition) return group("all", condition.all, ctx, stack);
  if ("any" in condition) return group("any", condition.any, ctx, stack);
  if ("not" in condition) {
    const inner = walk(condition.not, ctx, stack);
    return { kind: "not", pass: !inner.pass, children: [inner] };
  }
  if ("rule" in condition) return walkRule(condition.rule, ctx, stack);
  return compare(condition, ctx);
}

/**
 * Evaluates a condition against a deal. `all: []` holds and `any: []` does not; an unknown
 * field, an unknown rule or a rule that refers back to itself fails. Never throws on a
 * well-formed condition, whatever the values hold.
 */
export function evaluateCondition(condition: Condition, ctx: EvalContext): Outcome {
  const node = walk(condition, ctx, []);
  return { pass: node.pass, node };
}
