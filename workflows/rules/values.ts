import type { FieldDef } from "@/workflows/definition/schema";

/*
 * Deal values as the rules read them. Values arrive from forms, imports and the database, so
 * every reader takes `unknown` and answers null for anything it cannot use: a rule on a
 * malformed value fails, it never throws.
 */

/** One field's stored value: dates are ISO strings, currency and numbers are numbers. */
export type DealValue = string | number | boolean | string[] | null | undefined;

/** A deal's field values by field key. */
export type DealValues = Record<string, DealValue>;

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * Whether a value counts as filled in: null, undefined, NaN, blank strings and empty lists are
 * empty; `false` and `0` are set (a rep who answered "no" has answered).
 */
export function isSet(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (typeof value === "number") return !Number.isNaN(value);
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The value of a declared field; only own properties are read, so "constructor" is just a key. */
export function fieldValue(values: DealValues, key: string): DealValue {
  return Object.hasOwn(values, key) ? values[key] : undefined;
}

/** A finite number, or a numeric string (imports send "50000"); null otherwise. */
export function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || !NUMERIC.test(value.trim())) return null;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) ? parsed : null;
}

/** A boolean, or null: a blank checkbox is unanswered, not "no". */
export function toBoolean(value: unknown): boolean | null {
  return typeof value === "boolean" ? value : null;
}

/** A non-blank string, or null. */
export function toText(value: unknown): string | null {
  return typeof value === "string" && isSet(value) ? value : null;
}

/** A multi-select's options: the strings of a list (a lone string is a list of one); null when none. */
export function toOptionList(value: unknown): string[] | null {
  const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  if (typeof value === "string" && isSet(value)) list.push(value);
  return list.length > 0 ? list : null;
}

function calendarDay(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  const valid =
    back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day;
  return valid ? ms / DAY_MS : null;
}

/**
 * The UTC calendar day (days since 1970-01-01) of "YYYY-MM-DD" or a full ISO timestamp with
 * a zone; null for anything else, including impossible dates such as 2026-02-30.
 */
export function toDay(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  const match = DATE_ONLY.exec(text.slice(0, 10));
  if (!match) return null;
  const day = calendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
  if (day === null || text.length === 10) return day;
  if (!TIMESTAMP.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? Math.floor(ms / DAY_MS) : null;
}

/** Today as a UTC calendar day, from the clock reading the caller passes in. */
export function dayOf(now: Date): number {
  return Math.floor(now.getTime() / DAY_MS);
}

/** A UTC calendar day as "YYYY-MM-DD". */
export function formatDay(day: number): string {
  const date = new Date(day * DAY_MS);
  return Number.isNaN(date.getTime()) ? String(day) : date.toISOString().slice(0, 10);
}

/** What a single value of a field compares as: a number, a UTC day, a boolean or a string. */
export type Scalar = number | string | boolean;

const SCALAR_READERS: Record<FieldDef["type"], (value: unknown) => Scalar | null> = {
  text: toText,
  longText: toText,
  user: toText,
  select: toText,
  multiSelect: toText,
  number: toNumber,
  currency: toNumber,
  date: toDay,
  boolean: toBoolean,
};

/**
 * A value as its field's type compares it (dates become UTC days), or null when it is unset or
 * not of that type. A multi-select reads one option here; use `toOptionList` for the whole list.
 */
export function toScalar(field: FieldDef, value: unknown): Scalar | null {
  return SCALAR_READERS[field.type](value);
}
