import { and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { deals, pipelines, pipelineVersions } from "@/lib/server/db/schema";
import type { LocalizedText, PipelineDefinition } from "@/workflows/definition/schema";

export type StageSummary = {
  key: string;
  name: LocalizedText;
  outcome: "open" | "won" | "lost";
  probability: number;
};

const OUTCOME_ORDER = { open: 0, won: 1, lost: 2 } as const;

/** The stages of a definition in reading order: open stages left to right on the canvas, then won, then lost. */
export function stagesOf(definition: PipelineDefinition): StageSummary[] {
  return definition.nodes
    .filter((n) => n.data.kind === "stage")
    .sort(
      (a, b) =>
        OUTCOME_ORDER[(a.data as { outcome: StageSummary["outcome"] }).outcome] -
          OUTCOME_ORDER[(b.data as { outcome: StageSummary["outcome"] }).outcome] ||
        a.position.x - b.position.x ||
        a.position.y - b.position.y,
    )
    .map((n) => {
      const d = n.data as Extract<PipelineDefinition["nodes"][number]["data"], { kind: "stage" }>;
      return { key: d.key, name: d.name, outcome: d.outcome, probability: d.probability };
    });
}

/**
 * The company's pipelines with their live version, its stages, and how many deals sit
 * in each, counting only the deals `visible` lets the member see.
 */
export async function listPipelines(db: Db, companyId: string, visible: SQL) {
  const rows = await db
    .select({
      id: pipelines.id,
      key: pipelines.key,
      name: pipelines.name,
      isDefault: pipelines.isDefault,
      versionId: pipelineVersions.id,
      versionNumber: pipelineVersions.number,
      versionStatus: pipelineVersions.status,
      definition: pipelineVersions.definition,
      publishedAt: pipelineVersions.publishedAt,
    })
    .from(pipelines)
    .leftJoin(
      pipelineVersions,
      and(
        eq(pipelineVersions.companyId, pipelines.companyId),
        eq(pipelineVersions.pipelineId, pipelines.id),
        eq(pipelineVersions.status, "published"),
      ),
    )
    .where(eq(pipelines.companyId, companyId))
    .orderBy(asc(pipelines.createdAt));

  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await db
        .select({ pipelineId: deals.pipelineId, stage: deals.stage, n: sql<number>`count(*)::int` })
        .from(deals)
        .where(and(eq(deals.companyId, companyId), visible, inArray(deals.pipelineId, ids)))
        .groupBy(deals.pipelineId, deals.stage)
    : [];

  // Every version deals can run on (not drafts), newest first: the deals list's version filter.
  const versions = ids.length
    ? await db
        .select({
          id: pipelineVersions.id,
          pipelineId: pipelineVersions.pipelineId,
          number: pipelineVersions.number,
          status: pipelineVersions.status,
        })
        .from(pipelineVersions)
        .where(and(eq(pipelineVersions.companyId, companyId), ne(pipelineVersions.status, "draft")))
        .orderBy(desc(pipelineVersions.number))
    : [];

  return rows.map((r) => {
    const stages = r.definition ? stagesOf(r.definition) : [];
    const byStage = new Map(counts.filter((c) => c.pipelineId === r.id).map((c) => [c.stage, c.n]));
    return {
      id: r.id,
      key: r.key,
      name: r.name,
      isDefault: r.isDefault,
      published: r.versionId
        ? { id: r.versionId, number: r.versionNumber!, publishedAt: r.publishedAt }
        : null,
      fieldCount: r.definition?.fields.length ?? 0,
      stages: stages.map((s) => ({ ...s, dealCount: byStage.get(s.key) ?? 0 })),
      versions: versions.filter((v) => v.pipelineId === r.id).map(({ pipelineId: _p, ...v }) => v),
    };
  });
}
