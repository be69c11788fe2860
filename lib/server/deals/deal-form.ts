import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { apiKeys, dealEvents, deals, memberships, users } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { stagesOf } from "@/lib/server/pipelines/list";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import type { Condition, NamedRule, PipelineDefinition } from "@/workflows/definition/schema";
import { assertVisibleDeal } from "./access";
import { migrationVersions } from "./migration-versions";

type StageData = Extract<PipelineDefinition["nodes"][number]["data"], { kind: "stage" }>;

/** The fields a condition reads, named rules resolved (each rule once, so cycles end). */
function conditionFields(condition: Condition, rules: Map<string, NamedRule>, seen = new Set<string>()) {
  const out = new Set<string>();
  const walk = (c: Condition) => {
    if ("all" in c) c.all.forEach(walk);
    else if ("any" in c) c.any.forEach(walk);
    else if ("not" in c) walk(c.not);
    else if ("rule" in c) {
      const rule = rules.get(c.rule);
      if (rule && !seen.has(rule.key)) {
        seen.add(rule.key);
        walk(rule.condition);
      }
    } else out.add(c.field);
  };
  walk(condition);
  return out;
}

/**
 * The fields whose values decide where an action leads: its own condition and those of the
 * decisions it runs into. The action's form offers them, so a rep can record what they learned
 * (BANT before 资格审核) instead of being sent down the default branch for lack of it.
 */
function actionConditionFields(definition: PipelineDefinition, edges: PipelineDefinition["edges"]) {
  const rules = new Map(definition.rules.map((r) => [r.key, r]));
  const nodes = new Map(definition.nodes.map((n) => [n.id, n]));
  const fields = new Set<string>();
  const visited = new Set<string>();
  const follow = (edge: PipelineDefinition["edges"][number]) => {
    if (edge.condition) conditionFields(edge.condition, rules).forEach((f) => fields.add(f));
    const target = nodes.get(edge.target);
    if (target?.data.kind !== "decision" || visited.has(target.id)) return;
    visited.add(target.id);
    definition.edges.filter((e) => e.source === target.id).forEach(follow);
  };
  edges.forEach(follow);
  return [...fields];
}

/** Where an action may leave the deal: through decisions to their stages (approvals wait, so they count). */
function leadsTo(definition: PipelineDefinition, edges: PipelineDefinition["edges"]) {
  const nodes = new Map(definition.nodes.map((n) => [n.id, n]));
  const out = new Set<string>();
  const visited = new Set<string>();
  const follow = (edge: PipelineDefinition["edges"][number]) => {
    const target = nodes.get(edge.target);
    if (!target) return;
    if (target.data.kind !== "decision") return void out.add(target.data.key);
    if (visited.has(target.id)) return;
    visited.add(target.id);
    definition.edges.filter((e) => e.source === target.id).forEach(follow);
  };
  edges.forEach(follow);
  return [...out];
}

/**
 * What the deal page needs of the deal's pipeline version to render forms and history: the
 * fields, the stages in reading order with their guidance and exit checklist, every action's
 * name (the timeline names past ones), and the people who acted on the deal.
 */
export async function getDealForm(db: Db, company: CompanyScope, userId: string, dealId: string) {
  await assertVisibleDeal(db, company, userId, dealId);
  const [deal] = await db
    .select({ pipelineVersionId: deals.pipelineVersionId, ownerId: deals.ownerId })
    .from(deals)
    .where(and(eq(deals.companyId, company.id), eq(deals.id, dealId)));
  if (!deal) throw appError("NOT_FOUND", "dealNotFound");
  const { definition } = await loadProgram(db, company.id, deal.pipelineVersionId);

  const stageData = new Map(
    definition.nodes.flatMap((n) => (n.data.kind === "stage" ? [[n.data.key, n.data as StageData]] : [])),
  );
  const stages = stagesOf(definition).map((s) => {
    const data = stageData.get(s.key)!;
    return {
      ...s,
      guidance: data.guidance ?? null,
      requiredFields: data.requiredFields,
      exitChecklist: data.exitChecklist,
      timeLimitDays: data.outcome === "open" ? (data.timeLimit?.days ?? null) : null,
    };
  });
  const checkpoints = definition.nodes.flatMap((n) =>
    n.data.kind === "stage" ? [] : [{ key: n.data.key, kind: n.data.kind, name: n.data.name }],
  );

  const byAction = new Map<string, PipelineDefinition["edges"]>();
  for (const edge of definition.edges)
    if (edge.action) byAction.set(edge.action.key, [...(byAction.get(edge.action.key) ?? []), edge]);
  const actions = [...byAction].map(([key, edges]) => ({
    key,
    name: edges[0]!.action!.name,
    leadsTo: leadsTo(definition, edges),
    conditionFields: actionConditionFields(definition, edges),
  }));

  return {
    fields: definition.fields,
    stages,
    checkpoints,
    actions,
    actors: await actorsOf(db, company.id, dealId, deal.ownerId),
    apiKeys: await apiKeysOf(db, company.id, dealId),
    /** Versions the deal's migration events name, with their stage names (the timeline's migration entries). */
    versions: await migrationVersions(db, company.id, dealId),
  };
}

/** Names of the REST API keys that acted on the deal (the timeline says "API key ‘ERP sync’"). */
async function apiKeysOf(db: Db, companyId: string, dealId: string) {
  return db
    .selectDistinct({ id: apiKeys.id, name: apiKeys.name })
    .from(dealEvents)
    .innerJoin(apiKeys, and(eq(apiKeys.companyId, dealEvents.companyId), eq(apiKeys.id, dealEvents.apiKeyId)))
    .where(and(eq(dealEvents.companyId, companyId), eq(dealEvents.dealId, dealId)));
}

/** Names of everyone who acted on the deal or was made its owner, among the company's members. */
async function actorsOf(db: Db, companyId: string, dealId: string, ownerId: string | null) {
  const events = await db
    .select({ actorId: dealEvents.actorId, changes: dealEvents.changes })
    .from(dealEvents)
    .where(and(eq(dealEvents.companyId, companyId), eq(dealEvents.dealId, dealId)));
  const ids = new Set<string>(ownerId ? [ownerId] : []);
  for (const e of events) {
    if (e.actorId) ids.add(e.actorId);
    for (const v of [e.changes?.ownerId?.from, e.changes?.ownerId?.to]) if (typeof v === "string") ids.add(v);
  }
  if (ids.size === 0) return [];
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.companyId, companyId)))
    .where(inArray(users.id, [...ids]));
}
