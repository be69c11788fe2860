import { and, asc, eq, gte, inArray, isNotNull, lt, ne, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { dealEvents, deals, pipelines, pipelineVersions } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { stagesOf } from "@/lib/server/pipelines/list";
import { comparePilot, type DealHistory, type Outcome } from "@/workflows/versions/compare";
import { findVersion } from "../editor/shared";
import { listPilots } from "./overview";

/**
 * Pilot versus the rest for a version that was piloted: its deals (the pilot teams' new deals
 * while the pilot ran) against the deals the other teams started on other, non-pilot versions
 * of the pipeline over the same period, with their histories.
 */
export async function comparePilotVersion(db: Db, companyId: string, versionId: string, now = new Date()) {
  const version = await findVersion(db, companyId, versionId);
  const pilots = (await listPilots(db, companyId, version.pipelineId, now)).filter(
    (p) => p.versionId === versionId && p.endsAt?.getTime() !== p.startsAt.getTime(),
  );
  if (pilots.length === 0) throw appError("BAD_REQUEST", "versions.notPiloted", { number: version.number });
  const from = new Date(Math.min(...pilots.map((p) => p.startsAt.getTime())));
  const to = new Date(Math.min(now.getTime(), Math.max(...pilots.map((p) => (p.endsAt ?? now).getTime()))));
  const teamIds = [...new Set(pilots.flatMap((p) => p.teams.map((t) => t.id)))];
  const teams = [...new Map(pilots.flatMap((p) => p.teams).map((t) => [t.id, t])).values()];

  const [pipeline] = await db
    .select({ name: pipelines.name })
    .from(pipelines)
    .where(and(eq(pipelines.companyId, companyId), eq(pipelines.id, version.pipelineId)));
  const versions = await db
    .select({
      id: pipelineVersions.id,
      status: pipelineVersions.status,
      definition: pipelineVersions.definition,
    })
    .from(pipelineVersions)
    .where(
      and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.pipelineId, version.pipelineId)),
    );
  // The rest run on the versions everyone else had: neither this one nor another pilot's.
  const restVersions = versions.filter(
    (v) => v.id !== versionId && v.status !== "pilot" && v.status !== "draft",
  );
  const outcomeOf = new Map<string, Outcome>();
  for (const v of versions)
    for (const s of stagesOf(v.definition)) outcomeOf.set(`${v.id}:${s.key}`, s.outcome);

  const columns = {
    id: deals.id,
    versionId: deals.pipelineVersionId,
    stage: deals.stage,
    amount: deals.amount,
  };
  const pilotDeals = await db
    .select(columns)
    .from(deals)
    .where(and(eq(deals.companyId, companyId), eq(deals.pipelineVersionId, versionId)));
  // postgres.js takes dates inside raw sql fragments as text only.
  const restDeals = restVersions.length
    ? await db
        .select(columns)
        .from(deals)
        .where(
          and(
            eq(deals.companyId, companyId),
            eq(deals.pipelineId, version.pipelineId),
            inArray(
              deals.pipelineVersionId,
              restVersions.map((v) => v.id),
            ),
            ne(deals.pipelineVersionId, versionId),
            isNotNull(deals.teamId),
            teamIds.length ? notInArray(deals.teamId, teamIds) : sql`true`,
            gte(deals.createdAt, sql`${from.toISOString()}::timestamptz`),
            lt(deals.createdAt, sql`${to.toISOString()}::timestamptz`),
          ),
        )
    : [];
  const ids = [...pilotDeals, ...restDeals].map((d) => d.id);
  const moves = new Map<string, DealHistory["moves"][number][]>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .select({
        dealId: dealEvents.dealId,
        from: dealEvents.fromStage,
        to: dealEvents.toStage,
        at: dealEvents.at,
      })
      .from(dealEvents)
      .where(
        and(
          eq(dealEvents.companyId, companyId),
          inArray(dealEvents.dealId, ids.slice(i, i + 5000)),
          isNotNull(dealEvents.toStage),
        ),
      )
      .orderBy(asc(dealEvents.dealId), asc(dealEvents.at), asc(dealEvents.id));
    for (const r of rows) {
      const list = moves.get(r.dealId) ?? [];
      list.push({ from: r.from, to: r.to!, at: r.at });
      moves.set(r.dealId, list);
    }
  }
  const history = (d: (typeof pilotDeals)[number]): DealHistory => ({
    amount: d.amount,
    outcome: outcomeOf.get(`${d.versionId}:${d.stage}`) ?? "open",
    moves: moves.get(d.id) ?? [],
  });
  const stages = stagesOf(version.definition);
  return {
    pipeline: { id: version.pipelineId, name: pipeline!.name },
    version: { id: version.id, number: version.number, status: version.status },
    period: { from, to, running: pilots.some((p) => p.state !== "ended") },
    teams,
    comparison: comparePilot(stages, pilotDeals.map(history), restDeals.map(history)),
  };
}
