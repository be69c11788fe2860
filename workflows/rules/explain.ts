import type { FieldDef, LocalizedText } from "@/workflows/definition/schema";
import type { ExplainNode } from "./evaluate";
import { formatValue, groupThousands, OP_WORDS, pick, type Locale } from "./format";
import { isKnownOperator } from "./operators";
import { toNumber } from "./values";

/*
 * Turns an evaluated condition into sentences a rep reads: one line per node, indented by depth,
 * e.g. "预算金额 ≥ 50,000(当前 20,000)" / "Budget ≥ 50,000 (now 20,000)".
 */

/** What an explanation needs besides the evaluated tree: the field names and the reader's language. */
export type ExplainContext = { fields: FieldDef[]; locale: Locale };

/** One sentence of an explanation; `depth` is its nesting under groups and rules. */
export type ExplainLine = { pass: boolean; text: string; depth: number };

/** An evaluated condition as sentences, in the order of the condition. */
export type Explanation = { pass: boolean; lines: ExplainLine[] };

const TEXTS = {
  all: { zh: "满足全部:", en: "All of:" },
  any: { zh: "满足任一:", en: "Any of:" },
  not: { zh: "不满足:", en: "Not:" },
  mustNot: { zh: "不应满足:", en: "Must not hold: " },
  empty: { zh: "未填写", en: "empty" },
} satisfies Record<string, LocalizedText>;

const en = (ctx: ExplainContext) => ctx.locale === "en";

function predicate(node: ExplainNode, field: FieldDef, ctx: ExplainContext): string {
  const { op, expected } = node;
  if (!isKnownOperator(op)) return "?";
  const value = (v: unknown) => formatValue(field, v, ctx.locale) ?? "—";
  switch (op) {
    case "isSet":
    case "isEmpty":
      return pick(OP_WORDS[op], ctx.locale);
    case "withinDays": {
      const days = toNumber(expected);
      const n = days === null ? value(expected) : groupThousands(days);
      return en(ctx) ? `within ${n} days` : `在 ${n} 天内`;
    }
    case "between":
      if (Array.isArray(expected) && expected.length === 2) {
        const [low, high] = [value(expected[0]), value(expected[1])];
        return en(ctx) ? `between ${low} and ${high}` : `介于 ${low} 至 ${high}`;
      }
      return `${pick(OP_WORDS.between, ctx.locale)} ${value(expected)}`;
    default:
      return `${pick(OP_WORDS[op], ctx.locale)} ${value(expected)}`;
  }
}

function comparisonText(node: ExplainNode, ctx: ExplainContext): string {
  const field = ctx.fields.find((f) => f.key === node.field);
  if (!field || node.problem === "unknownField") {
    const key = typeof node.field === "string" ? node.field : "?";
    return en(ctx) ? `Unknown field “${key}”` : `未知字段「${key}」`;
  }
  const current = formatValue(field, node.actual, ctx.locale) ?? pick(TEXTS.empty, ctx.locale);
  const subject = `${pick(field.name, ctx.locale)} ${predicate(node, field, ctx)}`;
  return en(ctx) ? `${subject} (now ${current})` : `${subject}(当前 ${current})`;
}

function ruleText(node: ExplainNode, ctx: ExplainContext): string {
  const name = node.ruleName ? pick(node.ruleName, ctx.locale) : (node.ruleKey ?? "?");
  if (node.problem === "unknownRule") return en(ctx) ? `Unknown rule “${name}”` : `未知规则「${name}」`;
  if (node.problem === "ruleCycle") {
    return en(ctx) ? `Rule “${name}” refers back to itself` : `规则「${name}」循环引用自身`;
  }
  return name;
}

/** The sentence for one node, without its children. */
export function describeNode(node: ExplainNode, ctx: ExplainContext): string {
  switch (node.kind) {
    case "all":
    case "any":
    case "not":
      return pick(TEXTS[node.kind], ctx.locale);
    case "rule":
      return ruleText(node, ctx);
    default:
      return comparisonText(node, ctx);
  }
}

/** The whole evaluated tree as indented sentences, each marked as met or not. */
export function explain(node: ExplainNode, ctx: ExplainContext): Explanation {
  const lines: ExplainLine[] = [];
  const visit = (n: ExplainNode, depth: number) => {
    lines.push({ pass: n.pass, text: describeNode(n, ctx), depth });
    for (const child of n.children ?? []) visit(child, depth + 1);
  };
  visit(node, 0);
  return { pass: node.pass, lines };
}

/*
 * Blame: walk only the branches that made a node come out other than wanted. Under a `not` the
 * wanted result flips, so a comparison that held when it must not is reported as "must not hold".
 * A passing `any` with a failed member is not blamed: that member did not cost the deal anything.
 */
function blame(node: ExplainNode, want: boolean, ctx: ExplainContext, out: string[]): void {
  if (node.pass === want) return;
  const before = out.length;
  const childWant = node.kind === "not" ? !want : want;
  for (const child of node.children ?? []) blame(child, childWant, ctx, out);
  if (out.length > before) return;
  const text = describeNode(node, ctx);
  out.push(want ? text : `${pick(TEXTS.mustNot, ctx.locale)}${text}`);
}

/**
 * Why a condition refused a deal: the sentences of the comparisons that made it fail (what the
 * rep form shows as "why refused"), without duplicates. Empty when the condition holds.
 */
export function unmetCriteria(node: ExplainNode, ctx: ExplainContext): string[] {
  const out: string[] = [];
  blame(node, true, ctx, out);
  return [...new Set(out)];
}
