import type {
  Condition,
  FieldDef,
  LocalizedText,
  NamedRule,
  ScoringRule,
} from "@/workflows/definition/schema";
import { comparisonProblem } from "./check-comparison";
import type { Comparison } from "./evaluate";
import { isKnownOperator } from "./operators";
import { findRuleCycle } from "./rule-cycles";

/*
 * Static checks of conditions for the compiler's diagnostics: what the interpreter would
 * silently treat as "fails" (an unknown field or rule, a comparison that cannot hold, rules
 * that refer to each other in a circle) is reported here, with the path to the offending node.
 */

/** The kinds of problem a condition can have. */
export type RuleIssueCode = "unknownField" | "unknownRule" | "typeMismatch" | "ruleCycle";

/** One problem in a condition; `path` locates the node, e.g. "scoring.need.all[1].not". */
export type RuleIssue = { code: RuleIssueCode; path: string; message: LocalizedText };

/** What a condition may refer to. */
export type CheckContext = { fields: FieldDef[]; rules: NamedRule[] };

const at = (path: string, segment: string) => (path ? `${path}.${segment}` : segment);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

function ruleIssue(key: string, path: string, rules: NamedRule[]): RuleIssue | null {
  if (!rules.some((r) => r.key === key)) {
    return { code: "unknownRule", path, message: { zh: `未知规则「${key}」`, en: `Unknown rule “${key}”` } };
  }
  const cycle = findRuleCycle(key, rules);
  if (!cycle) return null;
  const names = (lang: keyof LocalizedText) =>
    cycle.map((k) => rules.find((r) => r.key === k)?.name[lang] ?? k).join(" → ");
  return {
    code: "ruleCycle",
    path,
    message: {
      zh: `规则循环引用:${names("zh")}`,
      en: `Rules refer to each other in a cycle: ${names("en")}`,
    },
  };
}

const safe = (value: unknown) => (typeof value === "string" ? value : "?");

function visitGroup(
  list: unknown,
  kind: "all" | "any",
  ctx: CheckContext,
  path: string,
  issues: RuleIssue[],
) {
  if (!Array.isArray(list)) {
    const message = { zh: "条件组需要一个列表", en: "A group needs a list" };
    issues.push({ code: "typeMismatch", path, message });
    return;
  }
  list.forEach((child: Condition, i) => visit(child, ctx, at(path, `${kind}[${i}]`), issues));
}

function comparisonIssue(condition: Comparison, ctx: CheckContext, path: string): RuleIssue | null {
  const field = ctx.fields.find((f) => f.key === condition.field);
  if (!field) {
    const key = safe(condition.field);
    return {
      code: "unknownField",
      path,
      message: { zh: `未知字段「${key}」`, en: `Unknown field “${key}”` },
    };
  }
  if (!isKnownOperator(condition.op)) {
    const op = safe(condition.op);
    const message = { zh: `未知的比较方式「${op}」`, en: `Unknown comparison “${op}”` };
    return { code: "typeMismatch", path, message };
  }
  const problem = comparisonProblem(field, condition.op, condition.value);
  return problem && { code: "typeMismatch", path, message: problem };
}

function visit(condition: Condition, ctx: CheckContext, path: string, issues: RuleIssue[]): void {
  let issue: RuleIssue | null;
  if (!isObject(condition)) {
    issue = { code: "typeMismatch", path, message: { zh: "不是有效的条件", en: "Not a valid condition" } };
  } else if ("all" in condition) {
    return visitGroup(condition.all, "all", ctx, path, issues);
  } else if ("any" in condition) {
    return visitGroup(condition.any, "any", ctx, path, issues);
  } else if ("not" in condition) {
    return visit(condition.not, ctx, at(path, "not"), issues);
  } else if ("rule" in condition) {
    issue = ruleIssue(safe(condition.rule), path, ctx.rules);
  } else {
    issue = comparisonIssue(condition, ctx, path);
  }
  if (issue) issues.push(issue);
}

/**
 * Every problem in a condition, in tree order; `path` prefixes the paths reported. A reference to
 * a named rule is checked for existence and cycles only: check the rule's own condition separately
 * (see `checkRules`), so each problem is reported once, where it is written.
 */
export function checkCondition(condition: Condition, ctx: CheckContext, path = ""): RuleIssue[] {
  const issues: RuleIssue[] = [];
  visit(condition, ctx, path, issues);
  return issues;
}

/** The problems of every scoring criterion, at paths "scoring.<id>…". */
export function checkScoring(scoring: ScoringRule, ctx: CheckContext): RuleIssue[] {
  return scoring.criteria.flatMap((c) => checkCondition(c.when, ctx, `scoring.${c.id}`));
}

/** The problems of every named rule's condition, at paths "rules.<key>…". */
export function checkRules(ctx: CheckContext): RuleIssue[] {
  return ctx.rules.flatMap((r) => checkCondition(r.condition, ctx, `rules.${r.key}`));
}
