import { z } from "zod";
import { addComment, mentionable } from "@/lib/server/deals/comments";
import { setNextStep } from "@/lib/server/deals/next-step";
import { reopenDeal } from "@/lib/server/deals/reopen";
import { createTRPCRouter, managerProcedure, protectedProcedure } from "../trpc";

const StageKey = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/);

/** What people do around a deal besides moving it: comments, reopening, the next step. */
export const dealActivityRouter = createTRPCRouter({
  /** Active members a comment may mention (id and name). */
  mentionable: protectedProcedure
    .input(z.object({ dealId: z.uuid() }))
    .query(({ ctx, input }) => mentionable(ctx.db, ctx.company, ctx.userId, input.dealId)),
  comment: protectedProcedure
    .input(z.object({ dealId: z.uuid(), text: z.string().trim().min(1).max(2000) }))
    .mutation(({ ctx, input }) => addComment(ctx.db, ctx.company, ctx.userId, input)),
  /** Puts a won or lost deal back into an open stage. */
  reopen: managerProcedure
    .input(
      z.object({
        dealId: z.uuid(),
        expectedVersion: z.number().int().min(1),
        stage: StageKey.optional(),
        comment: z.string().trim().max(2000).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const deal = await reopenDeal(ctx.db, ctx.company, ctx.userId, input);
      return { dealId: deal.id, stage: deal.stage, version: deal.version };
    }),
  setNextStep: protectedProcedure
    .input(
      z.object({
        dealId: z.uuid(),
        expectedVersion: z.number().int().min(1),
        text: z.string().trim().max(200).nullable(),
        date: z.iso.date().nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const deal = await setNextStep(ctx.db, ctx.company, ctx.userId, input);
      return { dealId: deal.id, version: deal.version, nextStep: deal.nextStep, nextStepAt: deal.nextStepAt };
    }),
});
