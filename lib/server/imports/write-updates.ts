import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";
import { insertJsonRows, updateJsonRows } from "@/lib/server/db/insert-json";
import { dealEvents, deals } from "@/lib/server/db/schema";
import { decideUpdate } from "@/lib/server/deals/update-deal";
import { visibleDeals } from "@/lib/server/deals/visibility";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { firstTeams } from "@/lib/server/pipelines/versions/routing";
import { enqueueWebhookEvents, webhookTargets } from "@/lib/server/webhooks/outbox";
import type { SheetRow } from "@/lib/import/cells";
import type { ConvertedRow } from "@/lib/import/convert-row";
import type { ExistingDeal } from "@/lib/import/decide-row";
import type { RowError } from "@/lib/import/errors";
import { failedRow, updateChangesOf, type Writer } from "./write-row";

type DealRow = typeof deals.$inferSelect;
type Decided = NonNullable<Awaited<ReturnType<typeof decideUpdate>>>;

const PIECE = 1000;

/**
 * Updates the deals a chunk's rows name, set-wise, in the caller's savepoint. The deals are locked
 * in id order (still visible to the importer, at the version the decision saw: any other goes one
 * by one through updateDeal, which says why), each row is decided by updateDeal's own code, and
 * the changed deals and their "update" events are written in two statements. The read model's
 * triggers follow the changes as they do for every edit; a new owner's deal.owner_changed webhook
 * is written as updateDeal writes it.
 *
 * Returns the deals updated (a row changing nothing counts, as with updateDeal), the rows refused,
 * and the rows to write one by one.
 */
export async function writeUpdates(
  sp: Tx,
  w: Writer,
  rows: { row: SheetRow; r: ConvertedRow; deal: ExistingDeal }[],
) {
  const companyId = w.setup.company.id;
  const visible = await visibleDeals(sp, w.setup.company, w.actorId);
  const locked = new Map<string, DealRow>();
  for (let i = 0; i < rows.length; i += PIECE) {
    const piece = await sp
      .select()
      .from(deals)
      .where(
        and(
          eq(deals.companyId, companyId),
          inArray(
            deals.id,
            rows.slice(i, i + PIECE).map((u) => u.deal.id),
          ),
          visible,
        ),
      )
      .orderBy(asc(deals.id))
      .for("update");
    for (const d of piece) locked.set(d.id, d);
  }
  const teamOf = await firstTeams(sp, companyId);
  const planned: { deal: DealRow; decided: Decided }[] = [];
  const errors: RowError[] = [];
  const oneByOne: SheetRow[] = [];
  let updated = 0;
  for (const { row, r, deal: seen } of rows) {
    const deal = locked.get(seen.id);
    if (!deal || deal.version !== seen.version) {
      oneByOne.push(row);
      continue;
    }
    try {
      const program = await loadProgram(sp, companyId, deal.pipelineVersionId);
      const decided = await decideUpdate(
        program,
        deal,
        w.setup.company,
        w.actorId,
        {
          dealId: deal.id,
          expectedVersion: deal.version,
          changes: updateChangesOf(w, r),
          ...(r.currency && { currency: r.currency }),
          ownerId: r.ownerId,
          now: w.now,
        },
        async (userId) => teamOf.get(userId) ?? null,
      );
      if (decided) planned.push({ deal, decided });
      updated++;
    } catch (e) {
      const failed = failedRow(row, e);
      if (failed.kind === "failed") errors.push(...failed.errors);
    }
  }
  for (let i = 0; i < planned.length; i += PIECE) {
    const piece = planned.slice(i, i + PIECE);
    await updateJsonRows(
      sp,
      deals,
      ["companyId", "id"],
      piece.map((p) => ({ companyId, id: p.deal.id, ...p.decided.set })),
    );
    await insertJsonRows(
      sp,
      dealEvents,
      piece.map((p) => p.decided.event),
    );
  }
  const reassigned = planned.filter((p) => p.decided.set.ownerId !== p.deal.ownerId);
  if (reassigned.length) {
    const targets = await webhookTargets(sp, companyId);
    for (const p of reassigned)
      await enqueueWebhookEvents(
        sp,
        companyId,
        {
          deal: { ...p.deal, ...p.decided.set },
          actor: { type: "user", id: w.actorId },
          at: w.now,
          events: [{ type: "deal.owner_changed", previousOwnerId: p.deal.ownerId }],
        },
        targets,
      );
  }
  return { updated, errors, oneByOne };
}
