import { TRPCError } from "@trpc/server";
import type { Tx } from "@/lib/server/db/client";
import { UserMessage } from "@/lib/server/errors";
import { createDeal, type CreateDealInput } from "@/lib/server/deals/create-deal";
import { placeImportedDeal } from "@/lib/server/deals/place-imported";
import { updateDeal } from "@/lib/server/deals/update-deal";
import type { SheetRow } from "@/lib/import/cells";
import type { ConvertedRow } from "@/lib/import/convert-row";
import { decideRow, type DecideContext, type ExistingDeal } from "@/lib/import/decide-row";
import type { CellError, RowError } from "@/lib/import/errors";
import { dayAt } from "./plan";
import type { ImportSetup } from "./setup";

/** What writing a chunk of rows needs: the pipeline's setup, the decisions' context, who imports, when. */
export type Writer = {
  setup: ImportSetup;
  plan: DecideContext;
  actorId: string;
  now: Date;
};

export type RowResult = { kind: "created" | "updated" } | { kind: "failed"; errors: RowError[] };

/** An error the engine (or the database) raised while writing a row, as the row's error. */
export function writeError(e: unknown): CellError {
  const cause = e instanceof TRPCError ? e.cause : e;
  if (cause instanceof UserMessage) return { code: "engine", values: { key: cause.key, ...cause.values } };
  type PgError = { code?: string; constraint_name?: string; cause?: PgError };
  const err = e as PgError;
  const pg = err?.code ? err : err?.cause;
  if (pg?.code === "23505" && pg.constraint_name === "deals_external_id_key")
    return { code: "externalIdTaken" };
  console.error("[import] a row failed unexpectedly:", e);
  return { code: "unexpected" };
}

/** A row's error from what was thrown while writing it. */
export const failedRow = (row: SheetRow, e: unknown): RowResult => ({
  kind: "failed",
  errors: [{ ...writeError(e), row: row.n, column: null, header: null, value: "" }],
});

/**
 * How a row the decision creates becomes a new deal: createDeal's input, and the stage to place
 * it in afterwards (with when it got there), if the file names a later one. A closed deal's
 * history is its dates; an open one's starts now (no invented stays).
 */
export function newDealOf(w: Writer, r: ConvertedRow) {
  const outcome = r.stage ? w.plan.newDeal.stages.get(r.stage)?.outcome : "open";
  const closed = outcome === "won" || outcome === "lost";
  const createdAt = r.createdAt ? dayAt(r.createdAt) : closed && r.closedAt ? dayAt(r.closedAt) : undefined;
  const input: CreateDealInput & { now: Date } = {
    pipelineId: w.setup.pipelineId,
    values: r.values,
    ownerId: r.ownerId,
    externalId: r.externalId,
    currency: r.currency ?? w.plan.convert.currency,
    createdAt,
    historyFrom: closed ? undefined : w.now,
    now: w.now,
  };
  const placement = r.stage ? { stage: r.stage, at: closed && r.closedAt ? dayAt(r.closedAt) : w.now } : null;
  return { input, placement };
}

/** An update's changes: the row's non-empty cells (a title taken from the account names new deals only). */
export function updateChangesOf(w: Writer, r: ConvertedRow) {
  const changes = { ...r.values };
  if (!w.plan.convert.columns.includes("title")) delete changes.title;
  return changes;
}

/**
 * Writes one row the decision allows, through the deal shell (createDeal, placeImportedDeal,
 * updateDeal), in a savepoint: all of the row or none of it. The way every row went before imports
 * wrote chunks at once, and still the way for a chunk whose set-wise write failed (so its good rows
 * land and its bad one is named) and for rows whose first stage does more than schedule timers.
 */
export async function writeRow(
  tx: Tx,
  w: Writer,
  row: SheetRow,
  existing: Map<string, ExistingDeal>,
  repeats: Map<number, number>,
): Promise<RowResult> {
  const decision = decideRow(row, w.plan, existing, repeats);
  if (decision.kind === "error") return { kind: "failed", errors: decision.errors };
  const r = decision.row;
  try {
    // createDeal and updateDeal each write in a savepoint of their own; a row that also places
    // its new deal in a later stage needs one around both, so it lands whole or not at all.
    const unit = <T>(write: (sp: Tx) => Promise<T>) =>
      decision.kind === "create" && r.stage ? tx.transaction(write) : write(tx);
    return await unit(async (sp) => {
      if (decision.kind === "update") {
        await updateDeal(sp, w.setup.company, w.actorId, {
          dealId: decision.deal.id,
          expectedVersion: decision.deal.version,
          changes: updateChangesOf(w, r),
          ...(r.currency && { currency: r.currency }),
          ownerId: r.ownerId,
          now: w.now,
        });
        return { kind: "updated" as const };
      }
      const { input, placement } = newDealOf(w, r);
      const deal = await createDeal(sp, w.setup.company, w.actorId, input);
      if (placement && placement.stage !== deal.stage)
        await placeImportedDeal(sp, w.setup.company.id, deal, {
          ...placement,
          actorId: w.actorId,
          now: w.now,
        });
      return { kind: "created" as const };
    });
  } catch (e) {
    return failedRow(row, e);
  }
}
