import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import type { CompanyScope } from "@/lib/server/api/context";
import {
  ACTION_TYPES,
  ACTIVITY_TYPES,
  EMPTY_CELLS,
  adoptionTable,
  parseRefusalCode,
  refusalCode,
  type AdoptionCells,
  type Period,
} from "@/lib/analytics";
import { AdoptionInput } from "@/lib/validation/analytics";
import type { LocalizedText } from "@/workflows/definition/schema";
import type { Refusal } from "@/workflows/runtime";
import type { Catalog } from "./catalog";
import { resolve } from "./dashboard";
import { adoptionDeals, adoptionRows, uuids } from "./adoption-scope";

/*
 * The Adoption tab (docs/analytics.md, Adoption): per member, team and in all, deals touched in
 * the period, open deals that are stale or past their stage's time limit now, stages left within
 * their limits, actions taken and refused — and the refusals by reason and by stage and action.
 * Each query groups by member in the database; lib/analytics/adoption.ts adds up teams and the
 * total and works out the score.
 */

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const texts = (list: readonly string[]) => sql.raw(`'{${list.join(",")}}'::text[]`);
const DAY_MS = 86_400_000;

/** What every adoption query shares: the company, pipeline, period, members and deal conditions. */
export type AdoptionQuery = {
  companyId: string;
  pipelineId: string;
  /** The pipeline's versions (events carry the version they were written on). */
  versionIds: string[];
  period: Period;
  people: string[];
  /** The deal conditions on `t` (deal_facts), and whether they narrow the pipeline's deals. */
  deals: { where: SQL; narrowed: boolean };
  now: Date;
  staleDays: number;
};

/** A member's events in the period on the scope's deals (deal_events `e`), with `extra` conditions. */
export function memberEvents(q: AdoptionQuery, extra: SQL, columns: SQL): SQL {
  const join = q.deals.narrowed
    ? sql`join deal_facts t on t.company_id = e.company_id and t.deal_id = e.deal_id and ${q.deals.where}`
    : sql``;
  return sql`
    select ${columns}
    from deal_events e ${join}
    where e.company_id = ${q.companyId}::uuid and e.actor_id = any(${uuids(q.people)})
      and e.at >= ${ts(q.period.from)} and e.at < ${ts(q.period.to)}
      and e.pipeline_version_id = any(${uuids(q.versionIds)}) and ${extra}`;
}

type Keyed = { key: string | null; n: number };

/** Deals touched per member, per team (each deal once) and in all, and actions taken per member. */
async function touchedCells(db: Db, q: AdoptionQuery, teamIds: string[]) {
  const rows = await db.execute<Keyed & { kind: string }>(sql`
    with ev as (${memberEvents(q, sql`e.type = any(${texts(ACTIVITY_TYPES)})`, sql`e.actor_id, e.deal_id, e.type`)}),
    touched as (select distinct actor_id, deal_id from ev)
    select 'person' as kind, actor_id::text as key, count(*)::int as n from touched group by actor_id
    union all
    select 'team', m.team_id::text, count(distinct t.deal_id)::int
    from touched t join team_members m on m.company_id = ${q.companyId}::uuid and m.user_id = t.actor_id
    where m.team_id = any(${uuids(teamIds)})
    group by m.team_id
    union all
    select 'total', null, count(distinct deal_id)::int from touched
    union all
    select 'actions', actor_id::text, count(*)::int from ev where type = any(${texts(ACTION_TYPES)}) group by actor_id`);
  return rows;
}

/** Stages with a time limit left by each member's actions in the period: within it, after it. */
async function exitCells(db: Db, q: AdoptionQuery) {
  return db.execute<{ key: string; on_time: number; late: number }>(sql`
    with exits as (
      ${memberEvents(
        q,
        sql`e.type = any(${texts(ACTION_TYPES)}) and e.to_stage is distinct from e.from_stage`,
        sql`e.actor_id, e.deal_id, e.from_stage, e.at`,
      )}
    )
    select x.actor_id::text as key,
           count(*) filter (where pw_stay_seconds(v.entered_at, v.left_at) <= v.time_limit_s)::int as on_time,
           count(*) filter (where pw_stay_seconds(v.entered_at, v.left_at) > v.time_limit_s)::int as late
    from exits x
    join deal_stage_visits v on v.company_id = ${q.companyId}::uuid and v.deal_id = x.deal_id
      and v.left_at = x.at and v.stage = x.from_stage
    where v.time_limit_s is not null and v.kind in ('open', 'approval')
      -- Implied by the join, said outright: the period's stays come from their index alone.
      and v.pipeline_id = ${q.pipelineId}::uuid and v.left_at >= ${ts(q.period.from)} and v.left_at < ${ts(q.period.to)}
    group by x.actor_id`);
}

/** Open deals per owner now, of them stale, from deal_facts. */
async function ownedCells(db: Db, q: AdoptionQuery) {
  const staleBefore = new Date(q.now.getTime() - q.staleDays * DAY_MS);
  return db.execute<{ key: string; open: number; stale: number }>(sql`
    select t.owner_id::text as key, count(*)::int as open,
           count(*) filter (where coalesce(t.last_activity_at, t.created_at) < ${ts(staleBefore)})::int as stale
    from deal_facts t
    where ${q.deals.where} and t.outcome = 'open' and t.owner_id = any(${uuids(q.people)})
    group by t.owner_id`);
}

/** Open deals per owner whose current stay is past its stage's time limit now. */
async function pastLimitCells(db: Db, q: AdoptionQuery) {
  return db.execute<Keyed>(sql`
    select t.owner_id::text as key, count(*)::int as n
    from deal_stage_visits t
    where ${q.deals.where} and t.left_at is null and t.kind in ('open', 'approval')
      and t.time_limit_s is not null and pw_stay_seconds(t.entered_at, ${ts(q.now)}) > t.time_limit_s
      and t.owner_id = any(${uuids(q.people)})
    group by t.owner_id`);
}

/** Refused attempts in the period on the scope's deals (action_refusals `r`), by the rows' members (and API keys). */
export function refusalsIn(
  q: AdoptionQuery,
  withApiKeys: boolean,
  columns: SQL,
  extra: SQL = sql`true`,
): SQL {
  const join = q.deals.narrowed
    ? sql`join deal_facts t on t.company_id = r.company_id and t.deal_id = r.deal_id and ${q.deals.where}`
    : sql``;
  const who = withApiKeys
    ? sql`(r.actor_id = any(${uuids(q.people)}) or r.api_key_id is not null)`
    : sql`r.actor_id = any(${uuids(q.people)})`;
  return sql`
    select ${columns}
    from action_refusals r ${join}
    where r.company_id = ${q.companyId}::uuid and r.pipeline_id = ${q.pipelineId}::uuid
      and r.at >= ${ts(q.period.from)} and r.at < ${ts(q.period.to)} and ${who} and ${extra}`;
}

async function refusedCells(db: Db, q: AdoptionQuery) {
  return db.execute<Keyed>(sql`
    select x.actor_id::text as key, count(*)::int as n
    from (${refusalsIn(q, false, sql`r.actor_id`)}) x
    group by x.actor_id`);
}

type ReasonRow = { code: string; attempts: number; deals: number; people: number };
type StageRow = { stage: string; action: string; code: string | null; attempts: number; deals: number };

/** Refusals by reason (each attempt under each of its reasons) and by stage and action (with each's reasons). */
async function refusalBreakdown(db: Db, q: AdoptionQuery, withApiKeys: boolean) {
  const base = refusalsIn(
    q,
    withApiKeys,
    sql`r.id, r.deal_id, r.stage, r.action, r.reason_codes, r.reasons, r.at, r.actor_id, r.api_key_id`,
  );
  const [byCode, byStage, samples, totals] = await Promise.all([
    db.execute<ReasonRow>(sql`
      select c.code, count(*)::int as attempts, count(distinct x.deal_id)::int as deals,
             count(distinct coalesce(x.actor_id, x.api_key_id))::int as people
      from (${base}) x cross join unnest(x.reason_codes) as c(code)
      group by c.code order by attempts desc, c.code`),
    db.execute<StageRow>(sql`
      select x.stage, x.action, c.code, count(distinct x.id)::int as attempts, count(distinct x.deal_id)::int as deals
      from (${base}) x left join lateral unnest(x.reason_codes) as c(code) on true
      group by grouping sets ((x.stage, x.action), (x.stage, x.action, c.code))`),
    db.execute<{ code: string; reasons: Refusal[] }>(sql`
      select distinct on (c.code) c.code, x.reasons
      from (${base}) x cross join unnest(x.reason_codes) as c(code)
      order by c.code, x.at desc, x.id desc`),
    db.execute<{ attempts: number; by_keys: number }>(sql`
      select count(*)::int as attempts, count(*) filter (where x.api_key_id is not null)::int as by_keys
      from (${base}) x`),
  ]);
  return { byCode: [...byCode], byStage: [...byStage], samples: [...samples], totals: totals[0]! };
}

/** What a reason names, in the reference version's words (a field, a checklist item, an action's edge). */
function reasonLabel(catalog: Catalog, code: string): LocalizedText | null {
  const { kind, ref } = parseRefusalCode(code);
  const def = catalog.definition;
  if (!ref) return null;
  if (kind === "field") return def.fields.find((f) => f.key === ref)?.name ?? null;
  if (kind === "checklist") {
    for (const n of def.nodes)
      if (n.data.kind === "stage")
        for (const item of n.data.exitChecklist ?? []) if (item.id === ref) return item.label;
    return null;
  }
  if (kind === "condition") {
    const edge = def.edges.find((e) => e.id === ref);
    if (!edge) return null;
    const name = (id: string) => def.nodes.find((n) => n.id === id)?.data.name ?? { zh: id, en: id };
    const action = edge.action?.name ?? name(edge.source);
    const to = name(edge.target);
    return { zh: `${action.zh} → ${to.zh}`, en: `${action.en} → ${to.en}` };
  }
  return null;
}

/** The name of an action of the pipeline (the first edge carrying it), in the reference version. */
function actionName(catalog: Catalog, key: string): LocalizedText | null {
  if (key === "approve" || key === "reject") return null;
  return catalog.definition.edges.find((e) => e.action?.key === key)?.action?.name ?? null;
}

/** Every figure of the Adoption tab for a member's filters. */
export async function adoption(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: AdoptionInput,
  now = new Date(),
) {
  const parsed = AdoptionInput.parse(input);
  const { filters, catalog, scope, period } = await resolve(db, company, userId, parsed.filters, now);
  const rows = await adoptionRows(db, company, userId, filters);
  const q: AdoptionQuery = {
    companyId: company.id,
    pipelineId: catalog.pipeline.id,
    versionIds: catalog.versions.map((v) => v.id),
    period,
    people: rows.people.map((p) => p.id),
    deals: adoptionDeals(company.id, catalog.pipeline.id, filters, scope),
    now,
    staleDays: parsed.staleDays,
  };
  const teamIds = rows.teams.map((t) => t.id);
  const [touched, exits, owned, pastLimit, refused, breakdown] = await Promise.all([
    touchedCells(db, q, teamIds),
    exitCells(db, q),
    ownedCells(db, q),
    pastLimitCells(db, q),
    refusedCells(db, q),
    refusalBreakdown(db, q, rows.withApiKeys),
  ]);

  const cells = new Map<string, AdoptionCells>();
  const of = (id: string) => {
    let c = cells.get(id);
    if (!c) cells.set(id, (c = { ...EMPTY_CELLS }));
    return c;
  };
  const teamTouched = new Map<string, number>();
  let totalTouched = 0;
  for (const r of touched) {
    if (r.kind === "person") of(r.key!).touched = r.n;
    else if (r.kind === "actions") of(r.key!).actions = r.n;
    else if (r.kind === "team") teamTouched.set(r.key!, r.n);
    else totalTouched = r.n;
  }
  for (const r of exits) Object.assign(of(r.key), { onTime: r.on_time, late: r.late });
  for (const r of owned) Object.assign(of(r.key), { open: r.open, stale: r.stale });
  for (const r of pastLimit) of(r.key!).pastLimit = r.n;
  for (const r of refused) of(r.key!).refused = r.n;
  const table = adoptionTable(rows.people, rows.teams, cells, { teams: teamTouched, total: totalTouched });

  const sample = new Map(
    breakdown.samples.map((s) => [s.code, s.reasons.find((r) => refusalCode(r) === s.code)?.message ?? null]),
  );
  const byReason = breakdown.byCode.map((r) => ({
    ...r,
    kind: parseRefusalCode(r.code).kind,
    label: reasonLabel(catalog, r.code),
    message: sample.get(r.code) ?? null,
  }));
  const stageRows = breakdown.byStage.filter((r) => r.code === null);
  const byStage = stageRows
    .map((r) => ({
      stage: r.stage,
      action: r.action,
      actionName: actionName(catalog, r.action),
      attempts: r.attempts,
      deals: r.deals,
      reasons: breakdown.byStage
        .filter((x) => x.code !== null && x.stage === r.stage && x.action === r.action)
        .sort((a, b) => b.attempts - a.attempts || a.code!.localeCompare(b.code!))
        .map((x) => ({ code: x.code!, attempts: x.attempts })),
    }))
    .sort(
      (a, b) => b.attempts - a.attempts || a.stage.localeCompare(b.stage) || a.action.localeCompare(b.action),
    );

  return {
    pipeline: catalog.pipeline,
    period,
    now,
    staleDays: parsed.staleDays,
    scope: { all: scope.all, role: company.role },
    stages: [...catalog.states.values()].map((s) => ({ key: s.key, name: s.name, kind: s.kind })),
    ...table,
    refusals: {
      attempts: breakdown.totals.attempts,
      byApiKeys: rows.withApiKeys ? breakdown.totals.by_keys : 0,
      byReason,
      byStage,
    },
  };
}

export type Adoption = Awaited<ReturnType<typeof adoption>>;
