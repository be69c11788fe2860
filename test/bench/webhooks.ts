import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { memberships, webhookEndpoints } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { applyAction } from "@/lib/server/deals/apply-action";
import { createDeal } from "@/lib/server/deals/create-deal";
import { runWebhookJob } from "@/lib/server/webhooks/deliver";
import { newWebhookSecret } from "@/lib/server/webhooks/signature";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";

/**
 * What an endpoint costs the engine: transitions per second with one endpoint subscribed to every
 * event (the outbox rows and their job written in the transaction) against the same without, and
 * how fast the worker's task delivers to a local receiver.
 */
export async function benchWebhooks(
  db: Db,
  companyId: string,
  repId: string,
  print: (n: string, v: number, u: string) => void,
) {
  const company: CompanyScope = { id: companyId, name: "bench", role: "rep" };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(204).end());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  const [admin] = await db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.companyId, companyId), eq(memberships.role, "admin")))
    .limit(1);

  const count = 300;
  const values = { title: "Hook", account: "Bench", industry: "finance", region: "east", source: "website" };
  async function transitions() {
    const created: { id: string }[] = [];
    for (let i = 0; i < count; i++) created.push(await createDeal(db, company, repId, { values }));
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < count) {
          const d = created[next++]!;
          await applyAction(db, company, repId, { dealId: d.id, expectedVersion: 1, action: "startContact" });
        }
      }),
    );
    return count / ((performance.now() - t0) / 1000);
  }

  const without = await transitions();
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({
      companyId,
      url,
      events: [...WEBHOOK_EVENT_TYPES],
      secret: newWebhookSecret(),
      createdBy: admin!.id,
    })
    .returning({ id: webhookEndpoints.id });
  try {
    const withHook = await transitions();
    print("db_transitions_with_webhook_per_s", withHook, "transitions/s");
    print("webhook_outbox_transition_ratio", withHook / without, "ratio");

    const pending = await db.execute<{ id: string }>(
      sql`select id from webhook_deliveries where company_id = ${companyId} and endpoint_id = ${endpoint!.id}`,
    );
    const ids = pending.map((p) => p.id);
    const t0 = performance.now();
    let delivered = 0;
    // Four workers' worth of jobs of 50 deliveries each, as the outbox enqueues them.
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < ids.length) {
          const batch = ids.slice(next, (next += 50));
          delivered += await runWebhookJob(db, { companyId, ids: batch }, { allowPrivate: true });
        }
      }),
    );
    print("webhook_deliveries_per_s", delivered / ((performance.now() - t0) / 1000), "deliveries/s");
  } finally {
    await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint!.id));
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}
