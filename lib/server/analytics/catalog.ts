import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { pipelines, pipelineVersions } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { funnelSteps, statesOf, type FunnelSteps, type StateInfo, type StateLookup } from "@/lib/analytics";
import type { LocalizedText, PipelineDefinition } from "@/workflows/definition/schema";

export type VersionSummary = { id: string; number: number; status: string };

/** A pipeline as analytics needs it: its versions' states, the funnel's steps, names. */
export type Catalog = {
  pipeline: { id: string; name: LocalizedText };
  versions: VersionSummary[];
  /** The version whose steps, limits and names lead: the filter's, else the published one, else the newest. */
  reference: VersionSummary;
  steps: FunnelSteps;
  /** Every state of every version, the reference version's first. */
  states: Map<string, StateInfo>;
  lookup: StateLookup;
  definition: PipelineDefinition;
};

/** The pipeline named (else the company's default) with what analytics reads of its versions. */
export async function loadCatalog(
  db: Db,
  companyId: string,
  pipelineId: string | undefined,
  versionId: string | undefined,
): Promise<Catalog> {
  const [pipeline] = await db
    .select({ id: pipelines.id, name: pipelines.name })
    .from(pipelines)
    .where(
      and(
        eq(pipelines.companyId, companyId),
        pipelineId ? eq(pipelines.id, pipelineId) : eq(pipelines.isDefault, true),
      ),
    )
    .orderBy(asc(pipelines.createdAt))
    .limit(1);
  if (!pipeline) throw appError("NOT_FOUND", "analytics.pipelineNotFound");
  const rows = await db
    .select({
      id: pipelineVersions.id,
      number: pipelineVersions.number,
      status: pipelineVersions.status,
      definition: pipelineVersions.definition,
    })
    .from(pipelineVersions)
    .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.pipelineId, pipeline.id)))
    .orderBy(desc(pipelineVersions.number));
  const runnable = rows.filter((r) => r.status !== "draft");
  const reference =
    (versionId ? rows.find((r) => r.id === versionId) : undefined) ??
    runnable.find((r) => r.status === "published") ??
    runnable[0] ??
    rows[0];
  if (versionId && reference?.id !== versionId) throw appError("NOT_FOUND", "analytics.versionNotFound");
  if (!reference) throw appError("NOT_FOUND", "analytics.pipelineNotFound");

  const byVersion = new Map(rows.map((r) => [r.id, statesOf(r.definition)]));
  const states = new Map(byVersion.get(reference.id));
  for (const r of rows) for (const [k, s] of byVersion.get(r.id)!) if (!states.has(k)) states.set(k, s);
  return {
    pipeline,
    versions: runnable.map(({ id, number, status }) => ({ id, number, status })),
    reference: { id: reference.id, number: reference.number, status: reference.status },
    steps: funnelSteps(reference.definition),
    states,
    lookup: (version, stage) => byVersion.get(version)?.get(stage),
    definition: reference.definition,
  };
}
