/**
 * Analytics at scale: a company with a million deals (BENCH_ANALYTICS_DEALS to change it) and
 * about six million events, generated in SQL (lib/server/seed/analytics-scale.ts), then the
 * funnel, time-in-stage and win-rate figures for the last twelve months, each computed the way
 * the dashboard does (read model, rollup, index-only scans) and naively from deal_events:
 * `funnel_1m_deals_p50_ms` / `…_naive_ms`, `time_in_stage_1m_deals_p50_ms` / `…_naive_ms`,
 * `win_rate_1m_deals_p50_ms` / `…_naive_ms`; and the Adoption tab for this week and this month,
 * `adoption_1m_deals_p50_ms` and `adoption_month_1m_deals_p50_ms`. Its own database on the
 * server given, dropped after.
 */
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDb } from "@/lib/server/db/client";
import { runMigrations } from "@/lib/server/db/migrate";
import { generateScaleCompany } from "@/lib/server/seed/analytics-scale";
import {
  funnel,
  funnelSteps,
  outcomes,
  presetPeriod,
  statesOf,
  timeInStage,
  type FunnelGroup,
} from "@/lib/analytics";
import {
  closedCells,
  funnelGroups,
  openCells,
  stayCells,
  type QueryScope,
} from "@/lib/server/analytics/queries";
import { adoption } from "@/lib/server/analytics/adoption";
import { defaultProcess } from "@/workflows/templates/default-process";

type Print = (name: string, value: number, unit: string) => void;

const RUNS = 11;
const NAIVE_RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function p50<T>(runs: number, fn: () => Promise<T>): Promise<[number, T]> {
  let last!: T;
  last = await fn(); // warm the cache and the plan
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await fn();
    times.push(performance.now() - started);
  }
  return [median(times), last];
}

export async function benchAnalytics1M(server: string, print: Print, deals: number) {
  const name = `pw_bench_analytics_${process.pid}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  try {
    await runMigrations(url.toString());
    const raw = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const started = performance.now();
    const made = await generateScaleCompany(raw, { deals });
    print("analytics_generate_s", (performance.now() - started) / 1000, "s");
    print("analytics_deals", made.deals, "deals");
    print("analytics_events", made.events, "events");
    await raw.end({ timeout: 5 });

    const handle = openDb(url.toString(), { max: 4 });
    const db = handle.db;
    const now = new Date();
    const period = presetPeriod("last12Months", now);
    const from = period.from.toISOString();
    const to = period.to.toISOString();
    const states = statesOf(defaultProcess);
    const steps = funnelSteps(defaultProcess);
    const kindOf = (k: string) => states.get(k)?.kind;
    const q: QueryScope = {
      companyId: made.companyId,
      pipelineId: made.pipelineId,
      filters: { teamIds: [], ownerIds: [], industry: [], region: [], source: [], priorities: [] },
      scope: { all: true },
    };

    const [funnelMs, f] = await p50(RUNS, async () =>
      funnel(await funnelGroups(db, q, period, "cohort"), steps),
    );
    print("funnel_1m_deals_p50_ms", funnelMs, "ms");
    const [funnelNaiveMs, naive] = await p50(NAIVE_RUNS, async () => {
      const rows = await db.execute<{ reached: string[]; stage: string; deals: number }>(sql`
        with cohort as (
          select deal_id from deal_events
          where company_id = ${made.companyId}::uuid and type = 'created'
            and at >= ${from}::timestamptz and at < ${to}::timestamptz
        ), per_deal as (
          select e.deal_id, array_agg(distinct e.to_stage) as reached,
                 (array_agg(e.to_stage order by e.id desc))[1] as stage
          from deal_events e join cohort c on c.deal_id = e.deal_id
          where e.company_id = ${made.companyId}::uuid and e.to_stage is not null
          group by e.deal_id
        )
        select reached, stage, count(*)::int as deals from per_deal group by reached, stage`);
      const groups: FunnelGroup[] = rows.map((r) => {
        const kind = kindOf(r.stage);
        return {
          reached: r.reached,
          stage: r.stage,
          outcome: kind === "won" || kind === "lost" ? kind : "open",
          deals: r.deals,
          amount: 0,
        };
      });
      return funnel(groups, steps);
    });
    print("funnel_1m_deals_naive_ms", funnelNaiveMs, "ms");
    if (naive.steps.map((s) => s.reached).join() !== f.steps.map((s) => s.reached).join())
      console.warn("bench analytics: the naive funnel counts differ from the read model's");

    const [stayMs] = await p50(RUNS, async () =>
      timeInStage(await stayCells(db, q, period), await openCells(db, q, now), steps, kindOf),
    );
    print("time_in_stage_1m_deals_p50_ms", stayMs, "ms");
    const [stayNaiveMs] = await p50(NAIVE_RUNS, () =>
      db.execute(sql`
        with ev as (
          select deal_id, id, type, to_stage, at,
                 lag(to_stage) over (partition by deal_id order by id) as prev
          from deal_events
          where company_id = ${made.companyId}::uuid and to_stage is not null
        ), stays as (
          select deal_id, to_stage as stage, at as entered,
                 lead(at) over (partition by deal_id order by id) as left_at
          from ev where type = 'created' or prev is distinct from to_stage
        )
        select stage, count(*)::int as visits,
               percentile_disc(array[0.5, 0.75, 0.9]) within group (order by left_at - entered) as p
        from stays
        where left_at >= ${from}::timestamptz and left_at < ${to}::timestamptz and stage not in ('won', 'lost')
        group by stage`),
    );
    print("time_in_stage_1m_deals_naive_ms", stayNaiveMs, "ms");

    const [winMs, won] = await p50(RUNS, async () => outcomes(await closedCells(db, q, period)));
    print("win_rate_1m_deals_p50_ms", winMs, "ms");
    const [winNaiveMs, naiveWin] = await p50(NAIVE_RUNS, () =>
      db.execute<{ stage: string; deals: number }>(sql`
        with last as (
          select distinct on (deal_id) deal_id, to_stage, at
          from deal_events
          where company_id = ${made.companyId}::uuid and to_stage is not null
          order by deal_id, id desc
        )
        select l.to_stage as stage, count(*)::int as deals
        from last l
        where l.to_stage in ('won', 'lost') and l.at >= ${from}::timestamptz and l.at < ${to}::timestamptz
        group by l.to_stage`),
    );
    print("win_rate_1m_deals_naive_ms", winNaiveMs, "ms");
    if (naiveWin.find((r) => r.stage === "won")?.deals !== won.won)
      console.warn("bench analytics: the naive win count differs from the read model's");

    // The Adoption tab as the admin opens it: every member's and team's week (130 people), stale
    // after 14 days, refusals by reason and by stage and action — and the same for this month.
    const admin = { id: made.companyId, name: "", role: "admin" as const };
    const [adoptionMs] = await p50(RUNS, () =>
      adoption(db, admin, made.adminId, { filters: { period: "thisWeek" }, staleDays: 14 }, now),
    );
    print("adoption_1m_deals_p50_ms", adoptionMs, "ms");
    const [adoptionMonthMs] = await p50(NAIVE_RUNS, () =>
      adoption(db, admin, made.adminId, { filters: { period: "thisMonth" }, staleDays: 14 }, now),
    );
    print("adoption_month_1m_deals_p50_ms", adoptionMonthMs, "ms");
    await handle.close();
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  }
}

// `npm run bench:analytics`: against BENCH_DATABASE_URL (a server; a database of its own is made).
if (import.meta.url === `file://${process.argv[1]}`) {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) {
    console.error(
      "set BENCH_DATABASE_URL to a Postgres server, e.g. postgres://postgres@127.0.0.1:5432/postgres",
    );
    process.exit(2);
  }
  const print: Print = (n, v, unit) => console.log(`bench ${n}: ${v.toFixed(2)} ${unit}`);
  await benchAnalytics1M(server, print, Number(process.env.BENCH_ANALYTICS_DEALS ?? 1_000_000));
  process.exit(0);
}
