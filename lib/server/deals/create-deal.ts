import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { dealEvents, deals, pipelines, pipelineVersions, teamMembers } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { validateValues } from "@/workflows/definition/validate-values";
import { isSet, type DealValues } from "@/workflows/rules";
import { start } from "@/workflows/runtime";
import { priorityOf } from "./apply-action";
import { assignOwner, type Assignment } from "./assignment";
import { applyTimerChanges } from "@/lib/server/jobs/schedule";
import { memberDefaultPipeline } from "@/lib/server/teams/teams";
import { performEffects } from "./perform-effects";
import { splitValues } from "./values";

export type CreateDealInput = {
  pipelineId?: string;
  values: DealValues;
  ownerId?: string | null;
  now?: Date;
  /** The REST API key creating the deal (the created event's actor; `actorId` is null then). */
  apiKeyId?: string;
};

/** The version new deals of a pipeline run on: the published one. */
async function runningVersion(tx: Tx, companyId: string, pipelineId?: string) {
  const [row] = await tx
    .select({ pipelineId: pipelines.id, versionId: pipelineVersions.id })
    .from(pipelines)
    .innerJoin(
      pipelineVersions,
      and(
        eq(pipelineVersions.companyId, pipelines.companyId),
        eq(pipelineVersions.pipelineId, pipelines.id),
        eq(pipelineVersions.status, "published"),
      ),
    )
    .where(
      and(
        eq(pipelines.companyId, companyId),
        pipelineId ? eq(pipelines.id, pipelineId) : eq(pipelines.isDefault, true),
      ),
    )
    .orderBy(desc(pipelineVersions.number))
    .limit(1);
  if (!row) throw appError("NOT_FOUND", "pipelineNotFound");
  return row;
}

async function firstTeamOf(tx: Tx, companyId: string, userId: string) {
  const [row] = await tx
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.companyId, companyId), inArray(teamMembers.userId, [userId])))
    .orderBy(asc(teamMembers.teamId))
    .limit(1);
  return row?.teamId ?? null;
}

/**
 * Creates a deal in the initial stage of its pipeline's running version. A rep who
 * creates a deal owns it; a deal that arrives without an owner (import, API, or an
 * admin creating it) gets one from the version's responsibility rule.
 */
export async function createDeal(
  db: Db,
  company: CompanyScope,
  actorId: string | null,
  input: CreateDealInput,
) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    // No pipeline named: the creator's team default when it runs a version, else the company's.
    const teamDefault =
      !input.pipelineId && actorId ? await memberDefaultPipeline(tx, company.id, actorId) : null;
    const { pipelineId, versionId } = await runningVersion(
      tx,
      company.id,
      input.pipelineId ?? teamDefault ?? undefined,
    ).catch((e: unknown) => {
      if (teamDefault) return runningVersion(tx, company.id);
      throw e;
    });
    const program = await loadProgram(tx, company.id, versionId);
    const issues = validateValues(program.fields, input.values);
    if (issues.length) throw appError("BAD_REQUEST", "invalidValues", {}, { issues });
    const missing = program.fields.filter((f) => f.requiredAtCreation && !isSet(input.values[f.key]));
    if (missing.length) {
      throw appError(
        "BAD_REQUEST",
        "fieldsRequired",
        { fields: missing.map((f) => f.name.en).join(", ") },
        {
          missingFields: missing.map((f) => f.key),
        },
      );
    }
    let assignment: Assignment = { ownerId: null, teamId: null };
    if (input.ownerId)
      assignment = { ownerId: input.ownerId, teamId: await firstTeamOf(tx, company.id, input.ownerId) };
    else if (actorId && company.role === "rep")
      assignment = { ownerId: actorId, teamId: await firstTeamOf(tx, company.id, actorId) };
    else if (program.definition.assignment) {
      assignment = await assignOwner(tx, company.id, program.definition.assignment, input.values, assignment);
    }
    const started = start(program, { values: input.values, now });
    const row = splitValues(input.values);
    const { score, priority } = priorityOf(program, input.values, now);
    const [deal] = await tx
      .insert(deals)
      .values({
        companyId: company.id,
        pipelineId,
        pipelineVersionId: versionId,
        stage: started.to,
        snapshot: started.snapshot,
        ...row,
        ownerId: assignment.ownerId,
        teamId: assignment.teamId,
        score,
        priority,
        stageEnteredAt: now,
        createdBy: actorId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const outcome = await performEffects(
      { tx, companyId: company.id, dealId: deal!.id, title: deal!.title, now, enteredAt: now },
      started.effects,
      { values: input.values, assignment },
    );
    await applyTimerChanges(tx, outcome.timers);
    await tx.insert(dealEvents).values({
      companyId: company.id,
      dealId: deal!.id,
      type: "created",
      toStage: started.to,
      actorId,
      apiKeyId: input.apiKeyId ?? null,
      pipelineVersionId: versionId,
      changes: Object.fromEntries(Object.entries(input.values).map(([k, v]) => [k, { from: null, to: v }])),
      at: now,
    });
    return deal!;
  });
}
