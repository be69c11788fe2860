import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { deals } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { visibleDeals } from "./visibility";

/** A deal the member may not see is NOT_FOUND, exactly like one that does not exist. */
export async function assertVisibleDeal(db: Db | Tx, company: CompanyScope, userId: string, dealId: string) {
  const [row] = await db
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.id, dealId), await visibleDeals(db, company, userId)));
  if (!row) throw appError("NOT_FOUND", "dealNotFound");
}
