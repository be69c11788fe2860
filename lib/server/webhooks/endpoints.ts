import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { users, webhookDeliveries, webhookEndpoints } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { env } from "@/lib/env";
import { WEBHOOK_TEST_EVENT, type WebhookEventType } from "@/lib/webhooks/events";
import { insertDeliveries, WEBHOOK_TASK, type WebhookJob } from "./outbox";
import type { WebhookPayload } from "./payload";
import { newWebhookSecret } from "./signature";
import { checkWebhookUrl } from "./target";

/** How long a rotated-out secret still signs, beside the new one. */
const ROLLOVER_HOURS = 24;

export type EndpointInput = { url: string; description: string; events: WebhookEventType[] };

function checkUrl(url: string) {
  const problem = checkWebhookUrl(url, env.PW_WEBHOOK_ALLOW_PRIVATE);
  if (problem) throw appError("BAD_REQUEST", `webhooks.${problem}`);
}

const mine = (companyId: string, id: string) =>
  and(eq(webhookEndpoints.companyId, companyId), eq(webhookEndpoints.id, id));

/** An endpoint of the company, or NOT_FOUND (another company's reads exactly like a missing one). */
async function endpointOf(db: Db | Tx, companyId: string, id: string) {
  const [row] = await db.select().from(webhookEndpoints).where(mine(companyId, id));
  if (!row) throw appError("NOT_FOUND", "webhooks.endpointNotFound");
  return row;
}

/** The company's endpoints (never their secrets), with their last delivery and what waits. */
export async function listEndpoints(db: Db, companyId: string) {
  const rows = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      events: webhookEndpoints.events,
      enabled: webhookEndpoints.enabled,
      disabledReason: webhookEndpoints.disabledReason,
      disabledAt: webhookEndpoints.disabledAt,
      failureStreak: webhookEndpoints.failureStreak,
      failingSince: webhookEndpoints.failingSince,
      lastSuccessAt: webhookEndpoints.lastSuccessAt,
      version: webhookEndpoints.version,
      createdAt: webhookEndpoints.createdAt,
      createdByName: users.name,
      pending: sql<number>`(select count(*)::int from ${webhookDeliveries} d
        where d.company_id = ${webhookEndpoints.companyId} and d.endpoint_id = ${webhookEndpoints.id}
          and d.status = 'pending')`,
      lastStatus: sql<string | null>`(select d.status::text from ${webhookDeliveries} d
        where d.company_id = ${webhookEndpoints.companyId} and d.endpoint_id = ${webhookEndpoints.id}
        order by d.created_at desc, d.id desc limit 1)`,
    })
    .from(webhookEndpoints)
    .leftJoin(users, eq(users.id, webhookEndpoints.createdBy))
    .where(eq(webhookEndpoints.companyId, companyId))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  return rows;
}

/** Creates an endpoint; its signing secret is returned this once. */
export async function createEndpoint(db: Db, companyId: string, userId: string, input: EndpointInput) {
  checkUrl(input.url);
  const secret = newWebhookSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      companyId,
      url: input.url,
      description: input.description,
      events: [...new Set(input.events)],
      secret,
      createdBy: userId,
    })
    .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url, version: webhookEndpoints.version });
  return { ...row!, secret };
}

/** Changes URL, description and events under the version the admin saw (stale → CONFLICT). */
export async function updateEndpoint(
  db: Db,
  companyId: string,
  input: EndpointInput & { id: string; expectedVersion: number },
) {
  checkUrl(input.url);
  return db.transaction(async (tx) => {
    const current = await endpointOf(tx, companyId, input.id);
    if (current.version !== input.expectedVersion) throw appError("CONFLICT", "webhooks.stale");
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        url: input.url,
        description: input.description,
        events: [...new Set(input.events)],
        version: current.version + 1,
        updatedAt: sql`now()`,
      })
      .where(mine(companyId, input.id))
      .returning({ id: webhookEndpoints.id, version: webhookEndpoints.version });
    return row!;
  });
}

/**
 * Switches an endpoint on or off. Off: events are no longer written for it, and what waits is
 * kept. On again: the failure count starts over and what waited is tried at once.
 */
export async function setEndpointEnabled(db: Db, companyId: string, id: string, enabled: boolean) {
  return db.transaction(async (tx) => {
    const current = await endpointOf(tx, companyId, id);
    if (current.enabled === enabled) return { id, version: current.version, resumed: 0 };
    const [row] = await tx
      .update(webhookEndpoints)
      .set(
        enabled
          ? {
              enabled: true,
              disabledReason: null,
              disabledAt: null,
              failureStreak: 0,
              failingSince: null,
              version: current.version + 1,
              updatedAt: sql`now()`,
            }
          : {
              enabled: false,
              disabledReason: "manual",
              disabledAt: sql`now()`,
              version: current.version + 1,
              updatedAt: sql`now()`,
            },
      )
      .where(mine(companyId, id))
      .returning({ version: webhookEndpoints.version });
    const resumed = enabled ? await resumePending(tx, companyId, id) : 0;
    return { id, version: row!.version, resumed };
  });
}

/** Makes an endpoint's waiting deliveries due now and enqueues jobs for them (100 a job). */
async function resumePending(tx: Tx, companyId: string, endpointId: string) {
  const rows = await tx
    .update(webhookDeliveries)
    .set({ nextAttemptAt: sql`now()` })
    .where(
      and(
        eq(webhookDeliveries.companyId, companyId),
        eq(webhookDeliveries.endpointId, endpointId),
        eq(webhookDeliveries.status, "pending"),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  for (let i = 0; i < rows.length; i += 100) {
    const job: WebhookJob = { companyId, ids: rows.slice(i, i + 100).map((r) => r.id) };
    await tx.execute(sql`select graphile_worker.add_job(${WEBHOOK_TASK}, ${JSON.stringify(job)}::json)`);
  }
  return rows.length;
}

/** Deletes an endpoint and its delivery log. */
export async function deleteEndpoint(db: Db, companyId: string, id: string) {
  const [row] = await db
    .delete(webhookEndpoints)
    .where(mine(companyId, id))
    .returning({ id: webhookEndpoints.id });
  if (!row) throw appError("NOT_FOUND", "webhooks.endpointNotFound");
  return row;
}

/**
 * A new signing secret, returned this once. The old one keeps signing beside it for 24 hours
 * (two `v1=` in the signature header), so the receiver can switch without losing a delivery.
 */
export async function rotateSecret(db: Db, companyId: string, id: string) {
  const secret = newWebhookSecret();
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      previousSecret: sql`${webhookEndpoints.secret}`,
      previousSecretExpiresAt: sql`now() + make_interval(hours => ${ROLLOVER_HOURS})`,
      secret,
      version: sql`${webhookEndpoints.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(mine(companyId, id))
    .returning({ id: webhookEndpoints.id, version: webhookEndpoints.version });
  if (!row) throw appError("NOT_FOUND", "webhooks.endpointNotFound");
  return { ...row, secret };
}

/** Queues a `webhook.test` event for one endpoint (whatever it subscribes to); it must be on. */
export async function sendTestEvent(db: Db, companyId: string, userId: string, id: string) {
  return db.transaction(async (tx) => {
    const endpoint = await endpointOf(tx, companyId, id);
    if (!endpoint.enabled) throw appError("BAD_REQUEST", "webhooks.endpointDisabled");
    const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
    const payload: WebhookPayload = {
      id: randomUUID(),
      type: WEBHOOK_TEST_EVENT,
      createdAt: new Date().toISOString(),
      companyId,
      data: { endpointId: id, actor: { type: "user", id: userId, name: user?.name ?? null } },
    };
    const deliveryId = randomUUID();
    await insertDeliveries(tx, companyId, [
      {
        companyId,
        id: deliveryId,
        endpointId: id,
        eventId: payload.id,
        eventType: payload.type,
        payload,
      },
    ]);
    return { deliveryId };
  });
}
