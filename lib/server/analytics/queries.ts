import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import {
  beijingDay,
  splitByMonth,
  type ClosedCell,
  type ExpectedCell,
  type FunnelGroup,
  type FunnelMode,
  type OpenCell,
  type OpenStageCell,
  type Period,
  type StayCell,
  type WonCell,
} from "@/lib/analytics";
import type { AnalyticsFilters } from "@/lib/validation/analytics";
import { scopeWhere, unfiltered, type DealScope } from "./scope";

/*
 * The SQL behind each figure (docs/analytics.md): each returns the rows the pure functions of
 * lib/analytics turn into figures, so the database groups millions of rows into a few hundred and
 * the definitions live in one place. Dates go in as ISO text (postgres.js).
 */

export type QueryScope = {
  companyId: string;
  pipelineId: string;
  filters: Pick<
    AnalyticsFilters,
    "versionId" | "teamIds" | "ownerIds" | "industry" | "region" | "source" | "priorities"
  >;
  scope: DealScope;
};

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const where = (q: QueryScope) => scopeWhere(q.companyId, q.pipelineId, q.filters, q.scope);

type GroupRow = { reached: string[]; outcome: string; stage: string; deals: number; amount: number };
const toGroup = (r: GroupRow): FunnelGroup => ({ ...r, outcome: r.outcome as FunnelGroup["outcome"] });
const dates = (days: string[]) => sql.raw(`'{${days.join(",")}}'::date[]`);
const versionOf = (q: QueryScope) =>
  q.filters.versionId ? sql`and pipeline_version_id = ${q.filters.versionId}::uuid` : sql``;

/** Deals of the scope in the funnel's population, from deal_facts: created in `parts` (cohort), or in play. */
async function rawGroups(db: Db, q: QueryScope, population: SQL): Promise<FunnelGroup[]> {
  const rows = await db.execute<GroupRow>(sql`
    select t.reached, t.outcome, t.stage, count(*)::int as deals, coalesce(sum(t.amount), 0)::float8 as amount
    from deal_facts t
    where ${where(q)} and ${population}
    group by t.reached, t.outcome, t.stage`);
  return rows.map(toGroup);
}

/**
 * Deals in the funnel's population, grouped by stages reached, outcome and current stage: whole
 * Beijing months from the monthly counts when nothing narrows the deals, partial months (and any
 * filtered scope) from deal_facts.
 */
export async function funnelGroups(
  db: Db,
  q: QueryScope,
  period: Period,
  mode: FunnelMode,
): Promise<FunnelGroup[]> {
  const created = (p: Period) => sql`(t.created_at >= ${ts(p.from)} and t.created_at < ${ts(p.to)})`;
  const inPlay = sql`t.created_at < ${ts(period.to)} and (t.closed_at is null or t.closed_at >= ${ts(period.from)})`;
  const { months, edges } = splitByMonth(period);
  const rolled = unfiltered(q.filters, q.scope) && months.length > 0;
  if (!rolled || (mode === "active" && edges.length))
    return rawGroups(db, q, mode === "cohort" ? created(period) : inPlay);
  const monthly = (population: SQL) =>
    db.execute<GroupRow>(sql`
      select reached, outcome, stage, sum(deals)::int as deals, sum(amount)::float8 as amount
      from deal_funnel_months
      where company_id = ${q.companyId}::uuid and pipeline_id = ${q.pipelineId}::uuid ${versionOf(q)} and ${population}
      group by reached, outcome, stage
      having sum(deals) <> 0`);
  if (mode === "active") {
    const first = months[0]!;
    const end = beijingDay(period.to);
    return (await monthly(sql`created_month < ${end}::date and closed_month >= ${first}::date`)).map(toGroup);
  }
  const [whole, partial] = await Promise.all([
    monthly(sql`created_month = any(${dates(months)})`),
    edges.length
      ? rawGroups(db, q, sql`(${sql.join(edges.map(created), sql` or `)})`)
      : Promise.resolve([] as FunnelGroup[]),
  ]);
  return [...whole.map(toGroup), ...partial];
}

type StayRow = {
  stage: string;
  next_stage: string;
  bucket: number;
  visits: number;
  breached: number;
  stay_sum: number;
};
const toCell = (r: StayRow): StayCell => ({
  stage: r.stage,
  nextStage: r.next_stage,
  bucket: r.bucket,
  visits: r.visits,
  breached: r.breached,
  staySum: r.stay_sum,
});

/** Ended stays (open stages and approvals) of visits of the scope that ended in [from, to), from the visits. */
async function rawStays(db: Db, q: QueryScope, parts: Period[]): Promise<StayCell[]> {
  if (!parts.length) return [];
  const during = sql.join(
    parts.map((p) => sql`(t.left_at >= ${ts(p.from)} and t.left_at < ${ts(p.to)})`),
    sql` or `,
  );
  const rows = await db.execute<StayRow>(sql`
    select stage, next_stage, pw_stay_bucket(stay) as bucket, count(*)::int as visits,
           sum((time_limit_s is not null and stay > time_limit_s)::int)::int as breached,
           sum(stay)::float8 as stay_sum
    from (select t.stage, t.next_stage, t.time_limit_s, pw_stay_seconds(t.entered_at, t.left_at) as stay
          from deal_stage_visits t
          where ${where(q)} and t.left_at is not null and (${during}) and t.kind in ('open', 'approval')) x
    group by stage, next_stage, bucket`);
  return rows.map(toCell);
}

/**
 * Ended stays for a period: whole Beijing months from the monthly rollup when nothing narrows the
 * deals, the partial months at the edges (and any filtered scope) from the visits.
 */
export async function stayCells(db: Db, q: QueryScope, period: Period): Promise<StayCell[]> {
  if (!unfiltered(q.filters, q.scope)) return rawStays(db, q, [period]);
  const { months, edges } = splitByMonth(period);
  const [whole, partial] = await Promise.all([
    months.length
      ? db.execute<StayRow>(sql`
          select stage, next_stage, bucket, sum(visits)::int as visits, sum(breached)::int as breached,
                 sum(stay_sum)::float8 as stay_sum
          from stage_visit_months
          where company_id = ${q.companyId}::uuid and pipeline_id = ${q.pipelineId}::uuid
            and month = any(${dates(months)}) ${versionOf(q)}
          group by stage, next_stage, bucket`)
      : Promise.resolve([] as StayRow[]),
    rawStays(db, q, edges),
  ]);
  return [...whole.map(toCell), ...partial];
}

/** Stays going on now (open stages and approvals): how many, how many past their limit. */
export async function openCells(db: Db, q: QueryScope, now: Date): Promise<OpenCell[]> {
  return db.execute<OpenCell>(sql`
    select t.stage, count(*)::int as visits,
           (count(*) filter (where t.time_limit_s is not null
                             and pw_stay_seconds(t.entered_at, ${ts(now)}) > t.time_limit_s))::int as overdue
    from deal_stage_visits t
    where ${where(q)} and t.left_at is null and t.kind in ('open', 'approval')
    group by t.stage`);
}

type ClosedRow = {
  outcome: "won" | "lost";
  bucket: number;
  deals: number;
  amount: number;
  cycle_sum: number;
};
const toClosed = (r: ClosedRow): ClosedCell => ({
  outcome: r.outcome,
  bucket: r.bucket,
  deals: r.deals,
  amount: r.amount,
  cycleSum: r.cycle_sum,
});

/**
 * Deals whose last close falls in the period, by outcome and sales-cycle bucket: whole months from
 * the monthly counts when nothing narrows the deals, the rest from deal_facts.
 */
export async function closedCells(db: Db, q: QueryScope, period: Period): Promise<ClosedCell[]> {
  const raw = async (parts: Period[]) => {
    if (!parts.length) return [] as ClosedCell[];
    const during = sql.join(
      parts.map((p) => sql`(t.closed_at >= ${ts(p.from)} and t.closed_at < ${ts(p.to)})`),
      sql` or `,
    );
    const rows = await db.execute<ClosedRow>(sql`
      select outcome, pw_stay_bucket(cycle) as bucket, count(*)::int as deals,
             coalesce(sum(amount), 0)::float8 as amount, sum(cycle)::float8 as cycle_sum
      from (select t.outcome, t.amount, pw_stay_seconds(t.created_at, t.closed_at) as cycle
            from deal_facts t
            where ${where(q)} and t.outcome in ('won', 'lost') and (${during})) x
      group by outcome, bucket`);
    return rows.map(toClosed);
  };
  const { months, edges } = splitByMonth(period);
  if (!unfiltered(q.filters, q.scope) || !months.length) return raw([period]);
  const [whole, partial] = await Promise.all([
    db.execute<ClosedRow>(sql`
      select outcome, bucket, sum(deals)::int as deals, sum(amount)::float8 as amount,
             sum(cycle_sum)::float8 as cycle_sum
      from deal_close_months
      where company_id = ${q.companyId}::uuid and pipeline_id = ${q.pipelineId}::uuid
        and closed_month = any(${dates(months)}) ${versionOf(q)}
      group by outcome, bucket
      having sum(deals) <> 0`),
    raw(edges),
  ]);
  return [...whole.map(toClosed), ...partial];
}

const weighted = sql`coalesce(sum(coalesce(t.amount, 0) * coalesce(t.probability, 0) / 100), 0)::float8`;

/** Deals open now, by stage: count, amount, weighted amount. */
export async function openStageCells(db: Db, q: QueryScope): Promise<OpenStageCell[]> {
  return db.execute<OpenStageCell>(sql`
    select t.stage, count(*)::int as deals, coalesce(sum(t.amount), 0)::float8 as amount, ${weighted} as weighted
    from deal_facts t
    where ${where(q)} and t.outcome = 'open'
    group by t.stage`);
}

/** Deals open now by expected close month, and deals won since `since` by Beijing month of close. */
export async function forecastCells(
  db: Db,
  q: QueryScope,
  since: Date,
): Promise<{ open: ExpectedCell[]; won: WonCell[] }> {
  const [open, won] = await Promise.all([
    db.execute<ExpectedCell>(sql`
      select to_char(t.expected_close, 'YYYY-MM') as month, count(*)::int as deals,
             coalesce(sum(t.amount), 0)::float8 as amount, ${weighted} as weighted
      from deal_facts t
      where ${where(q)} and t.outcome = 'open'
      group by 1`),
    db.execute<WonCell>(sql`
      select to_char(pw_beijing_month(t.closed_at), 'YYYY-MM') as month, count(*)::int as deals,
             coalesce(sum(t.amount), 0)::float8 as amount
      from deal_facts t
      where ${where(q)} and t.outcome = 'won' and t.closed_at >= ${ts(since)}
      group by 1`),
  ]);
  return { open: [...open], won: [...won] };
}
