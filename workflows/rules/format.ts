import type { ComparisonOp, FieldDef, FieldType, LocalizedText } from "@/workflows/definition/schema";
import { formatDay, isSet, toBoolean, toDay, toNumber, toOptionList } from "./values";

/*
 * Words and value formatting shared by explanations and checker messages. Written out by hand
 * rather than through Intl so the browser and the server print the same text for any locale data.
 */

/** The languages rule texts are written in. */
export type Locale = "zh-CN" | "en";

/** Picks the text for a locale. */
export const pick = (text: LocalizedText, locale: Locale): string => (locale === "en" ? text.en : text.zh);

const MAX_TEXT = 40;

/** 1234567.5 → "1,234,567.5": groups of three digits, whatever the runtime's locale data. */
export function groupThousands(n: number): string {
  const plain = String(Math.abs(n));
  if (!Number.isFinite(n) || plain.includes("e")) return String(n);
  const [whole = "", fraction] = plain.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${n < 0 ? "-" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** The symbol or phrase for an operator inside an explanation line ("≥", "属于"). */
export const OP_WORDS: Record<ComparisonOp, LocalizedText> = {
  eq: { zh: "=", en: "=" },
  neq: { zh: "≠", en: "≠" },
  in: { zh: "属于", en: "is one of" },
  notIn: { zh: "不属于", en: "is not one of" },
  gt: { zh: ">", en: ">" },
  gte: { zh: "≥", en: "≥" },
  lt: { zh: "<", en: "<" },
  lte: { zh: "≤", en: "≤" },
  between: { zh: "介于", en: "between" },
  isSet: { zh: "已填写", en: "is set" },
  isEmpty: { zh: "未填写", en: "is empty" },
  contains: { zh: "包含", en: "contains" },
  withinDays: { zh: "在 N 天内", en: "within N days" },
};

/** The name of an operator in a sentence ("包含" / "contains"). */
export const OP_NAMES: Record<ComparisonOp, LocalizedText> = {
  eq: { zh: "等于", en: "equals" },
  neq: { zh: "不等于", en: "does not equal" },
  in: { zh: "属于", en: "is one of" },
  notIn: { zh: "不属于", en: "is not one of" },
  gt: { zh: "大于", en: "greater than" },
  gte: { zh: "大于或等于", en: "at least" },
  lt: { zh: "小于", en: "less than" },
  lte: { zh: "小于或等于", en: "at most" },
  between: { zh: "介于", en: "between" },
  isSet: { zh: "已填写", en: "is set" },
  isEmpty: { zh: "未填写", en: "is empty" },
  contains: { zh: "包含", en: "contains" },
  withinDays: { zh: "在 N 天内", en: "within days" },
};

/** A field type in an English sentence ("Budget (currency)"). */
export const TYPE_NAMES: Record<FieldType, LocalizedText> = {
  text: { zh: "文本", en: "text" },
  longText: { zh: "长文本", en: "long text" },
  number: { zh: "数字", en: "number" },
  currency: { zh: "金额", en: "currency" },
  date: { zh: "日期", en: "date" },
  select: { zh: "单选", en: "select" },
  multiSelect: { zh: "多选", en: "multi select" },
  user: { zh: "用户", en: "user" },
  boolean: { zh: "是/否", en: "yes/no" },
};

const YES_NO = { yes: { zh: "是", en: "yes" }, no: { zh: "否", en: "no" } };
const INVALID: LocalizedText = { zh: "无效值", en: "invalid" };

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/** A value that no field type explains, shown without ever calling a junk object's toString. */
function primitive(value: unknown, locale: Locale): string {
  if (typeof value === "string") return clip(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return pick(INVALID, locale);
}

function optionLabel(field: FieldDef, value: string, locale: Locale): string {
  const option = field.options?.find((o) => o.value === value);
  return option ? pick(option.label, locale) : clip(value);
}

/** A list as a reader writes it: "金融、政府" / "Finance, Government". */
export const joinList = (items: string[], locale: Locale) => items.join(locale === "en" ? ", " : "、");

/** One value of a field as a reader expects to see it, or null when the value is unset. */
export function formatValue(field: FieldDef | undefined, value: unknown, locale: Locale): string | null {
  if (!isSet(value)) return null;
  if (Array.isArray(value) && field?.type !== "multiSelect") {
    return joinList(
      value.map((v) => (Array.isArray(v) ? pick(INVALID, locale) : (formatValue(field, v, locale) ?? "—"))),
      locale,
    );
  }
  switch (field?.type) {
    case "number":
    case "currency": {
      const n = toNumber(value);
      return n === null ? primitive(value, locale) : groupThousands(n);
    }
    case "date": {
      const day = toDay(value);
      return day === null ? primitive(value, locale) : formatDay(day);
    }
    case "boolean": {
      const b = toBoolean(value);
      return b === null ? primitive(value, locale) : pick(b ? YES_NO.yes : YES_NO.no, locale);
    }
    case "select":
    case "multiSelect": {
      const options = toOptionList(value);
      return options === null
        ? primitive(value, locale)
        : joinList(
            options.map((o) => optionLabel(field, o, locale)),
            locale,
          );
    }
    default:
      return primitive(value, locale);
  }
}
