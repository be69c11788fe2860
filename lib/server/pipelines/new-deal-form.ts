import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { pipelines, pipelineVersions } from "@/lib/server/db/schema";
import { loadProgram } from "./program-cache";

/**
 * What the new-deal form needs for each pipeline a deal can be created in: the running
 * version's fields, the ones required at creation first, and the stage a deal starts in.
 */
export async function newDealForms(db: Db, companyId: string) {
  const rows = await db
    .select({
      pipelineId: pipelines.id,
      name: pipelines.name,
      isDefault: pipelines.isDefault,
      versionId: pipelineVersions.id,
      number: pipelineVersions.number,
    })
    .from(pipelines)
    .innerJoin(
      pipelineVersions,
      and(
        eq(pipelineVersions.companyId, pipelines.companyId),
        eq(pipelineVersions.pipelineId, pipelines.id),
        eq(pipelineVersions.status, "published"),
      ),
    )
    .where(eq(pipelines.companyId, companyId))
    .orderBy(desc(pipelines.isDefault), asc(pipelines.createdAt), desc(pipelineVersions.number));
  const seen = new Set<string>();
  const forms = [];
  for (const row of rows) {
    if (seen.has(row.pipelineId)) continue;
    seen.add(row.pipelineId);
    const program = await loadProgram(db, companyId, row.versionId);
    const initial = program.compiled.machine.states[program.compiled.machine.initial]?.meta;
    forms.push({
      pipelineId: row.pipelineId,
      name: row.name,
      isDefault: row.isDefault,
      versionNumber: row.number,
      initialStage: initial?.name ?? null,
      fields: [...program.fields].sort(
        (a, b) => Number(!!b.requiredAtCreation) - Number(!!a.requiredAtCreation),
      ),
    });
  }
  return forms;
}
