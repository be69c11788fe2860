import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { pipelineVersions, teamMembers, versionPilots, versionPilotTeams } from "@/lib/server/db/schema";
import { routeNewDeal, type Pilot, type Route } from "@/workflows/versions/pilots";

/*
 * Which version a new deal starts on. Reached from createDeal (the app, the REST API, imports),
 * so it carries no "server-only" marker: the benches import the deal code under plain Node.
 */

/** The team a person's new deals belong to: their first team (by id, as createDeal has always done). */
export async function firstTeamOf(db: Db | Tx, companyId: string, userId: string) {
  const [row] = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.companyId, companyId), eq(teamMembers.userId, userId)))
    .orderBy(asc(teamMembers.teamId))
    .limit(1);
  return row?.teamId ?? null;
}

/** Every member's first team (see firstTeamOf), for code that decides many new deals at once. */
export async function firstTeams(db: Db | Tx, companyId: string) {
  const rows = await db
    .selectDistinctOn([teamMembers.userId], { userId: teamMembers.userId, teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.companyId, companyId))
    .orderBy(asc(teamMembers.userId), asc(teamMembers.teamId));
  return new Map(rows.map((r) => [r.userId, r.teamId]));
}

/** The pipeline's published version (the latest, should there be more), if any. */
export async function publishedVersionOf(db: Db | Tx, companyId: string, pipelineId: string) {
  const [published] = await db
    .select({ id: pipelineVersions.id })
    .from(pipelineVersions)
    .where(
      and(
        eq(pipelineVersions.companyId, companyId),
        eq(pipelineVersions.pipelineId, pipelineId),
        eq(pipelineVersions.status, "published"),
      ),
    )
    .orderBy(desc(pipelineVersions.number))
    .limit(1);
  return published?.id ?? null;
}

/** The pilots of some pipelines active at `now`, with their teams. */
export async function activePilots(db: Db | Tx, companyId: string, pipelineIds: string[], now: Date) {
  if (pipelineIds.length === 0) return [];
  // postgres.js takes dates inside raw sql fragments as text only.
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await db
    .select({
      id: versionPilots.id,
      pipelineId: versionPilots.pipelineId,
      versionId: versionPilots.versionId,
      startsAt: versionPilots.startsAt,
      endsAt: versionPilots.endsAt,
      teamId: versionPilotTeams.teamId,
    })
    .from(versionPilots)
    .innerJoin(
      versionPilotTeams,
      and(
        eq(versionPilotTeams.companyId, versionPilots.companyId),
        eq(versionPilotTeams.pilotId, versionPilots.id),
      ),
    )
    .where(
      and(
        eq(versionPilots.companyId, companyId),
        inArray(versionPilots.pipelineId, pipelineIds),
        lte(versionPilots.startsAt, at),
        or(isNull(versionPilots.endsAt), gt(versionPilots.endsAt, at)),
      ),
    );
  const byId = new Map<string, Pilot & { pipelineId: string }>();
  for (const r of rows) {
    const pilot = byId.get(r.id) ?? { ...r, teamIds: [] as string[] };
    (pilot.teamIds as string[]).push(r.teamId);
    byId.set(r.id, pilot);
  }
  return [...byId.values()];
}

/**
 * The version a new deal of `teamId` starts on in a pipeline at `now`: its team's active pilot,
 * else the published version; null when the pipeline has neither for that team.
 */
export async function versionForNewDeal(
  db: Db | Tx,
  companyId: string,
  pipelineId: string,
  teamId: string | null,
  now: Date,
): Promise<Route | null> {
  const published = await publishedVersionOf(db, companyId, pipelineId);
  const pilots = teamId ? await activePilots(db, companyId, [pipelineId], now) : [];
  return routeNewDeal({ published, pilots, teamId, now });
}
