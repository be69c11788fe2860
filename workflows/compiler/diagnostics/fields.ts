import type { Effect, FieldDef, FieldType, LocalizedText, OwnerRule } from "@/workflows/definition/schema";
import type { Diagnostic } from "@/workflows/machine/format";
import type { CompileContext } from "../context";
import { error, text, type Where } from "../diagnostic";
import { cap, edgeLabel, nodeLabel } from "../labels";
import { isStage } from "../predicates";

type SetField = Extract<Effect, { kind: "setField" }>;

const FIELD_TYPE_NAMES: Record<FieldType, LocalizedText> = {
  text: text("文本", "text"),
  longText: text("长文本", "long text"),
  number: text("数字", "number"),
  currency: text("金额", "amount"),
  date: text("日期", "date"),
  select: text("单选", "choice"),
  multiSelect: text("多选", "multiple choice"),
  user: text("用户", "user"),
  boolean: text("是/否", "yes/no"),
};

/** Which values a field of each type can be set to (null always clears it). */
const ACCEPTS: Record<FieldType, (value: string | number | boolean, field: FieldDef) => boolean> = {
  text: (v) => typeof v === "string",
  longText: (v) => typeof v === "string",
  number: (v) => typeof v === "number",
  currency: (v) => typeof v === "number",
  date: (v) => typeof v === "string",
  select: (v, f) => typeof v === "string" && (f.options ?? []).some((o) => o.value === v),
  multiSelect: (v, f) => typeof v === "string" && (f.options ?? []).some((o) => o.value === v),
  user: (v) => typeof v === "string",
  boolean: (v) => typeof v === "boolean",
};

const unknownField = (owner: LocalizedText, key: string, where: Where) =>
  error(
    "unknownRequiredField",
    text(
      `${owner.zh}要求填写字段「${key}」,但没有这个字段。`,
      `${cap(owner).en} requires the field “${key}”, which doesn't exist.`,
    ),
    where,
  );

/** Required fields (of stages and of actions) that are not fields of the process. */
export function unknownRequiredFields(ctx: CompileContext): Diagnostic[] {
  const missing = (keys: readonly string[]) => keys.filter((k) => !ctx.fieldsByKey.has(k));
  return [
    ...ctx.definition.nodes
      .filter(isStage)
      .flatMap((stage) =>
        missing(stage.data.requiredFields).map((key) =>
          unknownField(nodeLabel(stage), key, { nodeId: stage.id }),
        ),
      ),
    ...ctx.definition.edges.flatMap((edge) =>
      missing(edge.requiredFields ?? []).map((key) =>
        unknownField(edgeLabel(ctx, edge), key, { edgeId: edge.id }),
      ),
    ),
  ];
}

/** A setField effect naming no field (unknownRequiredField) or a value the field can't hold (typeMismatch). */
function setFieldProblem(ctx: CompileContext, effect: SetField, owner: LocalizedText, where: Where) {
  const field = ctx.fieldsByKey.get(effect.field);
  if (!field)
    return error(
      "unknownRequiredField",
      text(
        `${owner.zh}要设置字段「${effect.field}」,但没有这个字段。`,
        `${cap(owner).en} sets the field “${effect.field}”, which doesn't exist.`,
      ),
      where,
    );
  if (effect.value === null || ACCEPTS[field.type](effect.value, field)) return null;
  const value = JSON.stringify(effect.value);
  const type = FIELD_TYPE_NAMES[field.type];
  return error(
    "typeMismatch",
    text(
      `${owner.zh}把字段「${field.name.zh}」设为 ${value},但它是${type.zh}字段。`,
      `${cap(owner).en} sets “${field.name.en}” to ${value}, which a ${type.en} field can't hold.`,
    ),
    where,
  );
}

/** setField effects on every edge. */
export const setFieldProblems = (ctx: CompileContext): Diagnostic[] =>
  ctx.definition.edges.flatMap((edge) =>
    edge.effects.flatMap((effect) =>
      effect.kind === "setField"
        ? (setFieldProblem(ctx, effect, edgeLabel(ctx, edge), { edgeId: edge.id }) ?? [])
        : [],
    ),
  );

/** An owner rule that picks the team by a field the process does not have. */
function ownerFieldProblem(
  ctx: CompileContext,
  rule: OwnerRule | undefined,
  owner: LocalizedText,
  where: Where,
) {
  if (rule?.kind !== "byField" || ctx.fieldsByKey.has(rule.field)) return [];
  return [
    error(
      "unknownField",
      text(
        `${owner.zh}按字段「${rule.field}」分配负责人,但没有这个字段。`,
        `${cap(owner).en} assigns the owner by the field “${rule.field}”, which doesn't exist.`,
      ),
      where,
    ),
  ];
}

/** Owner rules (of the process, of stages, of assignOwner effects) reading unknown fields. */
export const ownerFieldProblems = (ctx: CompileContext): Diagnostic[] => [
  ...ownerFieldProblem(ctx, ctx.definition.assignment, text("负责人分配规则", "the assignment rule"), {}),
  ...ctx.definition.nodes
    .filter(isStage)
    .flatMap((stage) => ownerFieldProblem(ctx, stage.data.owner, nodeLabel(stage), { nodeId: stage.id })),
  ...ctx.definition.edges.flatMap((edge) =>
    edge.effects.flatMap((effect) =>
      effect.kind === "assignOwner"
        ? ownerFieldProblem(ctx, effect.rule, edgeLabel(ctx, edge), { edgeId: edge.id })
        : [],
    ),
  ),
];
