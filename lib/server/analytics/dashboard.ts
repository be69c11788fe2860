import "server-only";
import type { Db } from "@/lib/server/db/client";
import type { CompanyScope } from "@/lib/server/api/context";
import {
  beijingMonth,
  beijingMonthStart,
  bottlenecks,
  customPeriod,
  forecast,
  funnel,
  outcomes,
  presetPeriod,
  previousPeriod,
  timeInStage,
  weightedPipeline,
  type Period,
} from "@/lib/analytics";
import { AnalyticsFilters, type AnalyticsFiltersInput } from "@/lib/validation/analytics";
import { loadCatalog } from "./catalog";
import {
  closedCells,
  forecastCells,
  funnelGroups,
  openCells,
  openStageCells,
  stayCells,
  type QueryScope,
} from "./queries";
import { dealScope } from "./scope";

/** The period the filters name. */
export function periodOf(filters: AnalyticsFilters, now: Date): Period {
  return filters.period === "custom"
    ? customPeriod(filters.from!, filters.to!)
    : presetPeriod(filters.period, now);
}

/** Everything a member's filters need before the figures: the pipeline's catalog, the scope, the periods. */
export async function resolve(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: AnalyticsFiltersInput,
  now: Date,
) {
  const filters = AnalyticsFilters.parse(input);
  const [catalog, scope] = await Promise.all([
    loadCatalog(db, company.id, filters.pipelineId, filters.versionId),
    dealScope(db, company, userId),
  ]);
  const period = periodOf(filters, now);
  const q: QueryScope = { companyId: company.id, pipelineId: catalog.pipeline.id, filters, scope };
  return { filters, catalog, scope, period, previous: previousPeriod(period), q };
}

/**
 * Every figure of the dashboard for a member's filters (docs/analytics.md), the previous period's
 * beside the ones a change is shown for. The queries run side by side on the pool.
 */
export async function dashboard(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: AnalyticsFiltersInput,
  now = new Date(),
) {
  const { filters, catalog, scope, period, previous, q } = await resolve(db, company, userId, input, now);
  const { year, month } = beijingMonth(now);
  const [groups, prevGroups, stays, prevStays, open, closed, prevClosed, openStages, expected] =
    await Promise.all([
      funnelGroups(db, q, period, filters.mode),
      funnelGroups(db, q, previous, filters.mode),
      stayCells(db, q, period),
      stayCells(db, q, previous),
      openCells(db, q, now),
      closedCells(db, q, period),
      closedCells(db, q, previous),
      openStageCells(db, q),
      forecastCells(db, q, beijingMonthStart(year, month)),
    ]);
  const kindOf = (stage: string) => catalog.states.get(stage)?.kind;
  const times = timeInStage(stays, open, catalog.steps, kindOf);
  const prevTimes = timeInStage(prevStays, [], catalog.steps, kindOf);
  const stageOrder = [...catalog.steps.steps, ...catalog.steps.side];
  return {
    pipeline: catalog.pipeline,
    versions: catalog.versions,
    reference: catalog.reference,
    filters,
    period,
    previous,
    scope: { all: scope.all },
    stages: [...catalog.states.values()].map((s) => ({
      key: s.key,
      name: s.name,
      kind: s.kind,
      probability: s.probability,
      timeLimitS: s.timeLimitS,
    })),
    steps: catalog.steps,
    funnel: funnel(groups, catalog.steps),
    previousFunnel: funnel(prevGroups, catalog.steps),
    timeInStage: times,
    previousTimeInStage: prevTimes,
    bottlenecks: bottlenecks(
      times,
      prevTimes,
      catalog.steps,
      (k) => catalog.states.get(k)?.timeLimitS ?? null,
    ),
    outcomes: outcomes(closed),
    previousOutcomes: outcomes(prevClosed),
    pipelineNow: weightedPipeline(openStages, stageOrder),
    forecast: forecast(expected.open, expected.won, now),
    now,
  };
}

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;
