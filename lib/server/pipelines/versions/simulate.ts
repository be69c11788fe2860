import "server-only";
import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Sql } from "postgres";
import type { Db } from "@/lib/server/db/client";
import { dealEvents, deals, pipelineVersions } from "@/lib/server/db/schema";
import { dealValues } from "@/lib/server/deals/values";
import { appError } from "@/lib/server/errors";
import { compile, hasErrors } from "@/workflows/compiler";
import { createProgram } from "@/workflows/runtime";
import {
  simulate,
  type DealHistory,
  type HistoryEvent,
  type RecordedChecklists,
} from "@/workflows/versions/simulate";

/** At most this many deals are replayed in one run (the newest activity first); the rest is reported as left out. */
export const SIMULATION_MAX_DEALS = 20_000;

/**
 * Replays the histories of the pipeline's deals active in the last `months` months through a
 * version (drafts included), as workflows/versions/simulate.ts explains. Reads only.
 */
export async function simulateVersion(
  db: Db,
  companyId: string,
  input: { versionId: string; months: number },
  now = new Date(),
) {
  const [version] = await db
    .select({
      id: pipelineVersions.id,
      pipelineId: pipelineVersions.pipelineId,
      number: pipelineVersions.number,
      status: pipelineVersions.status,
      definition: pipelineVersions.definition,
    })
    .from(pipelineVersions)
    .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.id, input.versionId)));
  if (!version) throw appError("NOT_FOUND", "versionNotFound");
  const compiled = compile(version.definition);
  if (hasErrors(compiled)) {
    const count = compiled.diagnostics.filter((d) => d.severity === "error").length;
    throw appError("BAD_REQUEST", "simulationHasErrors", { count });
  }
  const program = createProgram(version.definition, compiled);

  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - input.months);
  const histories = await loadHistories(db, companyId, version.pipelineId, since);
  const truncated = histories.size > SIMULATION_MAX_DEALS;
  if (truncated) histories.delete([...histories.keys()].at(-1)!);
  await loadEvents(db, companyId, histories);

  // The exit checklists of the versions the histories ran on: what an action that went through had ticked.
  const versionIds = new Set<string>();
  for (const history of histories.values()) for (const e of history.events) versionIds.add(e.versionId!);
  const recorded: RecordedChecklists = {};
  if (versionIds.size) {
    const ran = await db
      .select({ id: pipelineVersions.id, definition: pipelineVersions.definition })
      .from(pipelineVersions)
      .where(and(eq(pipelineVersions.companyId, companyId), inArray(pipelineVersions.id, [...versionIds])));
    for (const v of ran) {
      const stages: Record<string, string[]> = {};
      for (const node of v.definition.nodes)
        if (node.data.kind === "stage" && node.data.exitChecklist.length)
          stages[node.data.key] = node.data.exitChecklist.map((item) => item.id);
      recorded[v.id] = stages;
    }
  }

  return {
    version: {
      id: version.id,
      pipelineId: version.pipelineId,
      number: version.number,
      status: version.status,
    },
    months: input.months,
    since: since.toISOString(),
    truncated,
    report: simulate(program, [...histories.values()], now, recorded),
  };
}

/*
 * Loading is shaped so that its cost follows the rows read whatever the planner believes: right
 * after a bulk import or seed, before any ANALYZE, the statistics say "one deal", and a plan that
 * joined the deals to an aggregated subquery of their events re-ran the aggregate once per deal
 * (10,000 deals: 50 million rows compared, 20–40 s). Here every step is driven by an index:
 *
 * 1. the deals to replay: the pipeline's deals joined to their events in the window *before*
 *    grouping (one index probe of deal_events (company, deal, at) per deal, or one range scan of
 *    (company, at) — either is linear), the newest activity first, one more than the cap;
 * 2. those deals' rows, by primary key;
 * 3. their events in one query ordered by deal and time, read through a cursor in batches, so
 *    the histories fill while Postgres still sends and no second copy of the result is held.
 */

/** The deals active since `since`, most recently active first, at most one more than the cap. */
async function loadHistories(db: Db, companyId: string, pipelineId: string, since: Date) {
  const last = sql<string>`max(${dealEvents.at})`;
  const picked = await db
    .select({ id: dealEvents.dealId })
    .from(dealEvents)
    .innerJoin(deals, and(eq(deals.companyId, dealEvents.companyId), eq(deals.id, dealEvents.dealId)))
    .where(
      and(
        eq(dealEvents.companyId, companyId),
        eq(deals.pipelineId, pipelineId),
        gte(dealEvents.at, sql`${since.toISOString()}::timestamptz`),
      ),
    )
    .groupBy(dealEvents.dealId)
    .orderBy(desc(last), asc(dealEvents.dealId))
    .limit(SIMULATION_MAX_DEALS + 1);
  const ids = picked.map((p) => p.id);
  const rows = ids.length
    ? await db
        .select({
          id: deals.id,
          title: deals.title,
          account: deals.account,
          amount: deals.amount,
          fields: deals.fields,
          stage: deals.stage,
          closedAt: deals.closedAt,
          checklist: deals.checklist,
        })
        .from(deals)
        .where(and(eq(deals.companyId, companyId), sql`${deals.id} = any(${uuidArray(ids)})`))
    : [];
  const byId = new Map(rows.map((d) => [d.id, d]));
  // In the order picked: the report lists refused deals in it.
  return new Map<string, DealHistory>(
    ids.map((id) => {
      const d = byId.get(id)!;
      return [
        id,
        {
          id,
          title: d.title,
          stage: d.stage,
          // Won or lost is not needed here: only whether the deal is still open.
          outcome: d.closedAt ? "won" : "open",
          values: dealValues(d),
          checklist: d.checklist,
          events: [],
        },
      ];
    }),
  );
}

/** An event as the replay reads it, with its deal: the row is pushed as it comes, not copied. */
type EventRow = HistoryEvent & { dealId: string };

/** Every event of the histories' deals, oldest first per deal, in one query read in batches. */
async function loadEvents(db: Db, companyId: string, histories: Map<string, DealHistory>) {
  if (!histories.size) return;
  // drizzle has no cursors: the query goes to its postgres.js client, which drizzle's Db carries.
  const client = (db as Db & { $client: Sql }).$client;
  const ids = uuidLiteral([...histories.keys()]);
  // `at` as Date.toISOString() writes it (UTC, milliseconds cut, not rounded, as a Date parses
  // Postgres' microseconds), so 50,000 timestamps are not parsed into Dates only to be printed.
  const query = client<EventRow[]>`
    select deal_id as "dealId", type, action, from_stage as "fromStage", to_stage as "toStage",
      to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
      changes, pipeline_version_id as "versionId"
    from deal_events
    where company_id = ${companyId} and deal_id = any(${ids}::uuid[])
    order by deal_id, deal_events.at, id`;
  for await (const batch of query.cursor(EVENT_BATCH))
    for (const e of batch) histories.get(e.dealId)!.events.push(e);
}

const EVENT_BATCH = 5_000;

/** Ids as one uuid[] parameter (not one parameter each: 20,000 of them would be parsed and planned). */
const uuidLiteral = (ids: string[]) => `{${ids.join(",")}}`;
const uuidArray = (ids: string[]) => sql`${uuidLiteral(ids)}::uuid[]`;
