import { z } from "zod";
import { getBoard } from "@/lib/server/deals/board";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const boardRouter = createTRPCRouter({
  /** The deals of a pipeline (the default one) by stage, with each column's totals. */
  get: protectedProcedure
    .input(
      z
        .object({
          pipelineId: z.uuid().optional(),
          /** Only the deals running on this version of the pipeline. */
          versionId: z.uuid().optional(),
          perColumn: z.number().int().min(1).max(5000).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => getBoard(ctx.db, ctx.company, ctx.userId, input ?? {})),
});
