import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { dealEvents, deals, pipelineVersions } from "@/lib/server/db/schema";
import type { LocalizedText } from "@/workflows/definition/schema";

const MIGRATION_EVENTS = ["migrated", "migrationRolledBack"];

/**
 * The versions a deal's migration events name (v1 → v2), with their states' names: the timeline
 * names the stage a migrated deal left in the version it left, not in the one it runs on now.
 */
export async function migrationVersions(db: Db, companyId: string, dealId: string) {
  const events = await db
    .select({ changes: dealEvents.changes })
    .from(dealEvents)
    .where(
      and(
        eq(dealEvents.companyId, companyId),
        eq(dealEvents.dealId, dealId),
        inArray(dealEvents.type, MIGRATION_EVENTS),
      ),
    );
  const numbers = new Set<number>();
  for (const e of events) {
    const v = e.changes?.pipelineVersion;
    for (const n of [v?.from, v?.to]) if (typeof n === "number") numbers.add(n);
  }
  if (numbers.size === 0) return [];
  const rows = await db
    .select({ number: pipelineVersions.number, definition: pipelineVersions.definition })
    .from(pipelineVersions)
    .innerJoin(
      deals,
      and(eq(deals.companyId, pipelineVersions.companyId), eq(deals.pipelineId, pipelineVersions.pipelineId)),
    )
    .where(
      and(
        eq(pipelineVersions.companyId, companyId),
        eq(deals.id, dealId),
        inArray(pipelineVersions.number, [...numbers]),
      ),
    );
  return rows.map((r) => ({
    number: r.number,
    states: Object.fromEntries(r.definition.nodes.map((n) => [n.data.key, n.data.name])) as Record<
      string,
      LocalizedText
    >,
  }));
}
