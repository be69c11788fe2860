import { z } from "zod";
import { dealsByStage, dealSummary, listDeals } from "@/lib/server/deals/list";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const dealsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(
      z.object({
        limit: z.number().int().min(1).max(200).default(50),
        cursor: z.object({ updatedAt: z.date(), id: z.uuid() }).nullish(),
        search: z.string().trim().max(100).optional(),
      }),
    )
    .query(({ ctx, input }) => listDeals(ctx.db, ctx.company, ctx.userId, input)),
  summary: protectedProcedure.query(({ ctx }) => dealSummary(ctx.db, ctx.company, ctx.userId)),
  byStage: protectedProcedure.query(({ ctx }) => dealsByStage(ctx.db, ctx.company, ctx.userId)),
});
