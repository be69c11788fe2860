import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { companies, deals, pipelines, pipelineVersions } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { assertVisibleDeal } from "@/lib/server/deals/access";
import { appError } from "@/lib/server/errors";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { feedbackSubjects } from "@/lib/feedback/subjects";

/** Whether the company lets its members send feedback anonymously (Settings; off unless an admin turns it on). */
export async function anonymousAllowed(db: Db | Tx, companyId: string) {
  const [row] = await db
    .select({ on: sql<boolean>`coalesce((${companies.settings}->>'anonymousFeedback')::boolean, false)` })
    .from(companies)
    .where(eq(companies.id, companyId));
  return row?.on ?? false;
}

/**
 * The process feedback is given on: a deal's pipeline and the version the deal runs on (the
 * member must see the deal), or, without a deal, a pipeline's published version. Never what the
 * client says the version is.
 */
export async function feedbackTarget(
  db: Db | Tx,
  company: CompanyScope,
  userId: string,
  input: { dealId?: string; pipelineId?: string },
) {
  if (input.dealId) {
    await assertVisibleDeal(db, company, userId, input.dealId);
    const [deal] = await db
      .select({
        id: deals.id,
        title: deals.title,
        stage: deals.stage,
        pipelineId: deals.pipelineId,
        versionId: deals.pipelineVersionId,
      })
      .from(deals)
      .where(and(eq(deals.companyId, company.id), eq(deals.id, input.dealId)));
    if (!deal) throw appError("NOT_FOUND", "dealNotFound");
    return { pipelineId: deal.pipelineId, versionId: deal.versionId, deal };
  }
  const [live] = await db
    .select({ versionId: pipelineVersions.id })
    .from(pipelineVersions)
    .where(
      and(
        eq(pipelineVersions.companyId, company.id),
        eq(pipelineVersions.pipelineId, input.pipelineId!),
        eq(pipelineVersions.status, "published"),
      ),
    );
  if (!live) throw appError("NOT_FOUND", "pipelineNotFound");
  return { pipelineId: input.pipelineId!, versionId: live.versionId, deal: null };
}

/**
 * What the send-feedback form offers: the pipeline and version it is about, the deal (and the
 * stage it is in), the stages, approvals and decisions of that version, its rules, actions and
 * fields, and whether the company allows anonymous feedback.
 */
export async function feedbackForm(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: { dealId?: string; pipelineId?: string },
) {
  const target = await feedbackTarget(db, company, userId, input);
  const [version] = await db
    .select({ number: pipelineVersions.number, status: pipelineVersions.status, name: pipelines.name })
    .from(pipelineVersions)
    .innerJoin(
      pipelines,
      and(eq(pipelines.companyId, pipelineVersions.companyId), eq(pipelines.id, pipelineVersions.pipelineId)),
    )
    .where(and(eq(pipelineVersions.companyId, company.id), eq(pipelineVersions.id, target.versionId)));
  if (!version) throw appError("NOT_FOUND", "versionNotFound");
  const { definition } = await loadProgram(db, company.id, target.versionId);
  return {
    pipeline: { id: target.pipelineId, name: version.name },
    version: { id: target.versionId, number: version.number, status: version.status },
    deal: target.deal && { id: target.deal.id, title: target.deal.title, stage: target.deal.stage },
    ...feedbackSubjects(definition),
    anonymousAllowed: await anonymousAllowed(db, company.id),
  };
}
