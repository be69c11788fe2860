import type { ComparisonOp, FieldDef, FieldType } from "@/workflows/definition/schema";
import { dayOf, isSet, toDay, toNumber, toOptionList, toScalar, toText } from "./values";

/*
 * One function per comparison operator. The table is a Record over ComparisonOp, so adding an
 * operator to the schema does not compile until it is given meaning here. Every operator takes
 * `unknown` on both sides and answers false for values it cannot compare.
 */

/** Compares a field's current value with the condition's value; `now` is the caller's clock. */
export type Operator = (actual: unknown, expected: unknown, field: FieldDef, now: Date) => boolean;

/** Field types with an order: numbers, currency and dates. */
export const ORDERED_TYPES: ReadonlySet<FieldType> = new Set(["number", "currency", "date"]);

/** Field types that hold free text, searched case-insensitively by `contains`. */
export const TEXT_TYPES: ReadonlySet<FieldType> = new Set(["text", "longText"]);

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

function sameOptions(actual: unknown, expected: unknown): boolean {
  const have = toOptionList(actual);
  const want = toOptionList(expected);
  if (have === null || want === null) return false;
  const a = new Set(have);
  const b = new Set(want);
  return a.size === b.size && [...a].every((v) => b.has(v));
}

/** eq: same number, same day, same boolean or same string; a multi-select compares as a set. */
function same(field: FieldDef, actual: unknown, expected: unknown): boolean {
  if (field.type === "multiSelect") return sameOptions(actual, expected);
  const a = toScalar(field, actual);
  return a !== null && a === toScalar(field, expected);
}

/** in: equal to one of the listed values; a multi-select needs any overlap. */
function oneOf(field: FieldDef, actual: unknown, expected: unknown): boolean {
  const list = asList(expected);
  if (field.type === "multiSelect") {
    return (toOptionList(actual) ?? []).some((option) => list.includes(option));
  }
  return list.some((value) => same(field, actual, value));
}

/** Sign of actual − expected for ordered fields; null when either side is not comparable. */
function order(field: FieldDef, actual: unknown, expected: unknown): number | null {
  if (!ORDERED_TYPES.has(field.type)) return null;
  const a = toScalar(field, actual);
  const e = toScalar(field, expected);
  return typeof a === "number" && typeof e === "number" ? Math.sign(a - e) : null;
}

const ordered =
  (test: (sign: number) => boolean): Operator =>
  (actual, expected, field) => {
    const sign = order(field, actual, expected);
    return sign !== null && test(sign);
  };

function between(actual: unknown, expected: unknown, field: FieldDef): boolean {
  if (!Array.isArray(expected) || expected.length !== 2) return false;
  const low = order(field, actual, expected[0]);
  const high = order(field, actual, expected[1]);
  return low !== null && high !== null && low >= 0 && high <= 0;
}

function contains(actual: unknown, expected: unknown, field: FieldDef): boolean {
  if (typeof expected !== "string") return false;
  if (field.type === "multiSelect") return (toOptionList(actual) ?? []).includes(expected);
  if (!TEXT_TYPES.has(field.type)) return false;
  const text = toText(actual);
  return text !== null && text.toLowerCase().includes(expected.toLowerCase());
}

/** Set, and from today up to today + N days inclusive, by UTC calendar day; past dates are not within. */
function withinDays(actual: unknown, expected: unknown, field: FieldDef, now: Date): boolean {
  if (field.type !== "date") return false;
  const day = toDay(actual);
  const days = toNumber(expected);
  if (day === null || days === null) return false;
  const today = dayOf(now);
  return day >= today && day <= today + days;
}

/** The meaning of every comparison operator. neq and notIn are the exact negations of eq and in. */
export const OPERATORS: Record<ComparisonOp, Operator> = {
  eq: (actual, expected, field) => same(field, actual, expected),
  neq: (actual, expected, field) => !same(field, actual, expected),
  in: (actual, expected, field) => oneOf(field, actual, expected),
  notIn: (actual, expected, field) => !oneOf(field, actual, expected),
  gt: ordered((sign) => sign > 0),
  gte: ordered((sign) => sign >= 0),
  lt: ordered((sign) => sign < 0),
  lte: ordered((sign) => sign <= 0),
  between,
  isSet: (actual) => isSet(actual),
  isEmpty: (actual) => !isSet(actual),
  contains,
  withinDays,
};

/** Whether `op` is an operator this engine knows (a stored definition may be older or newer). */
export function isKnownOperator(op: unknown): op is ComparisonOp {
  return typeof op === "string" && Object.hasOwn(OPERATORS, op);
}
