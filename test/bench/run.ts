/**
 * `npm run bench`: prints one `bench <name>: <value> <unit>` line per figure.
 * Runs against BENCH_DATABASE_URL's server when set, else an embedded Postgres.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { openDb } from "@/lib/server/db/client";
import { startEmbeddedPostgres } from "@/lib/server/db/embedded";
import { runMigrations } from "@/lib/server/db/migrate";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { authenticate } from "@/lib/server/auth/authenticate";
import { DEMO_PASSWORD, seedDemo } from "@/lib/server/seed/demo";
import { createCaller } from "@/lib/server/api/root";
import { createContextInner } from "@/lib/server/api/context";
import { benchAnalytics1M } from "./analytics-1m";
import { benchBoard } from "./board";
import { benchDealsList } from "./deals-list";
import { benchWebhooks } from "./webhooks";
import { benchImport } from "./imports";
import { benchEditorLiveCheck } from "./editor";
import { benchApi } from "./api";
import { withAppServer } from "./app-server";
import { benchEditorOpen } from "./editor-open";
import { benchSimulation } from "./simulation";
import { benchMigration } from "./migration";
import { benchCompile, benchDatabase, benchRuntime } from "./engine";

const print = (name: string, value: number, unit: string) =>
  console.log(`bench ${name}: ${value.toFixed(2)} ${unit}`);
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await fn();
  return [performance.now() - started, result];
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "pw-bench-"));
const embedded = process.env.BENCH_DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dataDir, port: 57000 + (process.pid % 3000), database: "postgres" });
const server = process.env.BENCH_DATABASE_URL ?? embedded!.url;
const dbName = `pw_bench_${process.pid}`;
const admin = postgres(server, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
const url = new URL(server);
url.pathname = `/${dbName}`;

try {
  await runMigrations(url.toString());
  const handle = openDb(url.toString(), { max: 8 });

  const hashes: number[] = [];
  let hash = "";
  for (let i = 0; i < 5; i++) {
    const [ms, h] = await time(() => hashPassword(`password-${i}`));
    hashes.push(ms);
    hash = h;
  }
  print("password_hash_median_ms", percentile(hashes, 0.5), "ms");
  const [verifyMs] = await time(() => verifyPassword(hash, "password-4"));
  print("password_verify_ms", verifyMs, "ms");

  const [seedMs, { companyId }] = await time(() => seedDemo(handle.db));
  print("seed_demo_300_deals_ms", seedMs, "ms");

  const signIns: number[] = [];
  let userId = "";
  for (let i = 0; i < 10; i++) {
    const [ms, r] = await time(() =>
      authenticate(handle.db, { email: "admin@example.com", password: DEMO_PASSWORD }),
    );
    signIns.push(ms);
    if (r.ok) userId = r.user.id;
  }
  print("sign_in_p50_ms", percentile(signIns, 0.5), "ms");

  const caller = createCaller(createContextInner({ db: handle.db, userId, requestedCompanyId: companyId }));
  for (let i = 0; i < 20; i++) await caller.deals.list({ limit: 50 }); // warm up
  const lists: number[] = [];
  for (let i = 0; i < 200; i++) lists.push((await time(() => caller.deals.list({ limit: 50 })))[0]);
  print("deals_list_demo_p95_ms", percentile(lists, 0.95), "ms");
  const summaries: number[] = [];
  for (let i = 0; i < 100; i++) summaries.push((await time(() => caller.deals.summary()))[0]);
  print("home_summary_demo_p95_ms", percentile(summaries, 0.95), "ms");
  // The analytics dashboard, every figure with the previous period's, as the admin opens it.
  for (let i = 0; i < 5; i++) await caller.analytics.dashboard({ period: "last12Months" });
  const dashboards: number[] = [];
  for (let i = 0; i < 40; i++)
    dashboards.push((await time(() => caller.analytics.dashboard({ period: "last12Months" })))[0]);
  print("analytics_dashboard_demo_p95_ms", percentile(dashboards, 0.95), "ms");
  benchCompile(print);
  benchRuntime(print);
  benchEditorLiveCheck(print);
  const rep = await authenticate(handle.db, { email: "rep.east@example.com", password: DEMO_PASSWORD });
  if (!rep.ok) throw new Error("demo rep sign-in failed");
  await benchDatabase(handle.db, companyId, rep.user.id, print);
  await benchBoard(url.toString(), handle.db, companyId, print);
  await benchDealsList(url.toString(), companyId, print);
  await benchSimulation(server, print);
  await benchImport(handle.db, companyId, print, { big: process.env.BENCH_IMPORT_100K !== "0" });
  // Against the production build (skipped without one): the browser and the REST API, the latter
  // with a rate limit no benchmark reaches.
  await withAppServer({ PW_API_RATE_LIMIT: "1000000" }, async (app) => {
    await benchEditorOpen(app, print);
    await benchApi(app, print);
  });
  // Last: it adds deals to the demo company that the list benchmarks above should not see.
  await benchWebhooks(handle.db, companyId, rep.user.id, print);
  // A company of its own with 10,000 open deals: migrated to a new version, then rolled back.
  await benchMigration(handle.db, print);
  // A million deals take minutes to generate: only when asked (npm run bench:analytics runs it alone).
  if (process.env.BENCH_ANALYTICS_1M === "1") await benchAnalytics1M(server, print, 1_000_000);
  print("rss_mb", process.memoryUsage().rss / 1024 / 1024, "MiB");
  await handle.close();
} finally {
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end({ timeout: 5 });
  await embedded?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
