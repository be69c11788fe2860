import { feedbackForm } from "@/lib/server/feedback/form";
import {
  feedbackFilters,
  feedbackInbox,
  getFeedback,
  myFeedback,
  openCount,
  stageCounts,
} from "@/lib/server/feedback/read";
import { submitFeedback } from "@/lib/server/feedback/submit";
import { triageFeedback } from "@/lib/server/feedback/triage";
import {
  FeedbackIdInput,
  FeedbackInboxInput,
  FeedbackSubjectsInput,
  MyFeedbackInput,
  StageCountsInput,
  SubmitFeedbackInput,
  TriageFeedbackInput,
} from "@/lib/validation/feedback";
import { createTRPCRouter, protectedProcedure, roleProcedure, trainerProcedure } from "../trpc";

/** Admins, trainers and managers read the company's feedback; managers do not triage it. */
const inboxProcedure = roleProcedure("admin", "trainer", "manager");

/**
 * Process feedback (流程反馈, docs/feedback.md): every member sends it and follows their own;
 * admins, trainers and managers read the inbox; admins and trainers triage it.
 */
export const feedbackRouter = createTRPCRouter({
  form: protectedProcedure
    .input(FeedbackSubjectsInput)
    .query(({ ctx, input }) => feedbackForm(ctx.db, ctx.company, ctx.userId, input)),
  submit: protectedProcedure
    .input(SubmitFeedbackInput)
    .mutation(({ ctx, input }) => submitFeedback(ctx.db, ctx.company, ctx.userId, input)),
  mine: protectedProcedure
    .input(MyFeedbackInput)
    .query(({ ctx, input }) => myFeedback(ctx.db, ctx.company, ctx.userId, input)),
  get: protectedProcedure
    .input(FeedbackIdInput)
    .query(({ ctx, input }) => getFeedback(ctx.db, ctx.company, ctx.userId, input.feedbackId)),
  inbox: inboxProcedure
    .input(FeedbackInboxInput)
    .query(({ ctx, input }) => feedbackInbox(ctx.db, ctx.company, ctx.userId, input)),
  filters: inboxProcedure.query(({ ctx }) => feedbackFilters(ctx.db, ctx.company.id)),
  triage: trainerProcedure
    .input(TriageFeedbackInput)
    .mutation(({ ctx, input }) => triageFeedback(ctx.db, ctx.company, ctx.userId, input)),
  stageCounts: trainerProcedure
    .input(StageCountsInput)
    .query(({ ctx, input }) => stageCounts(ctx.db, ctx.company.id, input.pipelineId)),
  openCount: trainerProcedure.query(({ ctx }) => openCount(ctx.db, ctx.company.id)),
});
