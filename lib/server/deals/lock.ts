import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";
import { deals } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";

/**
 * Locks a deal of the company for the rest of the transaction (SELECT … FOR UPDATE) and
 * checks the version the user saw: a stale one is a CONFLICT, so nothing is overwritten. The
 * error carries the current version; the client reloads the deal and shows what changed since.
 * Every write to a deal starts here.
 */
export async function lockDeal(tx: Tx, companyId: string, dealId: string, expectedVersion: number) {
  const [deal] = await tx
    .select()
    .from(deals)
    .where(and(eq(deals.companyId, companyId), eq(deals.id, dealId)))
    .for("update");
  if (!deal) throw appError("NOT_FOUND", "dealNotFound");
  if (deal.version !== expectedVersion)
    throw appError("CONFLICT", "dealChanged", {}, { version: deal.version, expectedVersion });
  return deal;
}
