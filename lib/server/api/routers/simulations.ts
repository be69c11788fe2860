import { z } from "zod";
import { simulateVersion } from "@/lib/server/pipelines/versions/simulate";
import { createTRPCRouter, trainerProcedure } from "../trpc";

export const SimulationInput = z.object({
  versionId: z.uuid(),
  /** How far back the histories go. */
  months: z.number().int().min(1).max(24).default(6),
});

/** Replay simulation (模拟回放) of a version against recorded deal histories: admins and trainers. */
export const simulationsRouter = createTRPCRouter({
  run: trainerProcedure
    .input(SimulationInput)
    .query(({ ctx, input }) => simulateVersion(ctx.db, ctx.company.id, input)),
});
