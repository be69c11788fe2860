import { visibleDeals } from "@/lib/server/deals/visibility";
import { listPipelines } from "@/lib/server/pipelines/list";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const pipelinesRouter = createTRPCRouter({
  list: protectedProcedure.query(async ({ ctx }) =>
    listPipelines(ctx.db, ctx.company.id, await visibleDeals(ctx.db, ctx.company, ctx.userId)),
  ),
});
