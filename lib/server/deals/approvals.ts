import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { deals, pipelineVersions, teams, users } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import type { ApprovalMeta } from "@/workflows/machine/format";
import { mayApprove } from "@/workflows/runtime/refusals";

/**
 * The approvals waiting for this member: deals sitting in an approval node of their
 * version whose approver they are (a role, the manager of the deal's team, a named user).
 */
export async function approvalsInbox(db: Db, company: CompanyScope, userId: string) {
  const versions = await db
    .selectDistinct({ id: deals.pipelineVersionId })
    .from(deals)
    .innerJoin(
      pipelineVersions,
      and(eq(pipelineVersions.companyId, deals.companyId), eq(pipelineVersions.id, deals.pipelineVersionId)),
    )
    .where(and(eq(deals.companyId, company.id), sql`${deals.closedAt} is null`));
  const waiting: { versionId: string; stage: string; meta: ApprovalMeta }[] = [];
  for (const v of versions) {
    const program = await loadProgram(db, company.id, v.id);
    for (const [stage, state] of Object.entries(program.compiled.machine.states)) {
      if (state.meta.kind === "approval")
        waiting.push({ versionId: v.id, stage, meta: state.meta as ApprovalMeta });
    }
  }
  if (waiting.length === 0) return [];
  const managed = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.companyId, company.id), eq(teams.managerId, userId)));
  const managedIds = new Set(managed.map((t) => t.id));
  const rows = await db
    .select({
      id: deals.id,
      title: deals.title,
      account: deals.account,
      amount: deals.amount,
      currency: deals.currency,
      stage: deals.stage,
      version: deals.version,
      teamId: deals.teamId,
      pipelineVersionId: deals.pipelineVersionId,
      ownerName: users.name,
      since: deals.stageEnteredAt,
    })
    .from(deals)
    .leftJoin(users, eq(users.id, deals.ownerId))
    .where(
      and(
        eq(deals.companyId, company.id),
        or(...waiting.map((w) => and(eq(deals.pipelineVersionId, w.versionId), eq(deals.stage, w.stage))))!,
        inArray(deals.pipelineVersionId, [...new Set(waiting.map((w) => w.versionId))]),
      ),
    )
    .orderBy(asc(deals.stageEnteredAt));
  return rows
    .map((r) => ({
      ...r,
      approval: waiting.find((w) => w.versionId === r.pipelineVersionId && w.stage === r.stage)!,
    }))
    .filter((r) =>
      mayApprove(r.approval.meta.approver, {
        id: userId,
        role: company.role,
        managesDealTeam: r.teamId !== null && managedIds.has(r.teamId),
      }),
    )
    .map(({ approval, teamId: _teamId, pipelineVersionId: _v, ...r }) => ({
      ...r,
      approvalName: approval.meta.name,
    }));
}
