import { comparePilotVersion } from "@/lib/server/pipelines/versions/compare";
import { endPilot, promote, retire, startPilot } from "@/lib/server/pipelines/versions/lifecycle";
import { newDraftFrom, versionsOverview } from "@/lib/server/pipelines/versions/overview";
import {
  EndPilotInput,
  PromoteInput,
  StartPilotInput,
  VersionInput,
  VersionNoteInput,
  VersionsPipelineInput,
} from "@/lib/validation/versions";
import { createTRPCRouter, trainerProcedure } from "../trpc";

/** Process versions: lifecycle, pilots, rollout and their audit log (admins and trainers). */
export const versionsRouter = createTRPCRouter({
  /** A pipeline's versions, pilots, teams and audit log: the "Versions & pilots" page. */
  overview: trainerProcedure
    .input(VersionsPipelineInput)
    .query(({ ctx, input }) => versionsOverview(ctx.db, ctx.company.id, input.pipelineId)),
  startPilot: trainerProcedure
    .input(StartPilotInput)
    .mutation(({ ctx, input }) => startPilot(ctx.db, ctx.company.id, ctx.userId, input)),
  endPilot: trainerProcedure
    .input(EndPilotInput)
    .mutation(({ ctx, input }) => endPilot(ctx.db, ctx.company.id, ctx.userId, input)),
  /** Rollout: a pilot version becomes the published one for every team. */
  promote: trainerProcedure
    .input(PromoteInput)
    .mutation(({ ctx, input }) => promote(ctx.db, ctx.company.id, ctx.userId, input)),
  /** Abandons a pilot version. */
  retire: trainerProcedure
    .input(VersionNoteInput)
    .mutation(({ ctx, input }) => retire(ctx.db, ctx.company.id, ctx.userId, input)),
  /** Pilot versus the rest: the pilot teams' deals against the other teams' over the pilot period. */
  compare: trainerProcedure
    .input(VersionInput)
    .query(({ ctx, input }) => comparePilotVersion(ctx.db, ctx.company.id, input.versionId)),
  /** A new draft copied from any version. */
  newDraft: trainerProcedure
    .input(VersionInput)
    .mutation(({ ctx, input }) => newDraftFrom(ctx.db, ctx.company.id, ctx.userId, input.versionId)),
});
