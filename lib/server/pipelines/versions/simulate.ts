import "server-only";
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { dealEvents, deals, pipelineVersions } from "@/lib/server/db/schema";
import { dealValues } from "@/lib/server/deals/values";
import { appError } from "@/lib/server/errors";
import { compile, hasErrors } from "@/workflows/compiler";
import { createProgram } from "@/workflows/runtime";
import { simulate, type DealHistory, type RecordedChecklists } from "@/workflows/versions/simulate";

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
  const active = db
    .select({ dealId: dealEvents.dealId, last: sql<string>`max(${dealEvents.at})`.as("last") })
    .from(dealEvents)
    .where(
      and(eq(dealEvents.companyId, companyId), gte(dealEvents.at, sql`${since.toISOString()}::timestamptz`)),
    )
    .groupBy(dealEvents.dealId)
    .as("active");
  const rows = await db
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
    .innerJoin(active, eq(active.dealId, deals.id))
    .where(and(eq(deals.companyId, companyId), eq(deals.pipelineId, version.pipelineId)))
    .orderBy(sql`${active.last} desc`, asc(deals.id))
    .limit(SIMULATION_MAX_DEALS + 1);
  const truncated = rows.length > SIMULATION_MAX_DEALS;
  const picked = rows.slice(0, SIMULATION_MAX_DEALS);

  const histories = new Map<string, DealHistory>(
    picked.map((d) => [
      d.id,
      {
        id: d.id,
        title: d.title,
        stage: d.stage,
        // Won or lost is not needed here: only whether the deal is still open.
        outcome: d.closedAt ? "won" : "open",
        values: dealValues(d),
        checklist: d.checklist,
        events: [],
      },
    ]),
  );
  const ids = [...histories.keys()];
  for (let i = 0; i < ids.length; i += 5_000) {
    const events = await db
      .select({
        dealId: dealEvents.dealId,
        type: dealEvents.type,
        action: dealEvents.action,
        fromStage: dealEvents.fromStage,
        toStage: dealEvents.toStage,
        at: dealEvents.at,
        changes: dealEvents.changes,
        versionId: dealEvents.pipelineVersionId,
      })
      .from(dealEvents)
      .where(and(eq(dealEvents.companyId, companyId), inArray(dealEvents.dealId, ids.slice(i, i + 5_000))))
      .orderBy(asc(dealEvents.dealId), asc(dealEvents.at), asc(dealEvents.id));
    for (const e of events) histories.get(e.dealId)!.events.push({ ...e, at: e.at.toISOString() });
  }

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
