import { listPipelines } from "@/lib/server/pipelines/list";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const pipelinesRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listPipelines(ctx.db, ctx.company.id)),
});
