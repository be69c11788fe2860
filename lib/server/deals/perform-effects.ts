import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";
import { notifications, teams, type Role } from "@/lib/server/db/schema";
import type { LocalizedText } from "@/workflows/definition/schema";
import type { DealValues } from "@/workflows/rules";
import type { ShellEffect } from "@/workflows/runtime";
import { assignOwner, type Assignment } from "./assignment";
import type { TimerChange } from "@/lib/server/jobs/schedule";

export type EffectContext = {
  tx: Tx;
  companyId: string;
  dealId: string;
  title: string;
  now: Date;
  /** When the deal entered the stage it is now in. */
  enteredAt: Date;
};

export type EffectOutcome = {
  values: DealValues;
  assignment: Assignment;
  followUps: { stage: string; action: string }[];
  /** Timer jobs to cancel and enqueue; the caller writes them with the deal row (one round trip). */
  timers: TimerChange[];
};

async function teamManager(tx: Tx, companyId: string, teamId: string | null) {
  if (!teamId) return null;
  const [team] = await tx
    .select({ managerId: teams.managerId })
    .from(teams)
    .where(and(eq(teams.companyId, companyId), eq(teams.id, teamId)));
  return team?.managerId ?? null;
}

/** The notification an approver gets when a deal starts waiting for their approval. */
export function approvalRequestedTitle(dealTitle: string): LocalizedText {
  return { zh: `商机「${dealTitle}」等待您审批`, en: `The deal “${dealTitle}” awaits your approval` };
}

async function notify(c: EffectContext, userId: string | null, kind: string, title: LocalizedText) {
  if (!userId) return;
  await c.tx.insert(notifications).values({ companyId: c.companyId, userId, kind, dealId: c.dealId, title });
}

/**
 * Performs what the engine decided, in the transaction that writes the transition:
 * field values, owner, notifications. Returns the values and owner the deal row gets,
 * the timer jobs to write with it, and any follow-up actions (a time limit that moves
 * the deal).
 */
export async function performEffects(
  c: EffectContext,
  effects: ShellEffect[],
  start: { values: DealValues; assignment: Assignment; approverRole?: Role },
): Promise<EffectOutcome> {
  let values = start.values;
  let assignment = start.assignment;
  const followUps: EffectOutcome["followUps"] = [];
  const timers: TimerChange[] = [];
  const t = c.title;
  for (const e of effects) {
    switch (e.kind) {
      case "setField":
        values = { ...values, [e.field]: e.value };
        break;
      case "assignOwner": {
        const before = assignment.ownerId;
        assignment = await assignOwner(c.tx, c.companyId, e.rule, values, assignment);
        if (assignment.ownerId !== before)
          await notify(c, assignment.ownerId, "assigned", {
            zh: `您被指派负责商机「${t}」`,
            en: `You now own the deal “${t}”`,
          });
        break;
      }
      case "notify": {
        const to =
          e.to === "owner" ? assignment.ownerId : await teamManager(c.tx, c.companyId, assignment.teamId);
        await notify(c, to, "notify", { zh: `商机「${t}」有新进展`, en: `The deal “${t}” moved on` });
        break;
      }
      case "requestApproval": {
        const approver =
          e.approver?.kind === "user"
            ? e.approver.userId
            : await teamManager(c.tx, c.companyId, assignment.teamId);
        if (e.notify) await notify(c, approver, "approvalRequested", approvalRequestedTitle(t));
        break;
      }
      case "notifyOwner":
        await notify(c, assignment.ownerId, "timeLimit", {
          zh: `商机「${t}」已超过阶段停留时限`,
          en: `The deal “${t}” is past its stage time limit`,
        });
        break;
      case "escalateToManager":
        await notify(c, await teamManager(c.tx, c.companyId, assignment.teamId), "escalation", {
          zh: `商机「${t}」超时未推进,已升级给您`,
          en: `The deal “${t}” is overdue and was escalated to you`,
        });
        break;
      case "timeLimitMove":
        followUps.push({ stage: e.stage, action: e.action });
        break;
      case "scheduleTimer":
        timers.push({
          kind: "schedule",
          job: {
            companyId: c.companyId,
            dealId: c.dealId,
            event: e.event,
            stage: e.stage,
            enteredAt: c.enteredAt.toISOString(),
          },
          timerId: e.id,
          runAt: new Date(c.now.getTime() + e.delayMs),
        });
        break;
      case "cancelTimer":
        timers.push({ kind: "cancel", companyId: c.companyId, dealId: c.dealId, timerId: e.id });
        break;
    }
  }
  return { values, assignment, followUps, timers };
}
