import type { Condition, FieldDef } from "@/workflows/definition/schema";
import * as N from "./number-set";

/**
 * When a condition holds, for a condition that only reads one number field: the set of values
 * it accepts, and whether it holds while the field is empty. As in the rules evaluator, a
 * comparison with an empty field fails, except `isEmpty` and the negations `neq` and `notIn`.
 * Anything else (named rules, other field types, several fields) is not analysed: null.
 */
export type ConditionSet = { field: string; numbers: N.NumberSet; whenEmpty: boolean };

type Comparison = Extract<Condition, { field: string }>;

/** Operators that hold while the field is empty. */
const HOLD_WHEN_EMPTY: ReadonlySet<Comparison["op"]> = new Set(["isEmpty", "neq", "notIn"]);

const NUMBER_TYPES: ReadonlySet<FieldDef["type"]> = new Set(["number", "currency"]);

const numbersIn = (value: Comparison["value"]): number[] | null => {
  const list = Array.isArray(value) ? value : [value];
  return list.every((v): v is number => typeof v === "number") ? list : null;
};

/** The accepted values of one comparison with a number (or null when it isn't one we read). */
function comparisonNumbers(c: Comparison): N.NumberSet | null {
  if (c.op === "isSet") return N.ALL;
  if (c.op === "isEmpty") return N.EMPTY;
  const values = numbersIn(c.value);
  if (!values || values.length === 0) return null;
  const [v] = values;
  if (v === undefined) return null;
  const single = !Array.isArray(c.value);
  const points = () => values.reduce((set, x) => N.union(set, N.closed(x, x)), N.EMPTY);
  switch (c.op) {
    case "eq":
      return single ? N.closed(v, v) : null;
    case "neq":
      return single ? N.complement(N.closed(v, v)) : null;
    case "gt":
      return single ? N.above(v, false) : null;
    case "gte":
      return single ? N.above(v, true) : null;
    case "lt":
      return single ? N.below(v, false) : null;
    case "lte":
      return single ? N.below(v, true) : null;
    case "between": {
      const [a, b] = values;
      return values.length === 2 && a !== undefined && b !== undefined
        ? N.closed(Math.min(a, b), Math.max(a, b))
        : null;
    }
    case "in":
      return points();
    case "notIn":
      return N.complement(points());
    case "contains":
    case "withinDays":
      return null;
  }
}

const combine = (
  parts: (ConditionSet | null)[],
  numbers: (a: N.NumberSet, b: N.NumberSet) => N.NumberSet,
  empty: (a: boolean, b: boolean) => boolean,
): ConditionSet | null => {
  const [first, ...rest] = parts;
  if (!first) return null;
  let acc: ConditionSet = first;
  for (const part of rest) {
    if (!part || part.field !== acc.field) return null;
    acc = {
      field: acc.field,
      numbers: numbers(acc.numbers, part.numbers),
      whenEmpty: empty(acc.whenEmpty, part.whenEmpty),
    };
  }
  return acc;
};

/** When `condition` holds, if it reads a single number field; null when it can't be read that way. */
export function conditionSet(
  condition: Condition,
  fields: ReadonlyMap<string, FieldDef>,
): ConditionSet | null {
  if ("all" in condition)
    return combine(
      condition.all.map((c) => conditionSet(c, fields)),
      N.intersect,
      (a, b) => a && b,
    );
  if ("any" in condition)
    return combine(
      condition.any.map((c) => conditionSet(c, fields)),
      N.union,
      (a, b) => a || b,
    );
  if ("not" in condition) {
    const inner = conditionSet(condition.not, fields);
    return inner && { field: inner.field, numbers: N.complement(inner.numbers), whenEmpty: !inner.whenEmpty };
  }
  if ("rule" in condition) return null;
  const field = fields.get(condition.field);
  if (!field || !NUMBER_TYPES.has(field.type)) return null;
  const numbers = comparisonNumbers(condition);
  return numbers && { field: condition.field, numbers, whenEmpty: HOLD_WHEN_EMPTY.has(condition.op) };
}
