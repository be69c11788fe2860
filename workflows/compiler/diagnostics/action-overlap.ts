import type { Condition, LocalizedText, PipelineEdge, PipelineNode } from "@/workflows/definition/schema";
import type { Diagnostic } from "@/workflows/machine/format";
import { canonicalJson } from "../canonical-json";
import { conditionSet, type ConditionSet } from "../condition-set";
import { edgesByAction, type CompileContext } from "../context";
import { error, text, warning } from "../diagnostic";
import { nodeLabel } from "../labels";
import * as N from "../number-set";
import { isOpenStage } from "../predicates";

/*
 * One action of a stage may have several edges (e.g. Close won → won, or → approval when the
 * deal is big). The runtime takes the first whose guard passes, conditional edges first, but an
 * admin should not have to rely on order: two edges of an action must not both apply. Proved
 * syntactically (same condition, or one the `not` of the other) or, for conditions on a single
 * number field, with value sets; otherwise the admin is asked to check.
 */

type Verdict = { kind: "overlap"; when: LocalizedText } | { kind: "disjoint" } | { kind: "unknown" };

const isNegationOf = (a: Condition, b: Condition) => "not" in a && canonicalJson(a.not) === canonicalJson(b);
const areComplementary = (a: Condition, b: Condition) => isNegationOf(a, b) || isNegationOf(b, a);

/** "when Amount is 1000000" / "when Amount is empty" for a value set (null when it is empty). */
function witness(
  ctx: CompileContext,
  field: string,
  numbers: N.NumberSet,
  whenEmpty: boolean,
): LocalizedText | null {
  const name = ctx.fieldsByKey.get(field)?.name ?? text(field, field);
  const sample = N.sampleOf(numbers);
  if (sample !== null) return text(`「${name.zh}」为 ${sample} 时`, `when ${name.en} is ${sample}`);
  if (whenEmpty) return text(`「${name.zh}」为空时`, `when ${name.en} is empty`);
  return null;
}

function verdict(ctx: CompileContext, a: Condition, b: Condition): Verdict {
  if (canonicalJson(a) === canonicalJson(b))
    return { kind: "overlap", when: text("条件相同", "their conditions are the same") };
  if (areComplementary(a, b)) return { kind: "disjoint" };
  const sa = conditionSet(a, ctx.fieldsByKey);
  const sb = conditionSet(b, ctx.fieldsByKey);
  if (!sa || !sb || sa.field !== sb.field) return { kind: "unknown" };
  const when = witness(ctx, sa.field, N.intersect(sa.numbers, sb.numbers), sa.whenEmpty && sb.whenEmpty);
  return when ? { kind: "overlap", when } : { kind: "disjoint" };
}

/** Where the conditional edges of an action leave values uncovered (null when covered or unprovable). */
function gap(ctx: CompileContext, conditions: readonly Condition[]): LocalizedText | null {
  if (conditions.some((a) => conditions.some((b) => areComplementary(a, b)))) return null;
  const sets = conditions.map((c) => conditionSet(c, ctx.fieldsByKey));
  const [first] = sets;
  if (!first || sets.some((s: ConditionSet | null) => !s || s.field !== first.field)) return null;
  const valid = sets as ConditionSet[];
  const covered = valid.reduce((acc, s) => N.union(acc, s.numbers), N.EMPTY);
  return witness(ctx, first.field, N.complement(covered), !valid.some((s) => s.whenEmpty));
}

const targetName = (ctx: CompileContext, edge: PipelineEdge) =>
  ctx.nodesById.get(edge.target)?.data.name ?? text(edge.target, edge.target);

function groupProblems(
  ctx: CompileContext,
  stage: PipelineNode,
  edges: readonly PipelineEdge[],
): Diagnostic[] {
  const [first] = edges;
  if (!first?.action || edges.length < 2) return [];
  const s = nodeLabel(stage);
  const action = first.action.name;
  const subject = text(`${s.zh}的操作「${action.zh}」`, `the action “${action.en}” of ${s.en}`);
  const out: Diagnostic[] = [];
  const plain = edges.filter((e) => e.condition === undefined);
  for (const edge of plain.slice(1))
    out.push(
      error(
        "ambiguousAction",
        text(
          `${subject.zh}有多条不带条件的连线,无法确定走哪一条;请为它们设置互斥的条件。`,
          `For ${subject.en}, several connections have no condition, so there is no telling which to take; give them conditions that exclude each other.`,
        ),
        { nodeId: stage.id, edgeId: edge.id },
      ),
    );
  const guarded = edges.filter(
    (e): e is PipelineEdge & { condition: Condition } => e.condition !== undefined,
  );
  guarded.forEach((a, i) =>
    guarded.slice(i + 1).forEach((b) => {
      const v = verdict(ctx, a.condition, b.condition);
      const ta = targetName(ctx, a);
      const tb = targetName(ctx, b);
      const pair = text(
        `通往「${ta.zh}」和「${tb.zh}」的两条连线`,
        `the connections to “${ta.en}” and to “${tb.en}”`,
      );
      if (v.kind === "overlap")
        out.push(
          error(
            "ambiguousAction",
            text(
              `${subject.zh}:${pair.zh}可能同时成立(${v.when.zh}),无法确定走哪一条。`,
              `For ${subject.en}, ${pair.en} can both apply (${v.when.en}), so there is no telling which to take.`,
            ),
            { nodeId: stage.id, edgeId: b.id },
          ),
        );
      if (v.kind === "unknown")
        out.push(
          warning(
            "ambiguousAction",
            text(
              `无法确认${subject.zh}中${pair.zh}的条件互不重叠;请检查它们不会同时成立。`,
              `Can't prove that ${pair.en} of ${subject.en} never both apply; check their conditions exclude each other.`,
            ),
            { nodeId: stage.id, edgeId: b.id },
          ),
        );
    }),
  );
  const uncovered =
    plain.length === 0 && guarded.length >= 2
      ? gap(
          ctx,
          guarded.map((e) => e.condition),
        )
      : null;
  if (uncovered)
    out.push(
      warning(
        "actionGap",
        text(
          `${subject.zh}在${uncovered.zh}没有可走的连线,该操作届时无法执行。`,
          `No connection of ${subject.en} applies ${uncovered.en}, so the action can't be taken then.`,
        ),
        { nodeId: stage.id },
      ),
    );
  return out;
}

/** Actions of a stage whose edges can both apply (ambiguousAction) or leave values uncovered (actionGap). */
export function actionOverlaps(ctx: CompileContext): Diagnostic[] {
  return ctx.definition.nodes
    .filter((n) => isOpenStage(n) && ctx.nodesById.get(n.id) === n)
    .flatMap((stage) =>
      [...edgesByAction(ctx, stage.id).values()].flatMap((edges) => groupProblems(ctx, stage, edges)),
    );
}
