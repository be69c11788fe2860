import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import type { CompanyScope } from "@/lib/server/api/context";
import { ACTION_TYPES, ACTIVITY_TYPES } from "@/lib/analytics";
import type { AnalyticsFilters, DrillFigure } from "@/lib/validation/analytics";
import { memberEvents, refusalsIn, type AdoptionQuery } from "./adoption";
import { adoptionDeals, adoptionRows, uuids } from "./adoption-scope";
import { resolve } from "./dashboard";
import type { DrillRow } from "./drill";

type AdoptionFigure = Extract<DrillFigure, { kind: "adoption" }>;

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const texts = (list: readonly string[]) => sql.raw(`'{${list.join(",")}}'::text[]`);

/**
 * The deals behind an adoption number (docs/analytics.md, Adoption), under the same rows and deal
 * scope as the figure: of one member, a team's members or everyone in the rows. Deals touched,
 * open, stale and refused list each deal once with its latest such moment (`at`); past the limit
 * lists the stays going on, stages left on time or late the stays that ended.
 */
export async function adoptionDrill(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: { filters: AnalyticsFilters; figure: AdoptionFigure; limit: number },
  now = new Date(),
): Promise<{ total: number; rows: DrillRow[] }> {
  const { filters, catalog, scope, period } = await resolve(db, company, userId, input.filters, now);
  const f = input.figure;
  const rows = await adoptionRows(db, company, userId, filters);
  const teamOk = !f.teamId || rows.teams.some((t) => t.id === f.teamId);
  const people = rows.people
    .filter((p) => (!f.personId || p.id === f.personId) && (!f.teamId || p.teamIds.includes(f.teamId)))
    .map((p) => p.id);
  if (!teamOk || (people.length === 0 && !(f.measure === "refused" && rows.withApiKeys)))
    return { total: 0, rows: [] };
  const q: AdoptionQuery = {
    companyId: company.id,
    pipelineId: catalog.pipeline.id,
    versionIds: catalog.versions.map((v) => v.id),
    period,
    people,
    deals: adoptionDeals(company.id, catalog.pipeline.id, filters, scope),
    now,
    staleDays: f.staleDays,
  };
  const limit = input.limit;
  const deals = async (picked: SQL) => {
    const result = await db.execute<DrillRow & { total: number }>(sql`
      with picked as (${picked})
      select t.deal_id as "dealId", d.title, d.account, u.name as "ownerName", t.stage, t.amount::float8 as amount,
             d.currency, t.created_at as "createdAt", t.closed_at as "closedAt", null as "enteredAt",
             null as "leftAt", null as "staySeconds", p.at, count(*) over ()::int as total
      from picked p
      join deal_facts t on t.company_id = ${company.id}::uuid and t.deal_id = p.deal_id
      join deals d on d.company_id = t.company_id and d.id = t.deal_id
      left join users u on u.id = t.owner_id
      where ${q.deals.where}
      order by p.at desc nulls last, d.title, t.deal_id
      limit ${limit}`);
    return [...result];
  };
  /** Stays (alias `t` in `from`) with the deal and the stay; going on, counted to now. */
  const stays = async (from: SQL, condition: SQL) => {
    const result = await db.execute<DrillRow & { total: number }>(sql`
      select t.deal_id as "dealId", d.title, d.account, u.name as "ownerName", t.stage, d.amount::float8 as amount,
             d.currency, d.created_at as "createdAt", d.closed_at as "closedAt", t.entered_at as "enteredAt",
             t.left_at as "leftAt",
             pw_stay_seconds(t.entered_at, coalesce(t.left_at, ${ts(now)}))::float8 as "staySeconds",
             null as at, count(*) over ()::int as total
      from ${from}
      join deals d on d.company_id = t.company_id and d.id = t.deal_id
      left join users u on u.id = d.owner_id
      where ${condition}
      order by "staySeconds" desc, d.title, t.deal_id, t.seq
      limit ${limit}`);
    return [...result];
  };
  const staleBefore = new Date(now.getTime() - f.staleDays * 86_400_000);
  const ownedBy = sql`t.owner_id = any(${uuids(people)})`;

  let found: (DrillRow & { total: number })[];
  switch (f.measure) {
    case "touched":
      found = await deals(sql`
        select e.deal_id, max(e.at) as at
        from (${memberEvents(q, sql`e.type = any(${texts(ACTIVITY_TYPES)})`, sql`e.deal_id, e.at`)}) e
        group by e.deal_id`);
      break;
    case "open":
    case "stale":
      found = await deals(sql`
        select t.deal_id, coalesce(t.last_activity_at, t.created_at) as at
        from deal_facts t
        where ${q.deals.where} and t.outcome = 'open' and ${ownedBy}
          ${f.measure === "stale" ? sql`and coalesce(t.last_activity_at, t.created_at) < ${ts(staleBefore)}` : sql``}`);
      break;
    case "pastLimit":
      found = await stays(
        sql`deal_stage_visits t`,
        sql`${q.deals.where} and ${ownedBy} and t.left_at is null and t.kind in ('open', 'approval')
          and t.time_limit_s is not null and pw_stay_seconds(t.entered_at, ${ts(now)}) > t.time_limit_s`,
      );
      break;
    case "onTime":
    case "late": {
      const exits = memberEvents(
        q,
        sql`e.type = any(${texts(ACTION_TYPES)}) and e.to_stage is distinct from e.from_stage`,
        sql`e.deal_id, e.from_stage, e.at`,
      );
      found = await stays(
        sql`(${exits}) x join deal_stage_visits t on t.company_id = ${company.id}::uuid and t.deal_id = x.deal_id
          and t.left_at = x.at and t.stage = x.from_stage`,
        sql`t.time_limit_s is not null and t.kind in ('open', 'approval')
          and t.pipeline_id = ${q.pipelineId}::uuid and t.left_at >= ${ts(period.from)} and t.left_at < ${ts(period.to)}
          and pw_stay_seconds(t.entered_at, t.left_at) ${f.measure === "late" ? sql`>` : sql`<=`} t.time_limit_s`,
      );
      break;
    }
    case "refused": {
      const narrowed = [
        f.code ? sql`${f.code} = any(r.reason_codes)` : null,
        f.stage ? sql`r.stage = ${f.stage}` : null,
        f.action ? sql`r.action = ${f.action}` : null,
      ].filter((x): x is SQL => x !== null);
      const keys = rows.withApiKeys && !f.personId && !f.teamId;
      found = await deals(sql`
        select x.deal_id, max(x.at) as at
        from (${refusalsIn(q, keys, sql`r.deal_id, r.at`, narrowed.length ? sql.join(narrowed, sql` and `) : sql`true`)}) x
        group by x.deal_id`);
      break;
    }
  }
  const toDate = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    total: found[0]?.total ?? 0,
    rows: found.map(({ total: _total, ...r }) => ({
      ...r,
      createdAt: new Date(r.createdAt),
      closedAt: toDate(r.closedAt),
      enteredAt: toDate(r.enteredAt),
      leftAt: toDate(r.leftAt),
      at: toDate(r.at),
    })),
  };
}
