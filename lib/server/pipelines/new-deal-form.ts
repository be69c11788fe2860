import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { pipelines, pipelineVersions } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { loadProgram } from "./program-cache";
import { firstTeamOf, versionForNewDeal } from "./versions/routing";

/**
 * What the new-deal form needs for each pipeline a deal can be created in: the fields of the
 * version the caller's new deal would start on (their team's pilot version while one is active,
 * else the published one), the ones required at creation first, and the stage a deal starts in.
 */
export async function newDealForms(db: Db, company: CompanyScope, userId: string, now = new Date()) {
  const rows = await db
    .select({ pipelineId: pipelines.id, name: pipelines.name, isDefault: pipelines.isDefault })
    .from(pipelines)
    .where(eq(pipelines.companyId, company.id))
    .orderBy(desc(pipelines.isDefault), asc(pipelines.createdAt));
  // A rep owns the deals they create, so their team decides; others create deals for someone else.
  const teamId = company.role === "rep" ? await firstTeamOf(db, company.id, userId) : null;
  const forms = [];
  for (const row of rows) {
    const route = await versionForNewDeal(db, company.id, row.pipelineId, teamId, now);
    if (!route) continue;
    const program = await loadProgram(db, company.id, route.versionId);
    const [version] = await db
      .select({ number: pipelineVersions.number })
      .from(pipelineVersions)
      .where(and(eq(pipelineVersions.companyId, company.id), eq(pipelineVersions.id, route.versionId)))
      .limit(1);
    const initial = program.compiled.machine.states[program.compiled.machine.initial]?.meta;
    forms.push({
      pipelineId: row.pipelineId,
      name: row.name,
      isDefault: row.isDefault,
      versionNumber: version?.number ?? 0,
      /** The caller's new deals here start on a pilot version. */
      pilot: route.pilotId !== null,
      initialStage: initial?.name ?? null,
      fields: [...program.fields].sort(
        (a, b) => Number(!!b.requiredAtCreation) - Number(!!a.requiredAtCreation),
      ),
    });
  }
  return forms;
}
