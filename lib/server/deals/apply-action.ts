import { and, eq, getTableColumns } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { dealEvents, deals, notifications, teams } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { validateValues } from "@/workflows/definition/validate-values";
import { scoreDeal, type DealValues } from "@/workflows/rules";
import { step, type Actor, type PersistedSnapshot, type Program, type Refusal } from "@/workflows/runtime";
import { applyTimerChanges } from "@/lib/server/jobs/schedule";
import { enqueueWebhookEvents, webhookTargetsColumn } from "@/lib/server/webhooks/outbox";
import type { DealEventSpec, FieldChanges } from "@/lib/server/webhooks/payload";
import { lockDeal } from "./lock";
import { performEffects } from "./perform-effects";
import { logRefusal, refusalReasons } from "./refusal-log";
import { dealValues, diffValues, splitValues } from "./values";

export type ApplyActionInput = {
  dealId: string;
  /** The deal version the user saw: a stale one is refused with CONFLICT. */
  expectedVersion: number;
  action: string;
  /** Field values entered with the action (e.g. the lost reason). */
  changes?: DealValues;
  /** Exit-checklist items of the current stage ticked with the action. */
  checked?: string[];
  comment?: string;
  now?: Date;
  /**
   * The REST API key acting (lib/server/api-v1): the event names the key, and the key takes the
   * action with a rep's rights (it decides no approval reserved for a role or a team manager).
   */
  apiKeyId?: string;
};

export type ActionRefused = { reasons: Refusal[] };

/** Score and priority from the version's scoring rule, when it has one. */
export function priorityOf(program: Program, values: DealValues, now: Date) {
  const scoring = program.definition.scoring;
  if (!scoring) return { score: null, priority: null };
  const result = scoreDeal(scoring, { fields: program.fields, rules: program.rules, values, now });
  return { score: result.score, priority: result.priority };
}

/**
 * The one way a deal moves: in one transaction, lock the deal and check its version,
 * let the engine decide, then write the stage, snapshot and fields, append the event,
 * and perform the effects — all or nothing. Nothing else writes a deal's stage.
 */
export async function applyAction(
  db: Db,
  company: CompanyScope,
  actorId: string | null,
  input: ApplyActionInput,
) {
  const now = input.now ?? new Date();
  /** Where the deal stood, for the refusal log should the engine refuse. */
  let attempted: Pick<DealRow, "pipelineId" | "pipelineVersionId" | "stage"> | undefined;
  try {
    return await db.transaction(async (tx) => {
      const deal = await lockDeal(tx, company.id, input.dealId, input.expectedVersion);
      attempted = deal;
      // Whether the actor manages the deal's team matters only to an approval: ask only then.
      const program = await loadProgram(tx, company.id, deal.pipelineVersionId);
      const atApproval = program.compiled.machine.states[deal.stage]?.meta.kind === "approval";
      const actor: Actor = input.apiKeyId
        ? { id: input.apiKeyId, role: "rep", managesDealTeam: false }
        : {
            id: actorId ?? "system",
            role: actorId ? company.role : "system",
            managesDealTeam:
              actorId && atApproval ? await managesTeam(tx, company.id, actorId, deal.teamId) : false,
          };
      // Only items of the current stage's checklist are kept; anything else is ignored.
      const meta = program.compiled.machine.states[deal.stage]?.meta;
      const items = new Set(meta?.kind === "stage" ? (meta.exitChecklist ?? []).map((i) => i.id) : []);
      const ticked = (input.checked ?? []).filter((id) => items.has(id));
      const checklist = { ...deal.checklist };
      if (ticked.length) checklist[deal.stage] = [...new Set([...(checklist[deal.stage] ?? []), ...ticked])];
      return commitStep(
        tx,
        company.id,
        { ...deal, checklist },
        actor,
        input.action,
        input.changes ?? {},
        now,
        input.comment,
        input.apiKeyId,
      );
    });
  } catch (e) {
    const reasons = refusalReasons(e);
    // A member or an API key was refused (timers and their follow-ups are not attempts of anyone's).
    if (reasons && attempted && (actorId || input.apiKeyId))
      await logRefusal(db, {
        companyId: company.id,
        dealId: input.dealId,
        pipelineId: attempted.pipelineId,
        pipelineVersionId: attempted.pipelineVersionId,
        stage: attempted.stage,
        action: input.action,
        actorId: input.apiKeyId ? null : actorId,
        apiKeyId: input.apiKeyId ?? null,
        reasons,
        at: now,
      });
    throw e;
  }
}

async function managesTeam(tx: Tx, companyId: string, userId: string, teamId: string | null) {
  if (!teamId) return false;
  const [team] = await tx
    .select({ managerId: teams.managerId })
    .from(teams)
    .where(and(eq(teams.companyId, companyId), eq(teams.id, teamId)));
  return team?.managerId === userId;
}

type DealRow = typeof deals.$inferSelect;

/** Runs one engine step on a locked deal row and writes everything it decided. */
export async function commitStep(
  tx: Tx,
  companyId: string,
  deal: DealRow,
  actor: Actor,
  action: string,
  changes: DealValues,
  now: Date,
  comment?: string,
  /** The API key taking the action (the event's actor then, not a member). */
  apiKeyId?: string,
) {
  const program = await loadProgram(tx, companyId, deal.pipelineVersionId);
  const issues = validateValues(program.fields, changes);
  if (issues.length) throw appError("BAD_REQUEST", "invalidValues", {}, { issues });
  const before = dealValues(deal);
  const values = { ...before, ...changes };
  // Rows written before the engine ran them (or by an import) carry no full snapshot.
  const stored = deal.snapshot as Partial<PersistedSnapshot> | null;
  const snapshot: PersistedSnapshot = stored?.status
    ? (stored as PersistedSnapshot)
    : { status: "active", value: deal.stage, historyValue: {}, context: {}, children: {} };
  const result = step(program, {
    snapshot,
    values,
    action,
    actor,
    now,
    checked: deal.checklist[deal.stage] ?? [],
  });
  if (!result.ok) throw appError("UNPROCESSABLE_CONTENT", "actionRefused", {}, { reasons: result.reasons });
  if (result.path.length === 0) return { deal, moved: false as const };

  const moved = result.to !== result.from;
  const enteredAt = moved ? now : deal.stageEnteredAt;
  const outcome = await performEffects(
    { tx, companyId, dealId: deal.id, title: deal.title, now, enteredAt },
    result.effects,
    { values, assignment: { ownerId: deal.ownerId, teamId: deal.teamId } },
  );
  // The owner hears how their approval went.
  if (
    (action === "approve" || action === "reject") &&
    outcome.assignment.ownerId &&
    outcome.assignment.ownerId !== actor.id
  ) {
    await tx.insert(notifications).values({
      companyId,
      userId: outcome.assignment.ownerId,
      kind: "approvalDecided",
      dealId: deal.id,
      title:
        action === "approve"
          ? { zh: `商机「${deal.title}」的审批已通过`, en: `The approval of “${deal.title}” was granted` }
          : { zh: `商机「${deal.title}」的审批被驳回`, en: `The approval of “${deal.title}” was rejected` },
    });
  }
  const row = splitValues(outcome.values);
  const { score, priority } = priorityOf(program, outcome.values, now);
  const fieldChanges = diffValues(before, outcome.values);
  if (deal.ownerId !== outcome.assignment.ownerId) {
    fieldChanges.ownerId = { from: deal.ownerId, to: outcome.assignment.ownerId };
  }
  const timer = action.startsWith("xstate.after.");
  // Three independent writes, pipelined on the transaction's connection: one round trip. The
  // deal's row comes back with the company's webhook endpoints (no statement of their own).
  const [[written]] = await Promise.all([
    tx
      .update(deals)
      .set({
        ...row,
        stage: result.to,
        snapshot: result.snapshot,
        checklist: deal.checklist,
        ownerId: outcome.assignment.ownerId,
        teamId: outcome.assignment.teamId,
        score,
        priority,
        version: deal.version + 1,
        stageEnteredAt: enteredAt,
        closedAt: result.done ? now : null,
        updatedAt: now,
      })
      .where(and(eq(deals.companyId, companyId), eq(deals.id, deal.id)))
      .returning({ ...getTableColumns(deals), webhookTargets: webhookTargetsColumn(companyId) }),
    tx.insert(dealEvents).values({
      companyId,
      dealId: deal.id,
      type: timer ? "timeLimit" : action === "approve" || action === "reject" ? "approval" : "action",
      action: timer ? "timeLimit" : action,
      fromStage: result.from,
      toStage: result.to,
      actorId: actor.role === "system" || apiKeyId ? null : actor.id,
      apiKeyId: apiKeyId ?? null,
      pipelineVersionId: deal.pipelineVersionId,
      changes: Object.keys(fieldChanges).length ? fieldChanges : null,
      comment: comment ?? null,
      at: now,
    }),
    applyTimerChanges(tx, outcome.timers),
  ]);
  const { webhookTargets: hooks, ...updated } = written!;
  await enqueueWebhookEvents(
    tx,
    companyId,
    {
      deal: updated,
      actor: apiKeyId
        ? { type: "apiKey", id: apiKeyId }
        : actor.role === "system"
          ? { type: "system", id: null }
          : { type: "user", id: actor.id },
      at: now,
      events: webhookEventsOf(program, result.from ?? deal.stage, result.to, {
        action: timer ? null : action,
        comment: comment ?? null,
        changes: Object.keys(fieldChanges).length ? fieldChanges : null,
        previousOwnerId: deal.ownerId !== outcome.assignment.ownerId ? deal.ownerId : undefined,
      }),
    },
    hooks ?? [],
  );
  return { deal: updated, moved: true as const, followUps: outcome.followUps, path: result.path };
}

/**
 * The webhook events of one engine step: the action taken (or the time limit that passed), the
 * stage change, a win or loss, a new owner.
 */
function webhookEventsOf(
  program: Program,
  from: string,
  to: string,
  step: {
    /** null: a time limit fired. */
    action: string | null;
    comment: string | null;
    changes: FieldChanges | null;
    /** Set (null included) when the owner changed. */
    previousOwnerId: string | null | undefined;
  },
): DealEventSpec[] {
  const events: DealEventSpec[] = [];
  const action = step.action ?? "timeLimit";
  if (step.action === null) events.push({ type: "deal.time_limit_passed", stage: from });
  else
    events.push({
      type: "deal.action_taken",
      action,
      from,
      to,
      comment: step.comment,
      changes: step.changes,
    });
  if (to !== from) {
    events.push({ type: "deal.stage_changed", action, from, to });
    const meta = program.compiled.machine.states[to]?.meta;
    if (meta?.kind === "stage" && meta.outcome === "won") events.push({ type: "deal.won", action, from });
    if (meta?.kind === "stage" && meta.outcome === "lost") events.push({ type: "deal.lost", action, from });
  }
  if (step.previousOwnerId !== undefined)
    events.push({ type: "deal.owner_changed", previousOwnerId: step.previousOwnerId });
  return events;
}
