import type { ComparisonOp, Condition, FieldDef, FieldType } from "@/workflows/definition/schema";
import { OPS_BY_TYPE } from "@/workflows/rules/check-comparison";
import { toDay } from "@/workflows/rules/values";

/*
 * Which comparisons the rule builder offers for a field, and what value control each one needs.
 * The offered lists are a friendly subset of what the checker accepts (OPS_BY_TYPE): an operator
 * already written in a definition stays selectable even when it is not in the subset.
 */

/** A comparison row of a condition tree. */
export type Comparison = Extract<Condition, { field: string }>;

/** The operators offered first for each field type, in the order the picker lists them. */
export const OFFERED_OPS: Record<FieldType, readonly ComparisonOp[]> = {
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "isSet", "isEmpty"],
  currency: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "isSet", "isEmpty"],
  date: ["withinDays", "lt", "gt", "between", "eq", "isSet", "isEmpty"],
  select: ["eq", "neq", "in", "notIn", "isSet", "isEmpty"],
  multiSelect: ["contains", "in", "eq", "isSet", "isEmpty"],
  boolean: ["eq", "isSet", "isEmpty"],
  text: ["eq", "contains", "isSet", "isEmpty"],
  longText: ["contains", "isSet", "isEmpty"],
  user: ["eq", "in", "isSet", "isEmpty"],
};

/** The operators the picker shows for a field; `current` is kept when the checker accepts it. */
export function opsForField(field: FieldDef, current?: ComparisonOp): ComparisonOp[] {
  const offered = [...OFFERED_OPS[field.type]];
  if (current && !offered.includes(current) && OPS_BY_TYPE[field.type].includes(current))
    offered.push(current);
  return offered;
}

/** The control a comparison's value is entered with. */
export type ValueKind =
  | "none"
  | "number"
  | "numberRange"
  | "date"
  | "dateRange"
  | "days"
  | "text"
  | "boolean"
  | "texts"
  | "option"
  | "options"
  | "user"
  | "users";

const SINGLE: Record<FieldType, ValueKind> = {
  number: "number",
  currency: "number",
  date: "date",
  select: "option",
  multiSelect: "option",
  boolean: "boolean",
  text: "text",
  longText: "text",
  user: "user",
};

const MANY: Partial<Record<ValueKind, ValueKind>> = { option: "options", user: "users", text: "texts" };

/** What a comparison of this field with this operator needs as its value. */
export function valueKind(field: FieldDef, op: ComparisonOp): ValueKind {
  const single = SINGLE[field.type];
  switch (op) {
    case "isSet":
    case "isEmpty":
      return "none";
    case "withinDays":
      return "days";
    case "between":
      return single === "date" ? "dateRange" : "numberRange";
    case "in":
    case "notIn":
      return MANY[single] ?? single;
    case "eq":
    case "neq":
      return field.type === "multiSelect" ? "options" : single;
    default:
      return single;
  }
}

type Value = Comparison["value"];
type Scalar = string | number | boolean;

const isScalar = (v: unknown): v is Scalar =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** One value as this kind of control holds it, or undefined when it cannot be carried over. */
function scalarFor(kind: ValueKind, v: unknown, field: FieldDef): Scalar | undefined {
  switch (kind) {
    case "number":
    case "numberRange":
      return typeof v === "number" && Number.isFinite(v) ? v : undefined;
    case "days":
      return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;
    case "date":
    case "dateRange":
      return typeof v === "string" && toDay(v) !== null ? v.slice(0, 10) : undefined;
    case "boolean":
      return typeof v === "boolean" ? v : undefined;
    case "option":
    case "options":
      return typeof v === "string" && (field.options ?? []).some((o) => o.value === v) ? v : undefined;
    default:
      return typeof v === "string" ? v : undefined;
  }
}

/**
 * The value a comparison keeps when its field or operator changes: what still fits the new
 * control is carried over (a lone option becomes a list of one and back), the rest is dropped.
 */
export function coerceValue(field: FieldDef, op: ComparisonOp, value: Value): Value {
  const kind = valueKind(field, op);
  const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]) as unknown[];
  const kept = list.map((v) => scalarFor(kind, v, field)).filter((v): v is Scalar => v !== undefined);
  switch (kind) {
    case "none":
      return undefined;
    case "options":
    case "users":
    case "texts":
      return kept.length ? kept : undefined;
    case "numberRange":
    case "dateRange":
      return Array.isArray(value) && value.length === 2 && kept.length === 2 ? kept : undefined;
    default:
      return isScalar(value) || (Array.isArray(value) && value.length > 0) ? kept[0] : undefined;
  }
}

/** A new comparison on a field: its first offered operator and an empty value. */
export function newComparison(field: FieldDef | undefined): Comparison {
  if (!field) return { field: "", op: "eq" };
  const op = OFFERED_OPS[field.type][0] ?? "eq";
  return field.type === "boolean" ? { field: field.key, op, value: true } : { field: field.key, op };
}

/**
 * The comparison with another field picked (`from` is the field it had): the operator and the
 * value are kept where they still fit; a value of another kind of field (an amount moved to a
 * date) is dropped rather than reread.
 */
export function withField(row: Comparison, from: FieldDef | undefined, field: FieldDef): Comparison {
  if (!from) return newComparison(field);
  const op = opsForField(field).includes(row.op) ? row.op : (OFFERED_OPS[field.type][0] ?? "eq");
  const sameKind = SINGLE[from.type] === SINGLE[field.type];
  return withValue({ field: field.key, op }, sameKind ? coerceValue(field, op, row.value) : undefined);
}

/** The comparison with another operator picked. */
export function withOp(row: Comparison, field: FieldDef, op: ComparisonOp): Comparison {
  return withValue({ field: row.field, op }, coerceValue(field, op, row.value));
}

/** A comparison with its value set; an undefined value leaves the key out (the schema is strict). */
export function withValue(row: Comparison, value: Value): Comparison {
  const { value: _old, ...rest } = row;
  return value === undefined ? rest : { ...rest, value };
}

/** The text of a number input as a value: blank or unparsable → undefined. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}
