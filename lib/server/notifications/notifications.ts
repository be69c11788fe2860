import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { deals, notifications } from "@/lib/server/db/schema";

/** The member's latest notifications, newest first, with the deal they are about. */
export async function listNotifications(db: Db, companyId: string, userId: string, limit = 50) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      dealId: notifications.dealId,
      dealTitle: deals.title,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .leftJoin(deals, and(eq(deals.companyId, notifications.companyId), eq(deals.id, notifications.dealId)))
    .where(and(eq(notifications.companyId, companyId), eq(notifications.userId, userId)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function unreadCount(db: Db, companyId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        eq(notifications.companyId, companyId),
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
      ),
    );
  return row?.n ?? 0;
}

/** Marks some (or, without ids, all) of the member's notifications read; others' are never touched. */
export async function markRead(db: Db, companyId: string, userId: string, ids?: string[], now = new Date()) {
  const mine = and(
    eq(notifications.companyId, companyId),
    eq(notifications.userId, userId),
    isNull(notifications.readAt),
  );
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(ids ? and(mine, inArray(notifications.id, ids)) : mine);
}
