import { and, asc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { dealEvents, deals, pipelines } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { firstTeamOf, versionForNewDeal } from "@/lib/server/pipelines/versions/routing";
import { validateValues } from "@/workflows/definition/validate-values";
import { isSet, type DealValues } from "@/workflows/rules";
import { start, type Program } from "@/workflows/runtime";
import { priorityOf } from "./apply-action";
import { assignOwner, type Assignment } from "./assignment";
import { applyTimerChanges } from "@/lib/server/jobs/schedule";
import { memberDefaultPipeline } from "@/lib/server/teams/teams";
import { performEffects } from "./perform-effects";
import { splitValues } from "./values";
import { enqueueWebhookEvents } from "@/lib/server/webhooks/outbox";

/** Kept here too for the callers that find it beside createDeal. */
export { firstTeamOf };

export type CreateDealInput = {
  pipelineId?: string;
  values: DealValues;
  ownerId?: string | null;
  now?: Date;
  /** The REST API key creating the deal (the created event's actor; `actorId` is null then). */
  apiKeyId?: string;
  /** The deal's id in the system an import brought it from (unique in the company). */
  externalId?: string | null;
  /**
   * When the deal was really created, for an import of older deals: the created event and the
   * deal carry this date, while its stay in the first stage (time limits) starts `now`.
   */
  createdAt?: Date;
  /**
   * When the deal's history starts (its created event), if not at `createdAt`: an imported open
   * deal's history starts at the import, so no stage seems to have held it before Pipewright did.
   */
  historyFrom?: Date;
  currency?: string;
};

/** The pipeline a new deal goes to: the one named, else the company's default. */
async function pipelineOf(tx: Tx, companyId: string, pipelineId?: string) {
  const [row] = await tx
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(
      and(
        eq(pipelines.companyId, companyId),
        pipelineId ? eq(pipelines.id, pipelineId) : eq(pipelines.isDefault, true),
      ),
    )
    .orderBy(asc(pipelines.createdAt))
    .limit(1);
  return row?.id ?? null;
}

/**
 * The pipeline and version a new deal of `teamId` starts on: the pipeline named (else the
 * company's default), on the team's pilot version while one is active, else the published one.
 */
async function runningVersion(
  tx: Tx,
  companyId: string,
  pipelineId: string | undefined,
  teamId: string | null,
  now: Date,
) {
  const id = await pipelineOf(tx, companyId, pipelineId);
  const route = id ? await versionForNewDeal(tx, companyId, id, teamId, now) : null;
  if (!id || !route) throw appError("NOT_FOUND", "pipelineNotFound");
  return { pipelineId: id, versionId: route.versionId };
}

/** Values that fit the version's fields, with every field required at creation set. */
function checkValues(program: Program, values: DealValues) {
  const issues = validateValues(program.fields, values);
  if (issues.length) throw appError("BAD_REQUEST", "invalidValues", {}, { issues });
  const missing = program.fields.filter((f) => f.requiredAtCreation && !isSet(values[f.key]));
  if (missing.length) {
    throw appError(
      "BAD_REQUEST",
      "fieldsRequired",
      { fields: missing.map((f) => f.name.en).join(", ") },
      { missingFields: missing.map((f) => f.key) },
    );
  }
}

/**
 * Creates a deal in the initial stage of its pipeline's running version. A rep who
 * creates a deal owns it; a deal that arrives without an owner (import, API, or an
 * admin creating it) gets one from the version's responsibility rule.
 */
export async function createDeal(
  db: Db | Tx,
  company: CompanyScope,
  actorId: string | null,
  input: CreateDealInput,
) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    // The deal's team when it is known before the version (the owner named, or the rep creating
    // it) decides the version: a team in an active pilot starts its deals on the pilot's.
    const knownOwner = input.ownerId ?? (actorId && company.role === "rep" ? actorId : null);
    const knownTeam = knownOwner ? await firstTeamOf(tx, company.id, knownOwner) : null;
    // No pipeline named: the creator's team default when it runs a version, else the company's.
    const teamDefault =
      !input.pipelineId && actorId ? await memberDefaultPipeline(tx, company.id, actorId) : null;
    const running = await runningVersion(
      tx,
      company.id,
      input.pipelineId ?? teamDefault ?? undefined,
      knownTeam,
      now,
    ).catch((e: unknown) => {
      if (teamDefault) return runningVersion(tx, company.id, undefined, knownTeam, now);
      throw e;
    });
    const { pipelineId } = running;
    let { versionId } = running;
    let program = await loadProgram(tx, company.id, versionId);
    checkValues(program, input.values);
    let assignment: Assignment = { ownerId: knownOwner, teamId: knownTeam };
    if (!knownOwner && program.definition.assignment) {
      assignment = await assignOwner(tx, company.id, program.definition.assignment, input.values, assignment);
      // The rule gave the deal a team: a team in an active pilot starts it on the pilot's version
      // (owner and team stay those the published version's rule chose).
      const routed = assignment.teamId
        ? await versionForNewDeal(tx, company.id, pipelineId, assignment.teamId, now)
        : null;
      if (routed && routed.versionId !== versionId) {
        versionId = routed.versionId;
        program = await loadProgram(tx, company.id, versionId);
        checkValues(program, input.values);
      }
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
        externalId: input.externalId ?? null,
        ...(input.currency && { currency: input.currency }),
        createdBy: actorId,
        createdAt: input.createdAt ?? now,
        updatedAt: now,
      })
      .returning();
    const outcome = await performEffects(
      { tx, companyId: company.id, dealId: deal!.id, title: deal!.title, now, enteredAt: now },
      started.effects,
      { values: input.values, assignment },
    );
    // Independent writes, pipelined on the transaction's connection: one round trip (an import
    // creates deals by the thousand through here).
    await Promise.all([
      applyTimerChanges(tx, outcome.timers),
      tx.insert(dealEvents).values({
        companyId: company.id,
        dealId: deal!.id,
        type: "created",
        toStage: started.to,
        actorId,
        apiKeyId: input.apiKeyId ?? null,
        pipelineVersionId: versionId,
        changes: Object.fromEntries(Object.entries(input.values).map(([k, v]) => [k, { from: null, to: v }])),
        at: input.historyFrom ?? input.createdAt ?? now,
      }),
      enqueueWebhookEvents(tx, company.id, {
        deal: deal!,
        actor: input.apiKeyId
          ? { type: "apiKey", id: input.apiKeyId }
          : actorId
            ? { type: "user", id: actorId }
            : { type: "system", id: null },
        at: now,
        events: [{ type: "deal.created" }],
      }),
    ]);
    return deal!;
  });
}
