import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";
import { dealEvents, notifications, teams, type deals } from "@/lib/server/db/schema";
import { priorityOf } from "@/lib/server/deals/apply-action";
import { approvalRequestedTitle } from "@/lib/server/deals/perform-effects";
import { stageTimers } from "@/lib/server/deals/reopen";
import { dealValues } from "@/lib/server/deals/values";
import type { TimerChange } from "@/lib/server/jobs/schedule";
import { enqueueWebhookEvents, webhookTargets } from "@/lib/server/webhooks/outbox";
import type { PersistedSnapshot, Program } from "@/workflows/runtime";
import { applyTimerChangesInBulk } from "./timers";

/*
 * Moving deals from one version to another outside the engine (a migration, or its rollback).
 * The engine cannot walk a deal there — the new version never saw its history — so the move is
 * written the way reopen and an import write theirs: a snapshot resolved for the state, the old
 * state's time limits cancelled and the new one's scheduled, score and priority from the new
 * version's scoring rule, the deal's version bumped (a rep's open form gets a CONFLICT, not a
 * silent overwrite), one event per deal, and the approver told of a deal that now waits in an
 * approval it was not waiting in (as the engine tells them). Written in bulk: a handful of statements per batch.
 */

type DealRow = typeof deals.$inferSelect;

export type VersionRef = { id: string; number: number; program: Program };

export type DealMove = {
  deal: DealRow;
  /** The state (open stage or approval) of `to` the deal goes to. */
  stage: string;
  /** When the deal entered it: its stay goes on when the stage keeps its key, else now. */
  enteredAt: Date;
};

export type MoveBatch = {
  companyId: string;
  from: VersionRef;
  to: VersionRef;
  type: "migrated" | "migrationRolledBack";
  actorId: string;
  comment: string | null;
  now: Date;
  moves: DealMove[];
};

const snapshots = new WeakMap<Program, Map<string, PersistedSnapshot>>();

/** The persisted XState snapshot of a deal resting in `stage` (the same for every deal there). */
export function snapshotIn(program: Program, stage: string): PersistedSnapshot {
  let byStage = snapshots.get(program);
  if (!byStage) snapshots.set(program, (byStage = new Map()));
  const hit = byStage.get(stage);
  if (hit) return hit;
  const resolved = program.machine.resolveState({
    status: "active",
    value: stage,
    historyValue: {},
    context: {},
    children: {},
  } as never);
  const snapshot = program.machine.getPersistedSnapshot(resolved) as unknown as PersistedSnapshot;
  byStage.set(stage, snapshot);
  return snapshot;
}

/**
 * Deals among `candidates` whose time limit already fired during the stay that began at their
 * `stage_entered_at` in their current stage: a stay that goes on does not fire it again. One
 * index range per deal (deal_events by deal); the few matches are compared here.
 */
export async function limitsFired(tx: Tx, companyId: string, candidates: DealRow[]): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const rows = await tx
    .select({ dealId: dealEvents.dealId, fromStage: dealEvents.fromStage, at: dealEvents.at })
    .from(dealEvents)
    .where(
      and(
        eq(dealEvents.companyId, companyId),
        inArray(
          dealEvents.dealId,
          candidates.map((d) => d.id),
        ),
        eq(dealEvents.type, "timeLimit"),
      ),
    );
  const byId = new Map(candidates.map((d) => [d.id, d]));
  return new Set(
    rows
      .filter((e) => {
        const d = byId.get(e.dealId)!;
        return e.fromStage === d.stage && e.at.getTime() >= d.stageEnteredAt.getTime();
      })
      .map((e) => e.dealId),
  );
}

/**
 * The time-limit jobs of a move: the old state's cancelled, the new state's scheduled for the
 * stay (`enteredAt` + limit, at the earliest now) unless it already fired during a stay that
 * goes on. The job carries the stay's start, so it is a no-op once the deal moves on. A stay that
 * goes on under a time limit of the same name and length keeps its job as it is (most deals of
 * a migration): nothing to write.
 */
function timersOf(b: MoveBatch, m: DealMove, fired: Set<string>): TimerChange[] {
  const old = stageTimers(b.from.program, b.companyId, m.deal.id, m.deal.stage, m.deal.stageEnteredAt);
  const staysOn = m.enteredAt.getTime() === m.deal.stageEnteredAt.getTime() && m.stage === m.deal.stage;
  const next = stageTimers(b.to.program, b.companyId, m.deal.id, m.stage, m.enteredAt);
  const same = (a: TimerChange, c: TimerChange) =>
    a.kind === "schedule" &&
    c.kind === "schedule" &&
    a.timerId === c.timerId &&
    a.runAt.getTime() === c.runAt.getTime();
  if (staysOn && old.length === next.length && old.every((t, i) => same(t, next[i]!))) return [];
  const kept = new Set(next.map((t) => (t.kind === "schedule" ? t.timerId : "")));
  const cancel = old.flatMap((t): TimerChange[] =>
    t.kind === "schedule" && !kept.has(t.timerId)
      ? [{ kind: "cancel", companyId: b.companyId, dealId: m.deal.id, timerId: t.timerId }]
      : [],
  );
  // The limit fired during this stay: its job is gone, and it does not fire again.
  if (staysOn && fired.has(m.deal.id)) return cancel;
  const schedule = next.map((t): TimerChange =>
    t.kind === "schedule" && t.runAt.getTime() < b.now.getTime() ? { ...t, runAt: b.now } : t,
  );
  return [...cancel, ...schedule];
}

/**
 * Tells each approver of a deal that a move leaves waiting in an approval of `to` it was not
 * waiting in before: the named user, else the manager of the deal's team — as the engine's
 * requestApproval does — unless the approval node turns notifications off.
 */
async function notifyApprovers(tx: Tx, b: MoveBatch) {
  const approvals = new Map(
    b.to.program.definition.nodes.flatMap((n) => (n.data.kind === "approval" ? [[n.data.key, n.data]] : [])),
  );
  const waiting = b.moves.flatMap((m) => {
    const approval = m.stage !== m.deal.stage ? approvals.get(m.stage) : undefined;
    return approval && approval.notifyApprover !== false
      ? [{ deal: m.deal, approver: approval.approver }]
      : [];
  });
  if (waiting.length === 0) return;
  const teamIds = [
    ...new Set(waiting.flatMap((w) => (w.approver?.kind !== "user" && w.deal.teamId ? [w.deal.teamId] : []))),
  ];
  const managers = teamIds.length
    ? await tx
        .select({ id: teams.id, managerId: teams.managerId })
        .from(teams)
        .where(and(eq(teams.companyId, b.companyId), inArray(teams.id, teamIds)))
    : [];
  const managerOf = new Map(managers.map((t) => [t.id, t.managerId]));
  const rows = waiting.flatMap(({ deal, approver }) => {
    const userId =
      approver?.kind === "user" ? approver.userId : deal.teamId ? managerOf.get(deal.teamId) : null;
    return userId
      ? [
          {
            companyId: b.companyId,
            userId,
            kind: "approvalRequested",
            dealId: deal.id,
            title: approvalRequestedTitle(deal.title),
          },
        ]
      : [];
  });
  if (rows.length) await tx.insert(notifications).values(rows);
}

/**
 * Moves a batch of deals (locked by the caller) to `to`, in the caller's transaction. Returns the
 * event id written for each deal.
 */
export async function moveDeals(tx: Tx, b: MoveBatch): Promise<Map<string, number>> {
  if (b.moves.length === 0) return new Map();
  // Only a stay that goes on, under a time limit that changes, asks whether it already fired.
  const fired = await limitsFired(
    tx,
    b.companyId,
    b.moves
      .filter((m) => m.stage === m.deal.stage && timersOf(b, m, new Set()).length > 0)
      .map((m) => m.deal),
  );
  const at = sql`${b.now.toISOString()}::timestamptz`;
  const rows = b.moves.map((m) => {
    const { score, priority } = priorityOf(b.to.program, dealValues(m.deal), b.now);
    return sql`(${m.deal.id}::uuid, ${m.stage}, ${JSON.stringify(snapshotIn(b.to.program, m.stage))}::jsonb,
      ${m.enteredAt.toISOString()}::timestamptz, ${score}::int, ${priority}::text)`;
  });
  const versions = { pipelineVersion: { from: b.from.number, to: b.to.number } };
  const [, events, , hooks] = await Promise.all([
    tx.execute(sql`
      update deals as d
      set pipeline_version_id = ${b.to.id}::uuid, stage = v.stage, snapshot = v.snapshot,
          stage_entered_at = v.entered_at, score = v.score, priority = v.priority,
          version = d.version + 1, updated_at = ${at}
      from (values ${sql.join(rows, sql`, `)}) as v(id, stage, snapshot, entered_at, score, priority)
      where d.company_id = ${b.companyId}::uuid and d.id = v.id`),
    tx
      .insert(dealEvents)
      .values(
        b.moves.map((m) => ({
          companyId: b.companyId,
          dealId: m.deal.id,
          type: b.type,
          fromStage: m.deal.stage,
          toStage: m.stage,
          actorId: b.actorId,
          pipelineVersionId: b.to.id,
          changes: versions,
          comment: b.comment,
          at: b.now,
        })),
      )
      .returning({ id: dealEvents.id, dealId: dealEvents.dealId }),
    applyTimerChangesInBulk(
      tx,
      b.moves.flatMap((m) => timersOf(b, m, fired)),
    ),
    webhookTargets(tx, b.companyId),
  ]);
  await notifyApprovers(tx, b);
  // Integrations that mirror the stage hear of a deal whose stage key changed.
  if (hooks.some((h) => h.events.includes("deal.stage_changed")))
    for (const m of b.moves)
      if (m.stage !== m.deal.stage)
        await enqueueWebhookEvents(
          tx,
          b.companyId,
          {
            deal: { ...m.deal, stage: m.stage, pipelineVersionId: b.to.id },
            actor: { type: "user", id: b.actorId },
            at: b.now,
            events: [{ type: "deal.stage_changed", action: "migration", from: m.deal.stage, to: m.stage }],
          },
          hooks,
        );
  return new Map(events.map((e) => [e.dealId, e.id]));
}
