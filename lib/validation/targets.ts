import { z } from "zod";
import { TARGET_METRICS, TARGET_PERIODS } from "@/lib/analytics/targets";
import { Id } from "./users";

const Key = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/, { error: "invalidKey" });

/** A target as the set-target form sends it (docs/analytics.md, Targets). */
export const SetTargetInput = z
  .object({
    /** The target changed, at the version the member saw; none for a new one. */
    targetId: Id.optional(),
    expectedVersion: z.number().int().min(1).optional(),
    pipelineId: Id.optional(),
    scope: z.enum(["company", "team", "rep"]),
    teamId: Id.optional(),
    userId: Id.optional(),
    periodKind: z.enum(TARGET_PERIODS),
    /** First day of the month or quarter. */
    periodStart: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-01$/, { error: "invalidDate" }),
    metric: z.enum(TARGET_METRICS),
    fromStage: Key.optional(),
    toStage: Key.optional(),
    /** An amount, a count, or (conversion) a rate from 0 to 1. */
    value: z.number().min(0, { error: "targetNegative" }).max(1e13, { error: "tooLong" }),
  })
  .refine((t) => t.scope !== "team" || t.teamId, { error: "required", path: ["teamId"] })
  .refine((t) => t.scope !== "rep" || t.userId, { error: "required", path: ["userId"] })
  .refine((t) => t.periodKind !== "quarter" || ["01", "04", "07", "10"].includes(t.periodStart.slice(5, 7)), {
    error: "invalidDate",
    path: ["periodStart"],
  })
  .refine((t) => t.metric !== "newQualified" || t.toStage, { error: "required", path: ["toStage"] })
  .refine((t) => t.metric !== "conversion" || (t.fromStage && t.toStage && t.fromStage !== t.toStage), {
    error: "required",
    path: ["toStage"],
  })
  .refine((t) => t.metric !== "conversion" || t.value <= 1, { error: "targetRate", path: ["value"] })
  .refine((t) => !t.targetId || t.expectedVersion, { error: "required", path: ["expectedVersion"] });
export type SetTargetInput = z.infer<typeof SetTargetInput>;

export const DeleteTargetInput = z.object({ targetId: Id, expectedVersion: z.number().int().min(1) });
export type DeleteTargetInput = z.infer<typeof DeleteTargetInput>;

export const ListTargetsInput = z.object({ pipelineId: Id.optional() }).optional();
