import type { Condition, LocalizedText } from "@/workflows/definition/schema";
import type { Diagnostic, DiagnosticCode } from "@/workflows/machine/format";
import {
  checkCondition,
  checkRules,
  checkScoring,
  type CheckContext,
  type RuleIssue,
} from "@/workflows/rules";
import type { CompileContext } from "../context";
import { error, text, type Where } from "../diagnostic";
import { edgeLabel } from "../labels";

/** The diagnostic each rule-checker issue becomes (a rule cycle is a rule that can't be used). */
const ISSUE_CODES: Record<RuleIssue["code"], DiagnosticCode> = {
  unknownField: "unknownField",
  typeMismatch: "typeMismatch",
  unknownRule: "unknownRule",
  ruleCycle: "unknownRule",
};

const toDiagnostic = (issue: RuleIssue, where: LocalizedText, at: Where): Diagnostic =>
  error(
    ISSUE_CODES[issue.code],
    text(`${where.zh}:${issue.message.zh}`, `${where.en}: ${issue.message.en}`),
    at,
  );

const checkContext = (ctx: CompileContext): CheckContext => ({
  fields: ctx.definition.fields,
  rules: ctx.definition.rules,
});

/** The conditions an edge carries: its own and those of its notify effects. */
function edgeConditions(
  ctx: CompileContext,
  index: number,
): { condition: Condition; path: string; where: LocalizedText }[] {
  const edge = ctx.definition.edges[index];
  if (!edge) return [];
  const label = edgeLabel(ctx, edge);
  const own = edge.condition
    ? [
        {
          condition: edge.condition,
          path: `edges[${index}].condition`,
          where: text(`${label.zh}的条件`, `The condition of the ${label.en}`),
        },
      ]
    : [];
  const notify = edge.effects.flatMap((effect, i) =>
    effect.kind === "notify" && effect.when
      ? [
          {
            condition: effect.when,
            path: `edges[${index}].effects[${i}].when`,
            where: text(`${label.zh}的通知条件`, `The notification condition of the ${label.en}`),
          },
        ]
      : [],
  );
  return [...own, ...notify];
}

/** First segment after the prefix of a checker path ("rules.bant.all[0]" → "bant"). */
const keyIn = (path: string) => path.split(".")[1]?.replace(/\[.*$/, "") ?? "";

/**
 * Every condition of the process checked by the rules engine: edge conditions (actions and
 * decision branches), notify conditions, named rules and scoring criteria.
 */
export function conditionProblems(ctx: CompileContext): Diagnostic[] {
  const check = checkContext(ctx);
  const { definition } = ctx;
  const onEdges = definition.edges.flatMap((edge, index) =>
    edgeConditions(ctx, index).flatMap(({ condition, path, where }) =>
      checkCondition(condition, check, path).map((issue) => toDiagnostic(issue, where, { edgeId: edge.id })),
    ),
  );
  const inRules = checkRules(check).map((issue) => {
    const rule = definition.rules.find((r) => r.key === keyIn(issue.path));
    const where = rule ? text(`规则「${rule.name.zh}」`, `Rule “${rule.name.en}”`) : text("规则", "A rule");
    return toDiagnostic(issue, where, {});
  });
  const inScoring = definition.scoring
    ? checkScoring(definition.scoring, check).map((issue) => {
        const criterion = definition.scoring?.criteria.find((c) => c.id === keyIn(issue.path));
        const where = criterion
          ? text(`评分项「${criterion.label.zh}」`, `Scoring criterion “${criterion.label.en}”`)
          : text("优先级评分", "Priority scoring");
        return toDiagnostic(issue, where, {});
      })
    : [];
  return [...onEdges, ...inRules, ...inScoring];
}
