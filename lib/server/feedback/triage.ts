import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "@/lib/server/db/client";
import {
  notifications,
  pipelineVersions,
  processFeedback,
  processFeedbackEvents,
  users,
} from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { translator } from "@/lib/i18n/translate";
import { transitionRefusal, type FeedbackStatus } from "@/lib/feedback/status";
import { pointName } from "@/lib/feedback/subjects";
import type { TriageFeedbackInput } from "@/lib/validation/feedback";

/** The version a change shipped in: of the feedback's pipeline, not a draft, later than the one it was given on. */
async function checkShippedVersion(
  db: Tx,
  companyId: string,
  row: typeof processFeedback.$inferSelect,
  id: string,
) {
  const versions = await db
    .select({
      id: pipelineVersions.id,
      pipelineId: pipelineVersions.pipelineId,
      number: pipelineVersions.number,
      status: pipelineVersions.status,
    })
    .from(pipelineVersions)
    .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.pipelineId, row.pipelineId)));
  const target = versions.find((v) => v.id === id);
  const given = versions.find((v) => v.id === row.pipelineVersionId)!;
  if (!target) throw appError("UNPROCESSABLE_CONTENT", "feedback.shipOtherPipeline");
  if (target.status === "draft")
    throw appError("UNPROCESSABLE_CONTENT", "feedback.shipDraft", { number: target.number });
  if (target.number <= given.number)
    throw appError("UNPROCESSABLE_CONTENT", "feedback.shipNotLater", {
      number: target.number,
      given: given.number,
    });
  return target;
}

/**
 * Moves feedback to another status (admins and trainers, declared on the procedure), at the
 * version the triager saw: a stale version is a CONFLICT naming who changed it, an impossible
 * step is refused with why. Declining takes a reply; shipping takes a later, non-draft version of
 * the same pipeline. The author hears of each change (not of their own).
 */
export async function triageFeedback(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: z.output<typeof TriageFeedbackInput>,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(processFeedback)
      .where(and(eq(processFeedback.companyId, company.id), eq(processFeedback.id, input.feedbackId)))
      .for("update");
    if (!row) throw appError("NOT_FOUND", "feedback.notFound");
    if (row.version !== input.expectedVersion) {
      const [who] = row.decidedBy
        ? await tx.select({ name: users.name }).from(users).where(eq(users.id, row.decidedBy))
        : [];
      throw appError(
        "CONFLICT",
        "feedback.changed",
        { name: who?.name ?? "—" },
        { status: row.status, version: row.version },
      );
    }
    const from = row.status as FeedbackStatus;
    const refusal = transitionRefusal(from, input.status);
    if (refusal) throw appError("UNPROCESSABLE_CONTENT", refusal);
    // A new note replaces the last; shipping without one keeps the note given on accepting.
    const reply = input.reply || (input.status === "shipped" ? row.reply : null);
    if (input.status === "declined" && !reply) throw appError("BAD_REQUEST", "feedback.replyRequired");
    let shippedNumber: number | null = null;
    if (input.status === "shipped") {
      if (!input.shippedVersionId) throw appError("BAD_REQUEST", "feedback.shipVersionRequired");
      shippedNumber = (await checkShippedVersion(tx, company.id, row, input.shippedVersionId)).number;
    }
    const shippedVersionId = input.status === "shipped" ? input.shippedVersionId! : null;

    const [updated] = await tx
      .update(processFeedback)
      .set({
        status: input.status,
        reply,
        shippedVersionId,
        decidedBy: userId,
        decidedAt: now,
        version: row.version + 1,
        updatedAt: now,
      })
      .where(and(eq(processFeedback.companyId, company.id), eq(processFeedback.id, row.id)))
      .returning({
        id: processFeedback.id,
        version: processFeedback.version,
        status: processFeedback.status,
      });
    await tx.insert(processFeedbackEvents).values({
      companyId: company.id,
      feedbackId: row.id,
      fromStatus: from,
      toStatus: input.status,
      note: input.reply || null,
      shippedVersionId,
      actorId: userId,
      at: now,
    });

    if (row.authorId !== userId) {
      const { definition } = await loadProgram(tx, company.id, row.pipelineVersionId);
      const stage = pointName(definition, row.stageKey) ?? { zh: row.stageKey, en: row.stageKey };
      const key = `notice.${input.status}` as const;
      const zh = translator("zh-CN")(`feedback.${key}`, { stage: stage.zh, number: shippedNumber ?? 0 });
      const en = translator("en")(`feedback.${key}`, { stage: stage.en, number: shippedNumber ?? 0 });
      await tx.insert(notifications).values({
        companyId: company.id,
        userId: row.authorId,
        kind: "feedback",
        title: { zh, en },
        createdAt: now,
      });
    }
    return { ...updated!, status: updated!.status as FeedbackStatus };
  });
}
