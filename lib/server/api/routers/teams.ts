import { z } from "zod";
import {
  createTeam,
  deleteTeam,
  listTeams,
  memberDefaultPipeline,
  updateTeam,
} from "@/lib/server/teams/teams";
import { Id, TeamInput, UpdateTeamInput } from "@/lib/validation/users";
import { createTRPCRouter, managerProcedure, protectedProcedure } from "../trpc";

export const teamsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listTeams(ctx.db, ctx.company.id)),
  /** The pipeline the caller's new deals start in: their team's default, else null (the company's). */
  myDefaultPipeline: protectedProcedure.query(async ({ ctx }) => ({
    pipelineId: await memberDefaultPipeline(ctx.db, ctx.company.id, ctx.userId),
  })),
  create: managerProcedure
    .input(TeamInput)
    .mutation(({ ctx, input }) => createTeam(ctx.db, ctx.company.id, input)),
  update: managerProcedure
    .input(UpdateTeamInput)
    .mutation(({ ctx, input: { teamId, ...data } }) => updateTeam(ctx.db, ctx.company.id, teamId, data)),
  delete: managerProcedure
    .input(z.object({ teamId: Id }))
    .mutation(({ ctx, input }) => deleteTeam(ctx.db, ctx.company.id, input.teamId)),
});
