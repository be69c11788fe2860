import { visibleDeals } from "@/lib/server/deals/visibility";
import { listPipelines } from "@/lib/server/pipelines/list";
import { newDealForms } from "@/lib/server/pipelines/new-deal-form";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const pipelinesRouter = createTRPCRouter({
  list: protectedProcedure.query(async ({ ctx }) =>
    listPipelines(ctx.db, ctx.company.id, await visibleDeals(ctx.db, ctx.company, ctx.userId)),
  ),
  /** The fields of each pipeline's running version, for the new-deal form. */
  newDealForms: protectedProcedure.query(({ ctx }) => newDealForms(ctx.db, ctx.company, ctx.userId)),
});
