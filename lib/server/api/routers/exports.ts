import { z } from "zod";
import { exportDeals } from "@/lib/server/exports/deals";
import { exportPipeline } from "@/lib/server/exports/pipeline";
import { createTRPCRouter, protectedProcedure, trainerProcedure } from "../trpc";
import { DealListFilters } from "./deals";

/**
 * Files to download (app/api/exports/* sends them): deals and their histories for everyone,
 * scoped like the deals list; a pipeline's definition for those who edit pipelines.
 */
export const exportsRouter = createTRPCRouter({
  deals: protectedProcedure
    .input(
      z.object({
        filters: DealListFilters.default({}),
        format: z.enum(["csv", "xlsx"]),
        what: z.enum(["deals", "history"]).default("deals"),
      }),
    )
    .query(({ ctx, input }) =>
      exportDeals(ctx.db, ctx.company, ctx.userId, { ...input, locale: ctx.locale }),
    ),
  pipeline: trainerProcedure
    .input(z.object({ pipelineId: z.uuid(), format: z.enum(["csv", "xlsx", "json"]) }))
    .query(({ ctx, input }) => exportPipeline(ctx.db, ctx.company, { ...input, locale: ctx.locale })),
});
