import type { ComparisonOp, FieldDef, FieldType, LocalizedText } from "@/workflows/definition/schema";
import { OP_NAMES, TYPE_NAMES } from "./format";
import { toDay } from "./values";

/*
 * Whether one comparison makes sense for its field: the operator suits the field's type, and
 * the value has the shape the operator reads. A comparison that fails here can never hold (or
 * holds for the wrong reason) at run time, so the compiler reports it before a rep meets it.
 */

/** The operators each field type can be compared with. */
export const OPS_BY_TYPE: Record<FieldType, readonly ComparisonOp[]> = {
  text: ["eq", "neq", "in", "notIn", "isSet", "isEmpty", "contains"],
  longText: ["eq", "neq", "in", "notIn", "isSet", "isEmpty", "contains"],
  user: ["eq", "neq", "in", "notIn", "isSet", "isEmpty"],
  select: ["eq", "neq", "in", "notIn", "isSet", "isEmpty"],
  multiSelect: ["eq", "neq", "in", "notIn", "isSet", "isEmpty", "contains"],
  number: ["eq", "neq", "in", "notIn", "gt", "gte", "lt", "lte", "between", "isSet", "isEmpty"],
  currency: ["eq", "neq", "in", "notIn", "gt", "gte", "lt", "lte", "between", "isSet", "isEmpty"],
  date: ["eq", "neq", "in", "notIn", "gt", "gte", "lt", "lte", "between", "isSet", "isEmpty", "withinDays"],
  boolean: ["eq", "neq", "isSet", "isEmpty"],
};

type Need = "number" | "date" | "boolean" | "text" | "option";

const NEED_OF: Record<FieldType, Need> = {
  text: "text",
  longText: "text",
  user: "text",
  select: "option",
  multiSelect: "option",
  number: "number",
  currency: "number",
  date: "date",
  boolean: "boolean",
};

const ACCEPTS: Record<Need, (value: unknown) => boolean> = {
  number: (v) => typeof v === "number" && Number.isFinite(v),
  date: (v) => toDay(v) !== null,
  boolean: (v) => typeof v === "boolean",
  text: (v) => typeof v === "string",
  option: (v) => typeof v === "string",
};

const NEEDS = {
  number: { zh: "一个数字", en: "a number" },
  date: { zh: "一个日期(YYYY-MM-DD)", en: "a date (YYYY-MM-DD)" },
  boolean: { zh: "是或否", en: "yes or no" },
  text: { zh: "一段文字", en: "a text" },
  option: { zh: "它的一个选项", en: "one of its options" },
  list: { zh: "一组值(非空列表)", en: "a non-empty list of values" },
  range: { zh: "[最小值, 最大值]", en: "[min, max]" },
  days: { zh: "不小于 0 的整数天数", en: "a whole number of days, 0 or more" },
} satisfies Record<string, LocalizedText>;

/** Messages about one field and operator. */
function messages(field: FieldDef, op: ComparisonOp) {
  const zhName = `字段「${field.name.zh}」`;
  const enName = `${field.name.en} (${TYPE_NAMES[field.type].en})`;
  const opZh = `「${OP_NAMES[op].zh}」`;
  const opEn = `“${OP_NAMES[op].en}”`;
  return {
    notAllowed: { zh: `${zhName}不能用${opZh}比较`, en: `${enName} cannot be compared with ${opEn}` },
    needs: (what: LocalizedText) => ({
      zh: `${zhName}用${opZh}比较时需要${what.zh}`,
      en: `${enName} with ${opEn} needs ${what.en}`,
    }),
    noOption: (value: string) => ({
      zh: `${zhName}没有选项「${value}」`,
      en: `${enName} has no option “${value}”`,
    }),
    rangeOrder: {
      zh: `${zhName}用${opZh}比较时最小值大于最大值`,
      en: `${enName} with ${opEn} has its minimum above its maximum`,
    },
  };
}

/** What is wrong with one comparison, or null when it is sound. `op` must be a known operator. */
export function comparisonProblem(field: FieldDef, op: ComparisonOp, value: unknown): LocalizedText | null {
  const say = messages(field, op);
  if (!OPS_BY_TYPE[field.type].includes(op)) return say.notAllowed;
  const need = NEED_OF[field.type];
  const one = (v: unknown): LocalizedText | null => {
    if (!ACCEPTS[need](v)) return say.needs(NEEDS[need]);
    const unknownOption = need === "option" && !field.options?.some((o) => o.value === v);
    return unknownOption ? say.noOption(String(v)) : null;
  };
  const each = (list: unknown[]) => list.map(one).find((p) => p !== null) ?? null;
  const isList = Array.isArray(value) && value.length > 0;

  switch (op) {
    case "isSet":
    case "isEmpty":
      return null;
    case "in":
    case "notIn":
      return isList ? each(value) : say.needs(NEEDS.list);
    case "eq":
    case "neq":
      // A multi-select equals a set of options, written as a list or a lone option.
      return field.type === "multiSelect" && isList ? each(value) : one(value);
    case "between": {
      if (!Array.isArray(value) || value.length !== 2) return say.needs(NEEDS.range);
      const problem = each(value);
      if (problem) return problem;
      const [low, high] = need === "date" ? value.map(toDay) : value;
      return (low as number) > (high as number) ? say.rangeOrder : null;
    }
    case "withinDays":
      return typeof value === "number" && Number.isInteger(value) && value >= 0
        ? null
        : say.needs(NEEDS.days);
    default:
      return one(value);
  }
}
