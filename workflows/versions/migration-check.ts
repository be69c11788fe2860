import type {
  Condition,
  LocalizedText,
  PipelineDefinition,
  PipelineNode,
} from "@/workflows/definition/schema";
import { evaluateCondition, fieldValue, isSet, unmetCriteria, type DealValues } from "@/workflows/rules";

/**
 * What a migrated deal would lack in its new stage (the migration's dry run). Pure.
 *
 * A deal moved by a migration arrives in its new stage without walking there, so two things may
 * not hold that the engine would have made hold:
 * - **to leave**: the stage's own required fields (需补填才能推进) — the deal stays put until a
 *   rep fills them;
 * - **to enter**: what any way into the stage asks for — the fields and conditions of the last
 *   action into it (through decisions and approvals back to the stage the action starts from),
 *   and the fields every deal needs at creation. A deal no way in would have let in sits where
 *   the new process could not have put it.
 *
 * Exit checklists are not judged: ticks belong to a stage, and a new stage has none yet.
 */

/** One way into a state: the last action's required fields and the conditions on the way. */
export type EntryPath = {
  /** Keys of the stage the action starts from and of the decisions/approvals crossed, in order. */
  via: string[];
  fields: string[];
  conditions: Condition[];
};

/** Paths per state are capped: a dense graph of decisions must not explode the dry run. */
const MAX_PATHS = 64;

const isOpenStage = (n: PipelineNode | undefined) => n?.data.kind === "stage" && n.data.outcome === "open";

/** The node new deals start in: `initialNodeId`, else the only open stage nothing leads into. */
function startNode(definition: PipelineDefinition): string | null {
  if (definition.initialNodeId) return definition.initialNodeId;
  const targets = new Set(definition.edges.map((e) => e.target));
  const sources = definition.nodes.filter((n) => isOpenStage(n) && !targets.has(n.id));
  return sources.length === 1 ? sources[0]!.id : null;
}

/**
 * Every way into each open stage and approval of a version, keyed by state key. The start stage
 * has an empty path (a new deal starts there). Cycles through decisions are cut.
 */
export function entryPaths(definition: PipelineDefinition): Map<string, EntryPath[]> {
  const nodes = new Map(definition.nodes.map((n) => [n.id, n]));
  const start = startNode(definition);
  const into = new Map<string, PipelineDefinition["edges"]>();
  for (const e of definition.edges) into.set(e.target, [...(into.get(e.target) ?? []), e]);

  const pathsOf = (nodeId: string, visiting: Set<string>): EntryPath[] => {
    const node = nodes.get(nodeId);
    const out: EntryPath[] = nodeId === start ? [{ via: [], fields: [], conditions: [] }] : [];
    const intoLost = node?.data.kind === "stage" && node.data.outcome === "lost";
    for (const e of into.get(nodeId) ?? []) {
      if (out.length >= MAX_PATHS) break;
      const source = nodes.get(e.source);
      if (!source) continue;
      const own = e.condition ? [e.condition] : [];
      if (source.data.kind === "stage") {
        // An action needs its own fields plus the stage's, except an action that closes as lost.
        const fields = [
          ...new Set([...(e.requiredFields ?? []), ...(intoLost ? [] : source.data.requiredFields)]),
        ];
        out.push({ via: [source.data.key], fields, conditions: own });
      } else if (!visiting.has(source.id)) {
        const next = new Set(visiting).add(source.id);
        for (const p of pathsOf(source.id, next)) {
          if (out.length >= MAX_PATHS) break;
          out.push({
            via: [...p.via, source.data.key],
            fields: p.fields,
            conditions: [...p.conditions, ...own],
          });
        }
      }
    }
    return out;
  };

  const result = new Map<string, EntryPath[]>();
  for (const n of definition.nodes)
    if (isOpenStage(n) || n.data.kind === "approval") result.set(n.data.key, pathsOf(n.id, new Set([n.id])));
  return result;
}

/** What a deal would lack in its new state; `null` when nothing. */
export type MigrationIssue = {
  /** Required fields of the new stage not set: the deal cannot leave forwards until they are. */
  exitMissing: string[];
  /** Fields the easiest way in (or creation) asks for that are not set. */
  entryMissing: string[];
  /** Conditions on the easiest way in that do not hold, as unmet criteria in both languages. */
  entryUnmet: LocalizedText[];
};

export type MigrationCheckContext = {
  definition: PipelineDefinition;
  /** `entryPaths(definition)`, computed once per version. */
  paths: Map<string, EntryPath[]>;
  now: Date;
};

/** Checks one deal as it would be in `target` (an open stage or approval of the new version). */
export function checkMigratedDeal(
  ctx: MigrationCheckContext,
  target: string,
  values: DealValues,
): MigrationIssue | null {
  const { definition, now } = ctx;
  const missing = (keys: readonly string[]) => keys.filter((k) => !isSet(fieldValue(values, k)));
  const node = definition.nodes.find((n) => n.data.key === target);
  const exitMissing = node?.data.kind === "stage" ? missing(node.data.requiredFields) : [];
  const atCreation = missing(definition.fields.filter((f) => f.requiredAtCreation).map((f) => f.key));

  let best: { missing: string[]; unmet: LocalizedText[] } | null = null;
  for (const path of ctx.paths.get(target) ?? []) {
    const unmet: LocalizedText[] = [];
    for (const condition of path.conditions) {
      const outcome = evaluateCondition(condition, {
        fields: definition.fields,
        rules: definition.rules,
        values,
        now,
      });
      if (outcome.pass) continue;
      const zh = unmetCriteria(outcome.node, { fields: definition.fields, locale: "zh-CN" });
      const en = unmetCriteria(outcome.node, { fields: definition.fields, locale: "en" });
      zh.forEach((text, i) => unmet.push({ zh: text, en: en[i] ?? text }));
    }
    const lacking = missing(path.fields);
    if (!best || lacking.length + unmet.length < best.missing.length + best.unmet.length)
      best = { missing: lacking, unmet };
    if (lacking.length === 0 && unmet.length === 0) break;
  }
  const entryMissing = [...new Set([...atCreation, ...(best?.missing ?? [])])];
  const entryUnmet = best?.unmet ?? [];
  if (exitMissing.length === 0 && entryMissing.length === 0 && entryUnmet.length === 0) return null;
  return { exitMissing, entryMissing, entryUnmet };
}

/**
 * What a migration adds to a deal's issues: those it has in its new state but not already in its
 * old state under the old version (a deal in Needs analysis without pain points lacked them
 * before the migration too). `null` when it adds nothing.
 */
export function addedIssues(
  before: MigrationIssue | null,
  after: MigrationIssue | null,
): MigrationIssue | null {
  if (!after) return null;
  const had = (list: readonly string[] | undefined) => new Set(list ?? []);
  const exit = had(before?.exitMissing);
  const entry = had(before?.entryMissing);
  const unmet = had(before?.entryUnmet.map((u) => u.en));
  const added: MigrationIssue = {
    exitMissing: after.exitMissing.filter((f) => !exit.has(f)),
    entryMissing: after.entryMissing.filter((f) => !entry.has(f)),
    entryUnmet: after.entryUnmet.filter((u) => !unmet.has(u.en)),
  };
  return added.exitMissing.length || added.entryMissing.length || added.entryUnmet.length ? added : null;
}
