import "server-only";
import { randomUUID } from "node:crypto";
import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { insertDeliveries } from "./outbox";

export type DeliveryStatus = (typeof webhookDeliveries.status.enumValues)[number];

export type DeliveryQuery = {
  endpointId?: string;
  status?: DeliveryStatus;
  limit: number;
  /** The last row of the previous page (keyset: created_at, id). */
  cursor?: { createdAt: Date; id: string };
};

/** The delivery log, newest first, for the company, one endpoint and/or one status. */
export async function listDeliveries(db: Db, companyId: string, q: DeliveryQuery) {
  const where: SQL[] = [eq(webhookDeliveries.companyId, companyId)];
  if (q.endpointId) where.push(eq(webhookDeliveries.endpointId, q.endpointId));
  if (q.status) where.push(eq(webhookDeliveries.status, q.status));
  if (q.cursor)
    where.push(
      or(
        lt(webhookDeliveries.createdAt, q.cursor.createdAt),
        and(eq(webhookDeliveries.createdAt, q.cursor.createdAt), lt(webhookDeliveries.id, q.cursor.id)),
      )!,
    );
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      url: webhookEndpoints.url,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      dealId: webhookDeliveries.dealId,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      resentFrom: webhookDeliveries.resentFrom,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(
      webhookEndpoints,
      and(
        eq(webhookEndpoints.companyId, webhookDeliveries.companyId),
        eq(webhookEndpoints.id, webhookDeliveries.endpointId),
      ),
    )
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(q.limit + 1);
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > q.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/** One delivery with the exact body sent, every attempt, and the last response. */
export async function getDelivery(db: Db, companyId: string, id: string) {
  const [row] = await db
    .select({
      delivery: webhookDeliveries,
      url: webhookEndpoints.url,
      endpointEnabled: webhookEndpoints.enabled,
    })
    .from(webhookDeliveries)
    .innerJoin(
      webhookEndpoints,
      and(
        eq(webhookEndpoints.companyId, webhookDeliveries.companyId),
        eq(webhookEndpoints.id, webhookDeliveries.endpointId),
      ),
    )
    .where(and(eq(webhookDeliveries.companyId, companyId), eq(webhookDeliveries.id, id)));
  if (!row) throw appError("NOT_FOUND", "webhooks.deliveryNotFound");
  const { companyId: _c, ...delivery } = row.delivery;
  return {
    ...delivery,
    url: row.url,
    endpointEnabled: row.endpointEnabled,
    body: JSON.stringify(delivery.payload, null, 2),
  };
}

/**
 * Sends a delivery again as a new delivery (its own id and attempts; the same event id and
 * body, so a receiver that already has it can tell). The endpoint must be on.
 */
export async function resendDelivery(db: Db, companyId: string, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ delivery: webhookDeliveries, enabled: webhookEndpoints.enabled })
      .from(webhookDeliveries)
      .innerJoin(
        webhookEndpoints,
        and(
          eq(webhookEndpoints.companyId, webhookDeliveries.companyId),
          eq(webhookEndpoints.id, webhookDeliveries.endpointId),
        ),
      )
      .where(and(eq(webhookDeliveries.companyId, companyId), eq(webhookDeliveries.id, id)));
    if (!row) throw appError("NOT_FOUND", "webhooks.deliveryNotFound");
    if (!row.enabled) throw appError("BAD_REQUEST", "webhooks.endpointDisabled");
    const d = row.delivery;
    const copy = randomUUID();
    await insertDeliveries(tx, companyId, [
      {
        companyId,
        id: copy,
        endpointId: d.endpointId,
        eventId: d.eventId,
        eventType: d.eventType,
        dealId: d.dealId,
        payload: d.payload,
        resentFrom: d.id,
      },
    ]);
    return { deliveryId: copy };
  });
}
