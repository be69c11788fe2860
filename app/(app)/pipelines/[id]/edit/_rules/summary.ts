import type { Condition, FieldDef, LocalizedText, NamedRule } from "@/workflows/definition/schema";
import { formatValue, groupThousands, joinList, OP_WORDS, pick, type Locale } from "@/workflows/rules/format";
import { isKnownOperator } from "@/workflows/rules/operators";
import type { Comparison } from "./operators";
import type { Directory } from "./types";

/*
 * A condition as one line of plain language, shown under the rule builder:
 * "预算已确认 = 是 或 预算金额 ≥ 50,000" / "Budget confirmed = yes or Budget ≥ 50,000".
 * Unlike `explain` (which reports an evaluated deal) it reads the condition alone.
 */

/** What a summary reads besides the condition. */
export type SummaryContext = {
  fields: FieldDef[];
  rules: NamedRule[];
  users?: Directory["users"];
  locale: Locale;
};

const W = {
  and: { zh: " 且 ", en: " and " },
  or: { zh: " 或 ", en: " or " },
  not: { zh: "非", en: "not " },
  always: { zh: "总是成立", en: "always" },
  never: { zh: "永不成立", en: "never" },
  blank: { zh: "…", en: "…" },
  before: { zh: "早于", en: "before" },
  after: { zh: "晚于", en: "after" },
  none: { zh: "无条件", en: "no condition" },
} satisfies Record<string, LocalizedText>;

function valueText(field: FieldDef, value: unknown, ctx: SummaryContext): string {
  if (value === undefined || value === "") return pick(W.blank, ctx.locale);
  if (field.type === "user") {
    const name = (id: unknown) => ctx.users?.find((u) => u.id === id)?.name ?? String(id);
    return Array.isArray(value) ? joinList(value.map(name), ctx.locale) : name(value);
  }
  if (field.type === "text" || field.type === "longText") {
    const quote = (v: unknown) => (ctx.locale === "en" ? `“${String(v)}”` : `「${String(v)}」`);
    return Array.isArray(value) ? joinList(value.map(quote), ctx.locale) : quote(value);
  }
  return formatValue(field, value, ctx.locale) ?? pick(W.blank, ctx.locale);
}

function comparisonText(row: Comparison, ctx: SummaryContext): string {
  const field = ctx.fields.find((f) => f.key === row.field);
  if (!field) return row.field ? `“${row.field}”?` : pick(W.blank, ctx.locale);
  const name = pick(field.name, ctx.locale);
  const en = ctx.locale === "en";
  const { op, value } = row;
  if (!isKnownOperator(op)) return `${name} ?`;
  const v = (x: unknown) => valueText(field, x, ctx);
  switch (op) {
    case "isSet":
    case "isEmpty":
      return `${name} ${pick(OP_WORDS[op], ctx.locale)}`;
    case "withinDays": {
      const n = typeof value === "number" ? groupThousands(value) : pick(W.blank, ctx.locale);
      return en ? `${name} within ${n} days` : `${name}在 ${n} 天内`;
    }
    case "between": {
      const [low, high] = Array.isArray(value) ? value : [];
      return en ? `${name} between ${v(low)} and ${v(high)}` : `${name}介于 ${v(low)} 至 ${v(high)}`;
    }
    case "lt":
    case "gt":
      if (field.type === "date")
        return `${name} ${pick(op === "lt" ? W.before : W.after, ctx.locale)} ${v(value)}`;
      return `${name} ${pick(OP_WORDS[op], ctx.locale)} ${v(value)}`;
    default:
      return `${name} ${pick(OP_WORDS[op], ctx.locale)} ${v(value)}`;
  }
}

function text(node: Condition, ctx: SummaryContext, nested: boolean): string {
  if ("all" in node || "any" in node) {
    const list = "all" in node ? node.all : node.any;
    if (list.length === 0) return pick("all" in node ? W.always : W.never, ctx.locale);
    if (list.length === 1) return text(list[0] as Condition, ctx, nested);
    const joined = list.map((c) => text(c, ctx, true)).join(pick("all" in node ? W.and : W.or, ctx.locale));
    return nested ? `(${joined})` : joined;
  }
  if ("not" in node) {
    const inner = text(node.not, ctx, false);
    return `${pick(W.not, ctx.locale)}(${inner})`;
  }
  if ("rule" in node) {
    const rule = ctx.rules.find((r) => r.key === node.rule);
    const name = rule ? pick(rule.name, ctx.locale) : node.rule || pick(W.blank, ctx.locale);
    return ctx.locale === "en" ? `“${name}”` : `「${name}」`;
  }
  return comparisonText(node, ctx);
}

/** The condition as one sentence in the reader's language; "no condition" when there is none. */
export function summarize(condition: Condition | undefined, ctx: SummaryContext): string {
  return condition ? text(condition, ctx, false) : pick(W.none, ctx.locale);
}
