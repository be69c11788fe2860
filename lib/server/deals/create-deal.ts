import { randomUUID } from "node:crypto";
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
import { assignWith, dbAssignLookups, type AssignLookups, type Assignment } from "./assignment";
import { applyTimerChanges } from "@/lib/server/jobs/schedule";
import { memberDefaultPipeline } from "@/lib/server/teams/teams";
import { performEffects } from "./perform-effects";
import { splitValues } from "./values";
import { enqueueWebhookEvents } from "@/lib/server/webhooks/outbox";
import type { WebhookActor } from "@/lib/server/webhooks/payload";
import type { Route } from "@/workflows/versions/pilots";

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
export function checkValues(program: Program, values: DealValues) {
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
 * What deciding a new deal needs to look up. createDeal asks the database; an import asks tables
 * it read once for a chunk of rows — the decisions are the same code.
 */
export type NewDealLookups = AssignLookups & {
  /** The team a person's new deals belong to. */
  teamOf(userId: string): Promise<string | null>;
  /** The pipeline and version a new deal of the team starts on (NOT_FOUND when there is none). */
  runningVersion(teamId: string | null): Promise<{ pipelineId: string; versionId: string }>;
  /** The version a deal of the pipeline starts on once an assignment rule gave it a team. */
  route(pipelineId: string, teamId: string): Promise<Route | null>;
  program(versionId: string): Promise<Program>;
};

export type NewDealDecision = {
  pipelineId: string;
  versionId: string;
  program: Program;
  assignment: Assignment;
  started: ReturnType<typeof start>;
};

/**
 * Decides a new deal: its version (the owner's team may be in a pilot), values checked against
 * that version, its owner (the one named, else the version's assignment rule — which may route
 * the deal to a pilot's version, checked again), and the engine's first step.
 */
export async function decideNewDeal(
  lookups: NewDealLookups,
  input: { knownOwner: string | null; values: DealValues; now: Date },
): Promise<NewDealDecision> {
  // The deal's team when it is known before the version (the owner named, or the rep creating
  // it) decides the version: a team in an active pilot starts its deals on the pilot's.
  const knownTeam = input.knownOwner ? await lookups.teamOf(input.knownOwner) : null;
  const running = await lookups.runningVersion(knownTeam);
  const { pipelineId } = running;
  let { versionId } = running;
  let program = await lookups.program(versionId);
  checkValues(program, input.values);
  let assignment: Assignment = { ownerId: input.knownOwner, teamId: knownTeam };
  if (!input.knownOwner && program.definition.assignment) {
    assignment = await assignWith(lookups, program.definition.assignment, input.values, assignment);
    // The rule gave the deal a team: a team in an active pilot starts it on the pilot's version
    // (owner and team stay those the published version's rule chose).
    const routed = assignment.teamId ? await lookups.route(pipelineId, assignment.teamId) : null;
    if (routed && routed.versionId !== versionId) {
      versionId = routed.versionId;
      program = await lookups.program(versionId);
      checkValues(program, input.values);
    }
  }
  const started = start(program, { values: input.values, now: input.now });
  return { pipelineId, versionId, program, assignment, started };
}

/**
 * The row and the created event of a decided new deal, as createDeal writes them (an import
 * writes many at once). `id` is the new deal's.
 */
export function newDealRecords(
  companyId: string,
  actorId: string | null,
  id: string,
  decided: NewDealDecision,
  input: CreateDealInput & { now: Date },
) {
  const { now } = input;
  const { score, priority } = priorityOf(decided.program, input.values, now);
  const deal = {
    companyId,
    id,
    pipelineId: decided.pipelineId,
    pipelineVersionId: decided.versionId,
    stage: decided.started.to,
    snapshot: decided.started.snapshot,
    ...splitValues(input.values),
    ownerId: decided.assignment.ownerId,
    teamId: decided.assignment.teamId,
    score,
    priority,
    stageEnteredAt: now,
    externalId: input.externalId ?? null,
    ...(input.currency && { currency: input.currency }),
    createdBy: actorId,
    createdAt: input.createdAt ?? now,
    updatedAt: now,
  } satisfies typeof deals.$inferInsert;
  const event = {
    companyId,
    dealId: id,
    type: "created",
    toStage: decided.started.to,
    actorId,
    apiKeyId: input.apiKeyId ?? null,
    pipelineVersionId: decided.versionId,
    changes: Object.fromEntries(Object.entries(input.values).map(([k, v]) => [k, { from: null, to: v }])),
    at: input.historyFrom ?? input.createdAt ?? now,
  } satisfies typeof dealEvents.$inferInsert;
  return { deal, event };
}

/** Who a change is by, for its webhook events. */
export function webhookActorOf(actorId: string | null, apiKeyId?: string): WebhookActor {
  return apiKeyId
    ? { type: "apiKey", id: apiKeyId }
    : actorId
      ? { type: "user", id: actorId }
      : { type: "system", id: null };
}

/** The owner a new deal has before any rule: the one named, else a rep creating it. */
export const knownOwnerOf = (company: CompanyScope, actorId: string | null, ownerId?: string | null) =>
  ownerId ?? (actorId && company.role === "rep" ? actorId : null);

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
    // No pipeline named: the creator's team default when it runs a version, else the company's.
    const teamDefault =
      !input.pipelineId && actorId ? await memberDefaultPipeline(tx, company.id, actorId) : null;
    const lookups: NewDealLookups = {
      ...dbAssignLookups(tx, company.id),
      teamOf: (userId) => firstTeamOf(tx, company.id, userId),
      runningVersion: (teamId) =>
        runningVersion(tx, company.id, input.pipelineId ?? teamDefault ?? undefined, teamId, now).catch(
          (e: unknown) => {
            if (teamDefault) return runningVersion(tx, company.id, undefined, teamId, now);
            throw e;
          },
        ),
      route: (pipelineId, teamId) => versionForNewDeal(tx, company.id, pipelineId, teamId, now),
      program: (versionId) => loadProgram(tx, company.id, versionId),
    };
    const decided = await decideNewDeal(lookups, {
      knownOwner: knownOwnerOf(company, actorId, input.ownerId),
      values: input.values,
      now,
    });
    const records = newDealRecords(company.id, actorId, randomUUID(), decided, { ...input, now });
    const [deal] = await tx.insert(deals).values(records.deal).returning();
    const outcome = await performEffects(
      { tx, companyId: company.id, dealId: deal!.id, title: deal!.title, now, enteredAt: now },
      decided.started.effects,
      { values: input.values, assignment: decided.assignment },
    );
    // Independent writes, pipelined on the transaction's connection: one round trip.
    await Promise.all([
      applyTimerChanges(tx, outcome.timers),
      tx.insert(dealEvents).values(records.event),
      enqueueWebhookEvents(tx, company.id, {
        deal: deal!,
        actor: webhookActorOf(actorId, input.apiKeyId),
        at: now,
        events: [{ type: "deal.created" }],
      }),
    ]);
    return deal!;
  });
}
