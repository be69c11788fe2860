import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/lib/server/db/client";
import { webhookDeliveries, webhookEndpoints, type deals } from "@/lib/server/db/schema";
import { buildPayloads, createdPayloads, type DealEventSpec, type WebhookActor } from "./payload";

export const WEBHOOK_TASK = "webhookDelivery";

/** The payload of a delivery job: which outbox rows to try (all of one company). */
export type WebhookJob = { companyId: string; ids: string[] };

/** What changed on a deal, as the domain code that changed it knows it. */
export type DealChange = {
  deal: typeof deals.$inferSelect;
  actor: WebhookActor;
  at: Date;
  events: DealEventSpec[];
};

/** The company's enabled endpoints and their events: the only query a change makes when none wants it. */
export function webhookTargets(tx: Tx, companyId: string) {
  return tx
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.companyId, companyId), eq(webhookEndpoints.enabled, true)));
}

export type WebhookTarget = { id: string; events: string[] };

/**
 * The same as a column of another statement (e.g. the deal's `UPDATE … RETURNING`), so the
 * lookup costs no statement of its own on the hottest path: null when no endpoint is on.
 */
export const webhookTargetsColumn = (companyId: string) =>
  sql<WebhookTarget[] | null>`(select json_agg(json_build_object('id', e.id, 'events', e.events))
    from webhook_endpoints e where e.company_id = ${companyId} and e.enabled)`;

/**
 * Writes the webhook outbox for a deal change, inside the transaction of the change: one
 * delivery row per (event, enabled endpoint subscribed to it) and one job to deliver them, so a
 * delivery exists if and only if the change committed. Without a subscribed endpoint this is
 * one query on the endpoints' primary key and nothing else (no payload is built). A caller
 * that already writes a row may read `webhookTargetsColumn()` with it and hand the result in as
 * `targets`, so the lookup costs no statement of its own.
 */
export async function enqueueWebhookEvents(
  tx: Tx,
  companyId: string,
  change: DealChange,
  targets?: WebhookTarget[],
) {
  if (change.events.length === 0) return [];
  const endpoints = targets ?? (await webhookTargets(tx, companyId));
  const wanted = (type: string) => endpoints.filter((e) => e.events.includes(type));
  if (!change.events.some((e) => wanted(e.type).length > 0)) return [];

  const payloads = await buildPayloads(tx, companyId, change);
  const rows = payloads.flatMap((payload) =>
    wanted(payload.type).map((endpoint) => ({
      companyId,
      id: randomUUID(),
      endpointId: endpoint.id,
      eventId: payload.id,
      eventType: payload.type,
      dealId: change.deal.id,
      payload,
    })),
  );
  await insertDeliveries(tx, companyId, rows);
  return rows.map((r) => r.id);
}

type DeliveryInsert = Omit<typeof webhookDeliveries.$inferInsert, "nextAttemptAt"> & { id: string };

/** Inserts outbox rows and the job that delivers them, pipelined in one round trip. */
export async function insertDeliveries(tx: Tx, companyId: string, rows: DeliveryInsert[]) {
  if (rows.length === 0) return;
  const job: WebhookJob = { companyId, ids: rows.map((r) => r.id) };
  await Promise.all([
    // Due by the database's clock, which is the one the worker's claim compares with.
    tx.insert(webhookDeliveries).values(rows.map((r) => ({ ...r, nextAttemptAt: sql`now()` }))),
    tx.execute(
      sql`select graphile_worker.add_job(${WEBHOOK_TASK}, ${JSON.stringify(job)}::json, max_attempts := 5)`,
    ),
  ]);
}

/**
 * The outbox of many new deals at once (an import's chunk): for each deal, what
 * enqueueWebhookEvents writes for its "deal.created" — one delivery per subscribed endpoint and
 * one job delivering them — in two statements whatever the number of deals.
 */
export async function enqueueCreatedDeals(
  tx: Tx,
  companyId: string,
  rows: (typeof deals.$inferSelect)[],
  actor: WebhookActor,
  at: Date,
  targets: WebhookTarget[],
) {
  const endpoints = targets.filter((e) => e.events.includes("deal.created"));
  if (endpoints.length === 0 || rows.length === 0) return;
  const payloads = await createdPayloads(tx, companyId, rows, actor, at);
  const deliveries: DeliveryInsert[] = [];
  const jobs: WebhookJob[] = [];
  payloads.forEach((payload, i) => {
    const mine = endpoints.map((endpoint) => ({
      companyId,
      id: randomUUID(),
      endpointId: endpoint.id,
      eventId: payload.id,
      eventType: payload.type,
      dealId: rows[i]!.id,
      payload,
    }));
    deliveries.push(...mine);
    jobs.push({ companyId, ids: mine.map((d) => d.id) });
  });
  const PIECE = 1000;
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < deliveries.length; i += PIECE)
    writes.push(
      tx
        .insert(webhookDeliveries)
        .values(deliveries.slice(i, i + PIECE).map((r) => ({ ...r, nextAttemptAt: sql`now()` }))),
    );
  writes.push(
    tx.execute(sql`select count(*) from graphile_worker.add_jobs(array(
      select row(${WEBHOOK_TASK}, j.payload, null, null, 5, null, null, null)::graphile_worker.job_spec
      from json_array_elements(${JSON.stringify(jobs)}::json) as j(payload)))`),
  );
  await Promise.all(writes);
}
