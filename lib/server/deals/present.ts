import { inArray } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { users, type deals } from "@/lib/server/db/schema";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { stagesOf } from "@/lib/server/pipelines/list";
import { dealValues } from "./values";

type DealRow = typeof deals.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function stageInfo(db: Db | Tx, companyId: string, versionId: string, stage: string) {
  const program = await loadProgram(db, companyId, versionId);
  const s = stagesOf(program.definition).find((x) => x.key === stage);
  return { name: s?.name ?? null, outcome: s?.outcome ?? ("open" as const) };
}

async function owners(db: Db | Tx, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; name: string; email: string }>();
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Deals as the REST API shows them (and webhook payloads carry them): columns, every field
 * value, owner, stage name and outcome.
 */
export async function presentDeals(db: Db | Tx, companyId: string, rows: DealRow[]) {
  const ownerMap = await owners(db, [...new Set(rows.map((r) => r.ownerId).filter((x): x is string => !!x))]);
  const stageCache = new Map<string, Awaited<ReturnType<typeof stageInfo>>>();
  const out = [];
  for (const d of rows) {
    const k = `${d.pipelineVersionId}:${d.stage}`;
    if (!stageCache.has(k)) stageCache.set(k, await stageInfo(db, companyId, d.pipelineVersionId, d.stage));
    const stage = stageCache.get(k)!;
    out.push({
      id: d.id,
      pipelineId: d.pipelineId,
      pipelineVersionId: d.pipelineVersionId,
      stage: d.stage,
      stageName: stage.name,
      outcome: stage.outcome,
      title: d.title,
      account: d.account,
      amount: d.amount,
      currency: d.currency,
      values: dealValues(d),
      owner: d.ownerId ? (ownerMap.get(d.ownerId) ?? null) : null,
      teamId: d.teamId,
      priority: d.priority,
      score: d.score,
      version: d.version,
      stageEnteredAt: d.stageEnteredAt.toISOString(),
      closedAt: iso(d.closedAt),
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
    });
  }
  return out;
}
