import { z } from "zod";
import { analyticsOptions } from "@/lib/server/analytics/options";
import { dashboard } from "@/lib/server/analytics/dashboard";
import { drill } from "@/lib/server/analytics/drill";
import { adoption } from "@/lib/server/analytics/adoption";
import { AdoptionInput, AnalyticsFilters, DrillInput } from "@/lib/validation/analytics";
import { Id } from "@/lib/validation/users";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/**
 * The analytics dashboard (docs/analytics.md). Every member may call it: the figures cover the
 * deals the member may see (admins and trainers the company's, managers their teams', reps their
 * own), so a rep's dashboard is their own figures.
 */
export const analyticsRouter = createTRPCRouter({
  /** What the filters offer: pipelines, versions, teams and people in scope, field options. */
  options: protectedProcedure
    .input(z.object({ pipelineId: Id.optional() }).optional())
    .query(({ ctx, input }) => analyticsOptions(ctx.db, ctx.company, ctx.userId, input?.pipelineId)),
  /** Every figure for the filters, with the previous period's beside them. */
  dashboard: protectedProcedure
    .input(AnalyticsFilters)
    .query(({ ctx, input }) => dashboard(ctx.db, ctx.company, ctx.userId, input)),
  /**
   * Adoption and compliance per member, team and in all (docs/analytics.md, Adoption): admins and
   * trainers every member's row, managers their teams', reps their own only.
   */
  adoption: protectedProcedure
    .input(AdoptionInput)
    .query(({ ctx, input }) => adoption(ctx.db, ctx.company, ctx.userId, input)),
  /** The deals behind one number of the dashboard. */
  drill: protectedProcedure
    .input(DrillInput)
    .query(({ ctx, input }) => drill(ctx.db, ctx.company, ctx.userId, input)),
});
