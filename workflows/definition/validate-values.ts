import type { FieldDef, FieldType, LocalizedText } from "./schema";

type Value = string | number | boolean | string[] | null | undefined;
export type ValueIssue = { field: string; message: LocalizedText };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Money is kept to the cent below this (a deal's amount column is numeric(16,2)). */
export const MAX_AMOUNT = 1e14;

/** Whether a value fits a field of this type (null always fits: it clears the field). */
const FITS: Record<FieldType, (v: Exclude<Value, null | undefined>, f: FieldDef) => boolean> = {
  text: (v) => typeof v === "string",
  longText: (v) => typeof v === "string",
  user: (v) => typeof v === "string",
  number: (v, f) =>
    typeof v === "number" && (f.min === undefined || v >= f.min) && (f.max === undefined || v <= f.max),
  currency: (v) => typeof v === "number" && v >= 0 && Math.round(v * 100) / 100 < MAX_AMOUNT,
  date: (v) => typeof v === "string" && DATE.test(v) && !Number.isNaN(Date.parse(v)),
  boolean: (v) => typeof v === "boolean",
  select: (v, f) => typeof v === "string" && (f.options ?? []).some((o) => o.value === v),
  multiSelect: (v, f) => Array.isArray(v) && v.every((x) => (f.options ?? []).some((o) => o.value === x)),
};

/**
 * Checks values entered for a deal against the pipeline's fields: every key must be a
 * declared field and every value must fit its type. Returns one issue per bad field.
 */
export function validateValues(fields: FieldDef[], values: Record<string, Value>): ValueIssue[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const issues: ValueIssue[] = [];
  for (const [key, value] of Object.entries(values)) {
    const field = byKey.get(key);
    if (!field) {
      issues.push({ field: key, message: { zh: `没有字段「${key}」`, en: `There is no field “${key}”` } });
    } else if (
      field.type === "currency" &&
      typeof value === "number" &&
      Math.round(value * 100) / 100 >= MAX_AMOUNT
    ) {
      issues.push({
        field: key,
        message: {
          zh: `「${field.name.zh}」不能超过 99,999,999,999,999.99`,
          en: `“${field.name.en}” cannot be more than 99,999,999,999,999.99`,
        },
      });
    } else if (value !== null && value !== undefined && !FITS[field.type](value, field)) {
      issues.push({
        field: key,
        message: {
          zh: `「${field.name.zh}」的值不符合字段类型`,
          en: `The value of “${field.name.en}” does not fit the field`,
        },
      });
    }
  }
  return issues;
}
