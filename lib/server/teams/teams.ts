import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { deals, memberships, pipelines, teamMembers, teams } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";

export type TeamInputData = {
  name: string;
  nameEn?: string | null;
  managerId: string | null;
  memberIds: string[];
  /** Omitted: left as it is; null: the company's default pipeline. */
  defaultPipelineId?: string | null;
};

export async function listTeams(db: Db, companyId: string) {
  return db
    .select({
      id: teams.id,
      name: teams.name,
      nameEn: teams.nameEn,
      key: teams.key,
      managerId: teams.managerId,
      defaultPipelineId: teams.defaultPipelineId,
      memberIds: sql<string[]>`coalesce((select array_agg(${teamMembers.userId}) from ${teamMembers}
        where ${teamMembers.companyId} = ${teams.companyId} and ${teamMembers.teamId} = ${teams.id}), '{}')`,
    })
    .from(teams)
    .where(eq(teams.companyId, companyId))
    .orderBy(asc(teams.name));
}

async function assertMembers(tx: Tx, companyId: string, data: TeamInputData) {
  const ids = [...new Set([...data.memberIds, ...(data.managerId ? [data.managerId] : [])])];
  if (ids.length === 0) return;
  const found = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.companyId, companyId), inArray(memberships.userId, ids)));
  if (found.length !== ids.length) throw appError("NOT_FOUND", "userNotFound");
  const manager = found.find((m) => m.userId === data.managerId);
  if (manager && manager.role !== "manager" && manager.role !== "admin") {
    throw appError("BAD_REQUEST", "managerRole");
  }
  if (data.defaultPipelineId) {
    const [pipeline] = await tx
      .select({ id: pipelines.id })
      .from(pipelines)
      .where(and(eq(pipelines.companyId, companyId), eq(pipelines.id, data.defaultPipelineId)));
    if (!pipeline) throw appError("NOT_FOUND", "pipelineNotFound");
  }
}

/**
 * The pipeline a member's new deals start in by default: the default pipeline of their team
 * (the first by name that has one), or null for the company's default.
 */
export async function memberDefaultPipeline(db: Db | Tx, companyId: string, userId: string) {
  const [row] = await db
    .select({ pipelineId: teams.defaultPipelineId })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.companyId, teamMembers.companyId), eq(teams.id, teamMembers.teamId)))
    .where(
      and(
        eq(teamMembers.companyId, companyId),
        eq(teamMembers.userId, userId),
        isNotNull(teams.defaultPipelineId),
      ),
    )
    .orderBy(asc(teams.name))
    .limit(1);
  return row?.pipelineId ?? null;
}

async function replaceMembers(tx: Tx, companyId: string, teamId: string, memberIds: string[]) {
  await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.companyId, companyId), eq(teamMembers.teamId, teamId)));
  const unique = [...new Set(memberIds)];
  if (unique.length)
    await tx.insert(teamMembers).values(unique.map((userId) => ({ companyId, teamId, userId })));
}

function isUniqueViolation(e: unknown) {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === "23505" || err?.cause?.code === "23505";
}

export async function createTeam(db: Db, companyId: string, data: TeamInputData): Promise<{ id: string }> {
  try {
    return await db.transaction(async (tx) => {
      await assertMembers(tx, companyId, data);
      const [team] = await tx
        .insert(teams)
        .values({
          companyId,
          name: data.name,
          nameEn: data.nameEn || null,
          managerId: data.managerId,
          defaultPipelineId: data.defaultPipelineId ?? null,
        })
        .returning({ id: teams.id });
      await replaceMembers(tx, companyId, team!.id, data.memberIds);
      return { id: team!.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw appError("CONFLICT", "teamNameTaken");
    throw e;
  }
}

export async function updateTeam(db: Db, companyId: string, teamId: string, data: TeamInputData) {
  try {
    await db.transaction(async (tx) => {
      await assertMembers(tx, companyId, data);
      const updated = await tx
        .update(teams)
        .set({
          name: data.name,
          nameEn: data.nameEn || null,
          managerId: data.managerId,
          ...(data.defaultPipelineId !== undefined && { defaultPipelineId: data.defaultPipelineId }),
        })
        .where(and(eq(teams.companyId, companyId), eq(teams.id, teamId)))
        .returning({ id: teams.id });
      if (updated.length === 0) throw appError("NOT_FOUND", "teamNotFound");
      await replaceMembers(tx, companyId, teamId, data.memberIds);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw appError("CONFLICT", "teamNameTaken");
    throw e;
  }
}

/** A team that still owns deals is kept: its deals would lose their team. */
export async function deleteTeam(db: Db, companyId: string, teamId: string) {
  await db.transaction(async (tx) => {
    const [used] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(deals)
      .where(and(eq(deals.companyId, companyId), eq(deals.teamId, teamId)));
    if (used && used.n > 0) throw appError("CONFLICT", "teamHasDeals", { count: used.n });
    const deleted = await tx
      .delete(teams)
      .where(and(eq(teams.companyId, companyId), eq(teams.id, teamId)))
      .returning({ id: teams.id });
    if (deleted.length === 0) throw appError("NOT_FOUND", "teamNotFound");
  });
}
