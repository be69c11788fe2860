import { deleteTarget, listTargets, setTarget } from "@/lib/server/analytics/targets";
import { DeleteTargetInput, ListTargetsInput, SetTargetInput } from "@/lib/validation/targets";
import { createTRPCRouter, managerProcedure, protectedProcedure } from "../trpc";

/**
 * Targets (目标) for a month or a quarter: every member reads the ones they may see (reps their
 * own) with attainment and pace; managers and admins set them (managers for their teams and
 * those teams' reps, checked with the data).
 */
export const targetsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(ListTargetsInput)
    .query(({ ctx, input }) => listTargets(ctx.db, ctx.company, ctx.userId, input ?? {})),
  set: managerProcedure
    .input(SetTargetInput)
    .mutation(({ ctx, input }) => setTarget(ctx.db, ctx.company, ctx.userId, input)),
  delete: managerProcedure
    .input(DeleteTargetInput)
    .mutation(({ ctx, input }) => deleteTarget(ctx.db, ctx.company, ctx.userId, input)),
});
