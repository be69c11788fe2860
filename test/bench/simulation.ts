import { and, eq } from "drizzle-orm";
import postgres from "postgres";
import { openDb } from "@/lib/server/db/client";
import { runMigrations } from "@/lib/server/db/migrate";
import { pipelineVersions } from "@/lib/server/db/schema";
import { simulateVersion } from "@/lib/server/pipelines/versions/simulate";
import { seedDemo } from "@/lib/server/seed/demo";

/**
 * simulate_10k_histories_s: the replay simulation of the demo process over 10,000 demo deals with
 * their full event histories (seeded through the real runtime into a database of its own), as the
 * simulation page runs it: load the deals and events, replay every recorded action, count.
 */
export async function benchSimulation(serverUrl: string, print: (n: string, v: number, u: string) => void) {
  const name = `pw_bench_sim_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openDb(url.toString(), { max: 4 });
  try {
    await runMigrations(url.toString());
    const { companyId } = await seedDemo(handle.db, { dealCount: 10_000 });
    const [version] = await handle.db
      .select({ id: pipelineVersions.id })
      .from(pipelineVersions)
      .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.status, "published")));
    const runs: number[] = [];
    let replayed = 0;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const run = await simulateVersion(handle.db, companyId, { versionId: version!.id, months: 24 });
      runs.push((performance.now() - started) / 1000);
      replayed = run.report.deals;
    }
    print("simulate_10k_histories_s", [...runs].sort((a, b) => a - b)[1]!, "s");
    print("simulate_10k_histories_deals", replayed, "deals");
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  }
}
