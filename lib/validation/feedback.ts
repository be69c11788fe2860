import { z } from "zod";
import {
  FEEDBACK_REPLY_MAX,
  FEEDBACK_STATUSES,
  FEEDBACK_SUBJECTS,
  FEEDBACK_TEXT_MAX,
} from "@/lib/feedback/status";
import { Id } from "./users";

const Key = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/, { error: "invalidKey" });
const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "tooLong" })
    .transform((s) => s.replace(/\r\n/g, "\n"));

/**
 * Feedback as the form sends it: from a deal (its pipeline and version are the deal's), or on a
 * pipeline without a deal (its published version). The stage is required; a rule, action or field
 * of that stage is optional.
 */
export const SubmitFeedbackInput = z
  .object({
    dealId: Id.optional(),
    pipelineId: Id.optional(),
    stageKey: Key,
    subject: z.object({ kind: z.enum(FEEDBACK_SUBJECTS), key: Key }).nullish(),
    problem: Text(FEEDBACK_TEXT_MAX).pipe(z.string().min(3, { error: "feedbackTooShort" })),
    suggestion: Text(FEEDBACK_TEXT_MAX).optional(),
    anonymous: z.boolean().default(false),
  })
  .refine((f) => f.dealId || f.pipelineId, { error: "required", path: ["pipelineId"] });
export type SubmitFeedbackInput = z.input<typeof SubmitFeedbackInput>;

/** The inbox's filters; the cursor (how many are shown already) pages through the list, newest first. */
export const FeedbackInboxInput = z.object({
  pipelineId: Id.optional(),
  stageKey: Key.optional(),
  /** Any of these statuses (none: all); the editor's panel asks for open and accepted. */
  statuses: z.array(z.enum(FEEDBACK_STATUSES)).min(1).max(FEEDBACK_STATUSES.length).optional(),
  cursor: z.number().int().min(0).max(100_000).nullish(),
});
export type FeedbackInboxInput = z.input<typeof FeedbackInboxInput>;

export const MyFeedbackInput = z.object({ cursor: z.number().int().min(0).max(100_000).nullish() });

/** A change of status, at the version the triager saw; declining needs a reply, shipping a version. */
export const TriageFeedbackInput = z
  .object({
    feedbackId: Id,
    expectedVersion: z.number().int().min(1),
    status: z.enum(FEEDBACK_STATUSES),
    reply: Text(FEEDBACK_REPLY_MAX).optional(),
    shippedVersionId: Id.optional(),
  })
  .refine((f) => f.status !== "declined" || !!f.reply, { error: "feedbackReplyRequired", path: ["reply"] })
  .refine((f) => f.status !== "shipped" || !!f.shippedVersionId, {
    error: "feedbackVersionRequired",
    path: ["shippedVersionId"],
  });
export type TriageFeedbackInput = z.input<typeof TriageFeedbackInput>;

export const FeedbackIdInput = z.object({ feedbackId: Id });

/** What the send-feedback form offers: a deal's version, or a pipeline's live one. */
export const FeedbackSubjectsInput = z
  .object({ dealId: Id.optional(), pipelineId: Id.optional() })
  .refine((f) => f.dealId || f.pipelineId, { error: "required", path: ["pipelineId"] });

export const StageCountsInput = z.object({ pipelineId: Id });
