import { uuidv7 } from "@/lib/server/db/uuid7";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";
import { insertJsonRows } from "@/lib/server/db/insert-json";
import { dealEvents, deals, teams } from "@/lib/server/db/schema";
import { decideNewDeal, knownOwnerOf, newDealRecords, webhookActorOf } from "@/lib/server/deals/create-deal";
import { performEffects } from "@/lib/server/deals/perform-effects";
import { importedPlacement } from "@/lib/server/deals/place-imported";
import { applyNewDealTimerChanges, type TimerChange } from "@/lib/server/jobs/schedule";
import { enqueueCreatedDeals, webhookTargets, type WebhookTarget } from "@/lib/server/webhooks/outbox";
import type { SheetRow } from "@/lib/import/cells";
import type { ConvertedRow } from "@/lib/import/convert-row";
import type { RowError } from "@/lib/import/errors";
import type { ShellEffect } from "@/workflows/runtime";
import { chunkLookups } from "./chunk-lookups";
import { failedRow, newDealOf, type Writer } from "./write-row";

/**
 * What createDeal's performEffects does without the database: the first stage's time limits and
 * field values. A first stage that does more (notifies, assigns, asks for an approval) makes its
 * rows go through the deal shell one by one.
 */
const WITHOUT_DATABASE: Record<ShellEffect["kind"], boolean> = {
  setField: true,
  scheduleTimer: true,
  cancelTimer: true,
  assignOwner: false,
  notify: false,
  requestApproval: false,
  notifyOwner: false,
  escalateToManager: false,
  timeLimitMove: false,
};

type DealInsert = typeof deals.$inferInsert;
type EventInsert = typeof dealEvents.$inferInsert;

/** A new deal decided and ready to write: its row as created, and as placed when the file names a later stage. */
type Planned = {
  created: DealInsert & { id: string };
  placed: Partial<DealInsert> | null;
  events: EventInsert[];
  timers: TimerChange[];
};

/**
 * Rows planned and written together: while the database writes one part, the next is planned
 * (the two run on different cores), and each part's statements go out at once.
 */
const PART = 250;

type Lookups = Awaited<ReturnType<typeof chunkLookups>>;

/**
 * Creates the new deals of a chunk of rows set-wise, in the caller's savepoint (the chunk lands
 * whole or, should any statement fail, not at all). Each row is decided by createDeal's own code —
 * version and pilot routing, values checked, owner or assignment rule, the engine's first step,
 * the placement in a later stage — against tables read once for the chunk; a row the engine
 * refuses is reported and left out. Then the deals, their events, time-limit jobs, webhook outbox
 * and round-robin counters are written in a few statements, with the read model's insert triggers
 * standing aside and pw_analytics_add_deals deriving the new deals' analytics from their events
 * (drizzle/0021): the same rows the triggers would write one deal at a time.
 *
 * Returns the deals created, the rows refused, and the rows to write one by one through the deal
 * shell (their first stage does more than schedule timers).
 */
export async function writeCreates(sp: Tx, w: Writer, rows: { row: SheetRow; r: ConvertedRow }[]) {
  const companyId = w.setup.company.id;
  const [lookups, targets] = await Promise.all([
    chunkLookups(sp, companyId, w.setup.pipelineId, w.now),
    webhookTargets(sp, companyId),
  ]);
  const errors: RowError[] = [];
  const oneByOne: SheetRow[] = [];
  const writes: Promise<unknown>[] = [];
  const ids: string[] = [];
  await sp.execute(sql`select set_config('pipewright.analytics_bulk', 'on', true)`);
  try {
    for (let i = 0; i < rows.length; i += PART) {
      const planned = await plan(sp, w, lookups, rows.slice(i, i + PART), errors, oneByOne);
      if (planned.length === 0) continue;
      ids.push(...planned.map((p) => p.created.id));
      const written = write(sp, w, planned, targets);
      written.catch(() => {}); // awaited below; a failure also fails what follows it
      writes.push(written);
      // Let the part's statements go out before the next part is planned.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await Promise.allSettled(writes);
  }
  await Promise.all(writes);
  // The analytics of the chunk's deals at once (the call costs a few milliseconds whatever its size).
  if (ids.length)
    await sp.execute(sql`select pw_analytics_add_deals(${companyId}::uuid, ${`{${ids.join(",")}}`}::uuid[])`);
  await Promise.all([
    ...lookups.counters().map((c) =>
      sp
        .update(teams)
        .set({ assignmentCounter: c.counter })
        .where(and(eq(teams.companyId, companyId), eq(teams.id, c.teamId))),
    ),
    sp.execute(sql`select set_config('pipewright.analytics_bulk', 'off', true)`),
  ]);
  return { created: ids.length, errors, oneByOne };
}

/** Decides rows as createDeal would: the deals to write, the rows refused, the rows for the deal shell. */
async function plan(
  sp: Tx,
  w: Writer,
  lookups: Lookups,
  rows: { row: SheetRow; r: ConvertedRow }[],
  errors: RowError[],
  oneByOne: SheetRow[],
) {
  const companyId = w.setup.company.id;
  const { now, actorId } = w;
  const planned: Planned[] = [];
  for (const { row, r } of rows) {
    const { input, placement } = newDealOf(w, r);
    try {
      const decided = await decideNewDeal(lookups, {
        knownOwner: knownOwnerOf(w.setup.company, actorId, input.ownerId),
        values: input.values,
        now,
      });
      if (!decided.started.effects.every((e) => WITHOUT_DATABASE[e.kind])) {
        lookups.returnTurn();
        oneByOne.push(row);
        continue;
      }
      const id = uuidv7();
      const records = newDealRecords(companyId, actorId, id, decided, input);
      const effects = await performEffects(
        { tx: sp, companyId, dealId: id, title: records.deal.title, now, enteredAt: now },
        decided.started.effects,
        { values: input.values, assignment: decided.assignment },
      );
      const p: Planned = {
        created: records.deal,
        placed: null,
        events: [records.event],
        timers: effects.timers,
      };
      if (placement && placement.stage !== records.deal.stage) {
        const placed = importedPlacement(
          decided.program,
          companyId,
          { id, stage: records.deal.stage, version: 1, pipelineVersionId: decided.versionId },
          { ...placement, actorId, now },
        );
        p.placed = placed.set;
        p.events.push(placed.event);
        p.timers.push(...placed.timers);
      }
      lookups.keepTurn();
      planned.push(p);
    } catch (e) {
      lookups.returnTurn();
      const failed = failedRow(row, e);
      if (failed.kind === "failed") errors.push(...failed.errors);
    }
  }
  return planned;
}

/**
 * Writes planned deals: rows, events and time-limit jobs, sent together (the connection runs them
 * in order), then their webhook outbox if an endpoint wants it.
 */
async function write(sp: Tx, w: Writer, planned: Planned[], targets: WebhookTarget[]) {
  // A deal's created event before its import event: the log is read in id order.
  const events = [...planned.map((p) => p.events[0]!), ...planned.flatMap((p) => p.events.slice(1))];
  await Promise.all([
    // Every row sets the same columns: a deal left in its first stage has the defaults spelt out.
    insertJsonRows(
      sp,
      deals,
      planned.map((p) => ({ ...p.created, version: 1, closedAt: null, ...p.placed })),
    ),
    insertJsonRows(
      sp,
      dealEvents,
      events.map((e) => ({
        ...e,
        fromStage: e.fromStage ?? null,
        apiKeyId: e.apiKeyId ?? null,
        changes: e.changes ?? null,
      })),
    ),
    applyNewDealTimerChanges(
      sp,
      planned.flatMap((p) => p.timers),
    ),
  ]);
  await enqueueCreated(sp, w, planned, targets);
}

/** The chunk's "deal.created" webhook events, when an endpoint wants them: the deals as created, before any placement. */
async function enqueueCreated(sp: Tx, w: Writer, planned: Planned[], targets: WebhookTarget[]) {
  if (!targets.some((t) => t.events.includes("deal.created"))) return;
  const companyId = w.setup.company.id;
  const byId = new Map(planned.map((p) => [p.created.id, p]));
  const rows = await sp
    .select()
    .from(deals)
    .where(
      and(
        eq(deals.companyId, companyId),
        inArray(
          deals.id,
          planned.map((p) => p.created.id),
        ),
      ),
    );
  const order = new Map(planned.map((p, i) => [p.created.id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  await enqueueCreatedDeals(
    sp,
    companyId,
    rows.map((row) => ({ ...row, ...createdState(byId.get(row.id)!) })),
    webhookActorOf(w.actorId),
    w.now,
    targets,
  );
}

/** The columns a placement changed, as they were when the deal was created. */
function createdState(p: Planned) {
  if (!p.placed) return {};
  const c = p.created;
  return {
    stage: c.stage,
    snapshot: c.snapshot,
    version: 1,
    stageEnteredAt: c.stageEnteredAt!,
    closedAt: null,
    updatedAt: c.updatedAt!,
  };
}
