import { z } from "zod";
import { PERIOD_PRESETS } from "@/lib/analytics/period";
import { PRIORITIES } from "./deals";
import { Id } from "./users";

const Key = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/, { error: "invalidKey" });
const Day = z.iso.date({ error: "invalidDate" });
export { PRIORITIES };

/** The dashboard's filters, as the URL carries them (docs/analytics.md, Words). */
export const AnalyticsFilters = z
  .object({
    /** Default: the company's default pipeline. */
    pipelineId: Id.optional(),
    versionId: Id.optional(),
    period: z.enum([...PERIOD_PRESETS, "custom"]).default("thisQuarter"),
    /** First and last day (Beijing) of a custom period. */
    from: Day.optional(),
    to: Day.optional(),
    mode: z.enum(["cohort", "active"]).default("cohort"),
    teamIds: z.array(Id).max(50).default([]),
    ownerIds: z.array(Id).max(200).default([]),
    industry: z.array(Key).max(50).default([]),
    region: z.array(Key).max(50).default([]),
    source: z.array(Key).max(50).default([]),
    priorities: z.array(z.enum(PRIORITIES)).max(4).default([]),
  })
  .refine((f) => f.period !== "custom" || (f.from && f.to && f.from <= f.to), {
    error: "periodInvalid",
    path: ["to"],
  })
  .refine(
    (f) =>
      f.period !== "custom" ||
      !f.from ||
      !f.to ||
      Date.parse(f.to) - Date.parse(f.from) <= 5 * 366 * 86_400_000,
    { error: "periodTooLong", path: ["to"] },
  );
export type AnalyticsFilters = z.infer<typeof AnalyticsFilters>;
export type AnalyticsFiltersInput = z.input<typeof AnalyticsFilters>;

const Month = z.string().regex(/^\d{4}-\d{2}$/);

/** Days without activity after which an open deal is stale (docs/analytics.md, Adoption). */
export const StaleDays = z.number().int().min(1).max(365).default(14);

/** The Adoption tab: the dashboard's filters and the stale threshold. */
export const AdoptionInput = z.object({ filters: AnalyticsFilters, staleDays: StaleDays });
export type AdoptionInput = z.input<typeof AdoptionInput>;

export const ADOPTION_MEASURES = [
  "touched",
  "open",
  "stale",
  "pastLimit",
  "onTime",
  "late",
  "refused",
] as const;
/** A refusal reason as counted (lib/analytics/refusal-codes.ts). */
const RefusalCode = z
  .string()
  .max(200)
  .regex(/^((field|checklist|condition):.+|notApprover|closed|unknownAction)$/);

/** A number on the dashboard whose deals the user asks for. */
export const DrillFigure = z.discriminatedUnion("kind", [
  /** The funnel's population. */
  z.object({ kind: z.literal("funnelDeals") }),
  z.object({
    kind: z.literal("funnel"),
    step: Key,
    measure: z.enum(["reached", "entered", "skipped", "openHere", "lostHere"]),
  }),
  z.object({ kind: z.literal("side"), stage: Key, measure: z.enum(["entered", "openHere"]) }),
  z.object({
    kind: z.literal("stay"),
    stage: Key,
    measure: z.enum(["visits", "breached", "openNow", "overdueNow"]),
  }),
  z.object({ kind: z.literal("closed"), outcome: z.enum(["won", "lost"]) }),
  z.object({ kind: z.literal("open"), stage: Key.optional() }),
  z.object({
    kind: z.literal("forecast"),
    month: z.union([Month, z.literal("overdue"), z.literal("none")]),
    measure: z.enum(["open", "won"]),
  }),
  /**
   * An adoption figure: of one member, of a team's members, or of everyone in the rows; refusals
   * narrowed to a reason and/or a stage and action.
   */
  z.object({
    kind: z.literal("adoption"),
    measure: z.enum(ADOPTION_MEASURES),
    personId: Id.optional(),
    teamId: Id.optional(),
    staleDays: StaleDays,
    code: RefusalCode.optional(),
    stage: Key.optional(),
    action: Key.optional(),
  }),
]);
export type DrillFigure = z.infer<typeof DrillFigure>;

export const DrillInput = z.object({
  filters: AnalyticsFilters,
  figure: DrillFigure,
  limit: z.number().int().min(1).max(5000).default(100),
});
export type DrillInput = z.input<typeof DrillInput>;
