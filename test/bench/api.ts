import autocannon from "autocannon";
import { and, eq } from "drizzle-orm";
import { createApiKey } from "@/lib/server/api-v1/keys";
import { openDb } from "@/lib/server/db/client";
import { deals, memberships, users } from "@/lib/server/db/schema";
import type { AppServer } from "./app-server";

/**
 * api_create_deal_p95_ms and api_action_p95_ms: POST /api/v1/deals and
 * POST /api/v1/deals/{id}/actions/startContact under 32 concurrent HTTP clients (autocannon on
 * loopback, a bounded number of requests), against the production build and its own database.
 * Every action request moves a different deal, so each one is a real transition through the
 * engine (lock, guard, event, timers, webhooks outbox). Latencies are autocannon's per-response
 * times; any non-2xx answer is reported beside them.
 */
const CONNECTIONS = 32;
const REQUESTS = 1600;

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

function load(opts: Parameters<typeof autocannon>[0]) {
  return new Promise<{ latencies: number[]; failed: number; seconds: number }>((resolve, reject) => {
    const latencies: number[] = [];
    let failed = 0;
    const started = performance.now();
    const instance = autocannon(opts, (err, result) => {
      if (err) reject(err);
      else
        resolve({
          latencies,
          failed: failed + result.errors + result.timeouts,
          seconds: (performance.now() - started) / 1000,
        });
    });
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      if (status < 200 || status >= 300) failed++;
    });
  });
}

export async function benchApi(
  { base, databaseUrl }: AppServer,
  print: (n: string, v: number, u: string) => void,
) {
  const handle = openDb(databaseUrl, { max: 2 });
  try {
    const [admin] = await handle.db
      .select({ userId: users.id, companyId: memberships.companyId })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(and(eq(users.email, "admin@example.com"), eq(memberships.role, "admin")));
    if (!admin) throw new Error("demo admin not found");
    const { token } = await createApiKey(handle.db, admin.companyId, admin.userId, {
      name: "Benchmark",
      scope: "write",
    });
    const headers = {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "accept-language": "en",
    };
    const title = `Bench ${Date.now().toString(36)}`;
    // Warm the route up (compilation caches, connection pool) before measuring.
    await load({ url: `${base}/api/v1/pipelines`, connections: 4, amount: 50, headers });

    const created = await load({
      url: `${base}/api/v1/deals`,
      connections: CONNECTIONS,
      amount: REQUESTS,
      method: "POST",
      headers,
      body: JSON.stringify({
        values: {
          title,
          account: "压测客户",
          amount: 120_000,
          industry: "retail",
          region: "east",
          source: "website",
        },
      }),
    });
    print("api_create_deal_p95_ms", percentile(created.latencies, 0.95), "ms");
    print("api_create_deal_per_s", created.latencies.length / created.seconds, "req/s");
    if (created.failed) print("api_create_deal_failed", created.failed, "requests");

    const ids = (
      await handle.db
        .select({ id: deals.id })
        .from(deals)
        .where(and(eq(deals.companyId, admin.companyId), eq(deals.title, title), eq(deals.stage, "lead")))
    ).map((d) => d.id);
    let next = 0;
    const moved = await load({
      url: base,
      connections: CONNECTIONS,
      amount: ids.length,
      headers,
      requests: [
        {
          method: "POST",
          body: "{}",
          setupRequest: (req) => ({
            ...req,
            path: `/api/v1/deals/${ids[next++ % ids.length]}/actions/startContact`,
          }),
        },
      ],
    });
    print("api_action_p95_ms", percentile(moved.latencies, 0.95), "ms");
    print("api_action_per_s", moved.latencies.length / moved.seconds, "req/s");
    if (moved.failed) print("api_action_failed", moved.failed, "requests");
  } finally {
    await handle.close();
  }
}
