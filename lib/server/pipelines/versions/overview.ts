import { aliasedTable, and, asc, desc, eq, max, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import {
  deals,
  pipelineVersions,
  teams,
  users,
  versionPilots,
  versionPilotTeams,
} from "@/lib/server/db/schema";
import { diagnose } from "@/workflows/compiler";
import { allowedActions, type VersionStatus } from "@/workflows/versions/lifecycle";
import { pilotState } from "@/workflows/versions/pilots";
import { getPipeline } from "../editor/pipelines";
import { findVersion, lockPipeline } from "../editor/shared";
import { listAudit, recordAudit } from "./audit";

const ender = aliasedTable(users, "ender");

/** A pipeline's pilots, newest first, with their teams, who started and ended them, and their state at `now`. */
export async function listPilots(db: Db, companyId: string, pipelineId: string, now: Date) {
  const rows = await db
    .select({
      id: versionPilots.id,
      versionId: versionPilots.versionId,
      versionNumber: pipelineVersions.number,
      startsAt: versionPilots.startsAt,
      endsAt: versionPilots.endsAt,
      note: versionPilots.note,
      createdAt: versionPilots.createdAt,
      createdByName: users.name,
      endedAt: versionPilots.endedAt,
      endedByName: ender.name,
    })
    .from(versionPilots)
    .innerJoin(
      pipelineVersions,
      and(
        eq(pipelineVersions.companyId, versionPilots.companyId),
        eq(pipelineVersions.id, versionPilots.versionId),
      ),
    )
    .leftJoin(users, eq(users.id, versionPilots.createdBy))
    .leftJoin(ender, eq(ender.id, versionPilots.endedBy))
    .where(and(eq(versionPilots.companyId, companyId), eq(versionPilots.pipelineId, pipelineId)))
    .orderBy(desc(versionPilots.startsAt), desc(versionPilots.createdAt));
  const teamRows = rows.length
    ? await db
        .select({
          pilotId: versionPilotTeams.pilotId,
          id: teams.id,
          name: teams.name,
          nameEn: teams.nameEn,
        })
        .from(versionPilotTeams)
        .innerJoin(
          teams,
          and(eq(teams.companyId, versionPilotTeams.companyId), eq(teams.id, versionPilotTeams.teamId)),
        )
        .innerJoin(
          versionPilots,
          and(
            eq(versionPilots.companyId, versionPilotTeams.companyId),
            eq(versionPilots.id, versionPilotTeams.pilotId),
          ),
        )
        .where(and(eq(versionPilotTeams.companyId, companyId), eq(versionPilots.pipelineId, pipelineId)))
        .orderBy(asc(teams.name))
    : [];
  return rows.map((r) => ({
    ...r,
    state: pilotState(r, now),
    teams: teamRows.filter((t) => t.pilotId === r.id).map(({ pilotId: _p, ...t }) => t),
  }));
}

/**
 * Everything the "Versions & pilots" page shows of a pipeline: its versions (status, author,
 * times, change note, deals on each, compiler errors of drafts, what the lifecycle allows now),
 * its pilots, the company's teams to pilot with, and the audit log.
 */
export async function versionsOverview(db: Db, companyId: string, pipelineId: string, now = new Date()) {
  const pipeline = await getPipeline(db, companyId, pipelineId);
  const [counts, drafts, pilots, audit, teamList] = await Promise.all([
    db
      .select({
        versionId: deals.pipelineVersionId,
        total: sql<number>`count(*)::int`,
        open: sql<number>`(count(*) filter (where ${deals.closedAt} is null))::int`,
      })
      .from(deals)
      .where(and(eq(deals.companyId, companyId), eq(deals.pipelineId, pipelineId)))
      .groupBy(deals.pipelineVersionId),
    db
      .select({ id: pipelineVersions.id, definition: pipelineVersions.definition })
      .from(pipelineVersions)
      .where(
        and(
          eq(pipelineVersions.companyId, companyId),
          eq(pipelineVersions.pipelineId, pipelineId),
          eq(pipelineVersions.status, "draft"),
        ),
      ),
    listPilots(db, companyId, pipelineId, now),
    listAudit(db, companyId, pipelineId),
    db
      .select({ id: teams.id, name: teams.name, nameEn: teams.nameEn })
      .from(teams)
      .where(eq(teams.companyId, companyId))
      .orderBy(asc(teams.name)),
  ]);
  const errorsOf = new Map(
    drafts.map((d) => [d.id, diagnose(d.definition).filter((x) => x.severity === "error").length]),
  );
  const versions = pipeline.versions.map((v) => {
    const count = counts.find((c) => c.versionId === v.id);
    const errors = errorsOf.get(v.id) ?? 0;
    const dealCount = count?.total ?? 0;
    return {
      ...v,
      status: v.status as VersionStatus,
      errors,
      deals: { total: dealCount, open: count?.open ?? 0 },
      allowed: allowedActions({ status: v.status as VersionStatus, hasErrors: errors > 0, dealCount }),
    };
  });
  return {
    pipeline: { id: pipeline.id, key: pipeline.key, name: pipeline.name, isDefault: pipeline.isDefault },
    versions,
    pilots,
    teams: teamList,
    audit,
  };
}

/**
 * A new draft copied from any version of the pipeline (e.g. to change a pilot version, which
 * itself never changes). Any number of drafts may exist; the editor opens the newest.
 */
export async function newDraftFrom(db: Db, companyId: string, userId: string, versionId: string) {
  return db.transaction(async (tx) => {
    const source = await findVersion(tx, companyId, versionId);
    await lockPipeline(tx, companyId, source.pipelineId);
    const [{ top } = { top: 0 }] = await tx
      .select({ top: max(pipelineVersions.number) })
      .from(pipelineVersions)
      .where(
        and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.pipelineId, source.pipelineId)),
      );
    const number = (top ?? 0) + 1;
    const [version] = await tx
      .insert(pipelineVersions)
      .values({
        companyId,
        pipelineId: source.pipelineId,
        number,
        status: "draft",
        definition: source.definition,
        createdBy: userId,
        updatedBy: userId,
      })
      .returning({ id: pipelineVersions.id });
    await recordAudit(tx, companyId, [
      {
        pipelineId: source.pipelineId,
        version: { id: version!.id, number },
        action: "drafted",
        actorId: userId,
        details: { from: { id: source.id, number: source.number } },
      },
    ]);
    return { versionId: version!.id, number, pipelineId: source.pipelineId };
  });
}
