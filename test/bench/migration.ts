import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { companies, deals, memberships, pipelines, pipelineVersions, users } from "@/lib/server/db/schema";
import { migrationDryRun } from "@/lib/server/migrations/plan";
import { rollbackMigration } from "@/lib/server/migrations/rollback";
import { runMigration } from "@/lib/server/migrations/run";
import { startMigration } from "@/lib/server/migrations/start";
import { compile } from "@/workflows/compiler";
import { defaultProcess } from "@/workflows/templates/default-process";
import { migrationStates } from "@/workflows/versions/migration-mapping";

type Print = (name: string, value: number, unit: string) => void;

const DEALS = 10_000;

/** v2 of the default process: Nurture renamed to Incubate, Initial contact asks for a budget. */
function version2() {
  const d = structuredClone(defaultProcess);
  for (const n of d.nodes) {
    if (n.data.key === "nurture")
      n.data = { ...n.data, key: "incubate", name: { zh: "孵化", en: "Incubate" } };
    if (n.data.kind === "stage" && n.data.key === "contact")
      n.data = { ...n.data, requiredFields: ["budget"] };
  }
  return d;
}

/**
 * migrate_10k_deals_s: a company of its own with 10,000 open deals spread over v1's open stages
 * and approvals, migrated to v2 by the job's code in batches of 200 (each deal locked, moved with
 * its snapshot, score, time limits and event, its ledger row and the cursor per batch). Also the
 * dry run of the same mapping and the rollback of the whole migration. The company stays (no
 * other benchmark reads it); run last.
 */
export async function benchMigration(db: Db, print: Print) {
  const [company] = await db
    .insert(companies)
    .values({ name: "Migration bench" })
    .returning({ id: companies.id });
  const companyId = company!.id;
  const [user] = await db
    .insert(users)
    .values({ email: `trainer@migration-bench-${companyId}.test`, name: "Bench trainer" })
    .returning({ id: users.id });
  const userId = user!.id;
  await db.insert(memberships).values({ companyId, userId, role: "trainer" });
  const [pipeline] = await db
    .insert(pipelines)
    .values({ companyId, key: "bench", name: { zh: "迁移", en: "Migration" }, isDefault: true })
    .returning({ id: pipelines.id });
  const compiled = (definition: typeof defaultProcess) => {
    const c = compile(definition);
    return { machine: { machine: c.machine, delays: c.delays }, hash: c.hash };
  };
  const [v1, v2] = await db
    .insert(pipelineVersions)
    .values([
      {
        companyId,
        pipelineId: pipeline!.id,
        number: 1,
        status: "retired",
        definition: defaultProcess,
        ...compiled(defaultProcess),
      },
      {
        companyId,
        pipelineId: pipeline!.id,
        number: 2,
        status: "published",
        definition: version2(),
        ...compiled(version2()),
        publishedAt: new Date(),
      },
    ])
    .returning({ id: pipelineVersions.id });

  const states = migrationStates(defaultProcess).map((s) => s.key);
  const entered = new Date(Date.now() - 5 * 86_400_000);
  for (let i = 0; i < DEALS; i += 1000)
    await db.insert(deals).values(
      Array.from({ length: Math.min(1000, DEALS - i) }, (_, k) => ({
        companyId,
        pipelineId: pipeline!.id,
        pipelineVersionId: v1!.id,
        stage: states[(i + k) % states.length]!,
        title: `Bench deal ${i + k}`,
        account: "Bench account",
        amount: 10_000 + ((i + k) % 97) * 1000,
        fields: { industry: "retail", region: "east", source: "website" },
        ownerId: userId,
        stageEnteredAt: entered,
      })),
    );
  // A company of 10k deals has statistics; right after a bulk insert it would not (and the
  // analytics triggers' plans would scan every open stay of the company per event).
  await db.execute(sql`analyze deals, deal_events, deal_stage_visits, deal_facts`);
  const mapping = Object.fromEntries(states.map((k) => [k, k === "nurture" ? "incubate" : k]));
  const pair = { fromVersionId: v1!.id, toVersionId: v2!.id };

  let started = performance.now();
  const run = await migrationDryRun(db, companyId, { ...pair, mapping });
  print("migration_dry_run_10k_ms", performance.now() - started, "ms");
  if (run.total !== DEALS) throw new Error(`migration bench: dry run saw ${run.total} deals`);

  const { migrationId } = await startMigration(db, companyId, userId, { ...pair, mapping, note: "Bench" });
  started = performance.now();
  const result = await runMigration(db, { companyId, migrationId });
  print("migrate_10k_deals_s", (performance.now() - started) / 1000, "s");
  const [moved] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(deals)
    .where(and(eq(deals.companyId, companyId), eq(deals.pipelineVersionId, v2!.id)));
  if (result !== "done" || moved!.n !== DEALS)
    throw new Error(`migration bench: ${result}, ${moved!.n} moved`);

  started = performance.now();
  await rollbackMigration(db, companyId, userId, { migrationId, note: "Bench" });
  print("rollback_10k_deals_s", (performance.now() - started) / 1000, "s");
}
