import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { dealEvents, deals, pipelineVersions, teams, users } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { availableActions } from "@/workflows/runtime";
import { assertVisibleDeal } from "./access";
import { mayEditDeal } from "./update-deal";
import { dealValues } from "./values";

/** A deal with its history and the actions its owner may take now, with reasons. */
export async function getDeal(
  db: Db,
  company: CompanyScope,
  userId: string,
  dealId: string,
  now = new Date(),
) {
  await assertVisibleDeal(db, company, userId, dealId);
  const [row] = await db
    .select({
      deal: deals,
      ownerName: users.name,
      teamManagerId: teams.managerId,
      versionNumber: pipelineVersions.number,
      versionStatus: pipelineVersions.status,
    })
    .from(deals)
    .innerJoin(
      pipelineVersions,
      and(eq(pipelineVersions.companyId, deals.companyId), eq(pipelineVersions.id, deals.pipelineVersionId)),
    )
    .leftJoin(users, eq(users.id, deals.ownerId))
    .leftJoin(teams, and(eq(teams.companyId, deals.companyId), eq(teams.id, deals.teamId)))
    .where(and(eq(deals.companyId, company.id), eq(deals.id, dealId)));
  if (!row) throw appError("NOT_FOUND", "dealNotFound");
  const program = await loadProgram(db, company.id, row.deal.pipelineVersionId);
  const values = dealValues(row.deal);
  const events = await db
    .select()
    .from(dealEvents)
    .where(and(eq(dealEvents.companyId, company.id), eq(dealEvents.dealId, dealId)))
    .orderBy(asc(dealEvents.at), asc(dealEvents.id));
  const state = program.compiled.machine.states[row.deal.stage];
  return {
    deal: row.deal,
    ownerName: row.ownerName,
    /** The version the deal runs on: its "试点 v3 / Pilot v3" badge. */
    version: { number: row.versionNumber, status: row.versionStatus },
    values,
    stage: state?.meta ?? null,
    events,
    /** Whether the caller may edit the deal's fields (deals.update): closed deals only managers. */
    canEdit: mayEditDeal(
      company.role,
      row.deal.closedAt !== null || (state?.meta.kind === "stage" && state.meta.outcome !== "open"),
    ),
    actions: availableActions(program, {
      stage: row.deal.stage,
      values,
      actor: { id: userId, role: company.role, managesDealTeam: row.teamManagerId === userId },
      now,
      checked: row.deal.checklist[row.deal.stage] ?? [],
    }),
  };
}
