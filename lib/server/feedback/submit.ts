import "server-only";
import type { z } from "zod";
import type { Db } from "@/lib/server/db/client";
import { processFeedback } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { pointName, subjectName } from "@/lib/feedback/subjects";
import type { SubmitFeedbackInput } from "@/lib/validation/feedback";
import { anonymousAllowed, feedbackTarget } from "./form";

/**
 * Records a member's feedback on the process, on the version they met it in: the deal's (which
 * they must see) or the pipeline's published one. The stage and the rule, action or field must be
 * part of that version; anonymous only when the company allows it. The author is always stored.
 */
export async function submitFeedback(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: z.output<typeof SubmitFeedbackInput>,
  now = new Date(),
) {
  const target = await feedbackTarget(db, company, userId, input);
  if (input.dealId && input.pipelineId && input.pipelineId !== target.pipelineId)
    throw appError("BAD_REQUEST", "feedback.pipelineMismatch");
  if (input.anonymous && !(await anonymousAllowed(db, company.id)))
    throw appError("FORBIDDEN", "feedback.anonymousOff");
  const { definition } = await loadProgram(db, company.id, target.versionId);
  if (!pointName(definition, input.stageKey))
    throw appError("BAD_REQUEST", "feedback.stageUnknown", { stage: input.stageKey });
  if (input.subject && !subjectName(definition, input.subject.kind, input.subject.key))
    throw appError("BAD_REQUEST", "feedback.subjectUnknown", { key: input.subject.key });

  const [row] = await db
    .insert(processFeedback)
    .values({
      companyId: company.id,
      pipelineId: target.pipelineId,
      pipelineVersionId: target.versionId,
      stageKey: input.stageKey,
      subjectKind: input.subject?.kind ?? null,
      subjectKey: input.subject?.key ?? null,
      dealId: target.deal?.id ?? null,
      authorId: userId,
      anonymous: input.anonymous,
      problem: input.problem,
      suggestion: input.suggestion || null,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: processFeedback.id, version: processFeedback.version });
  return row!;
}
