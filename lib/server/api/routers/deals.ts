import { z } from "zod";
import { assertVisibleDeal } from "@/lib/server/deals/access";
import { applyAction } from "@/lib/server/deals/apply-action";
import { approvalsInbox } from "@/lib/server/deals/approvals";
import { createDeal } from "@/lib/server/deals/create-deal";
import { getDealForm } from "@/lib/server/deals/deal-form";
import { getDeal } from "@/lib/server/deals/get-deal";
import { CURRENCIES, updateDeal } from "@/lib/server/deals/update-deal";
import {
  countDeals,
  versionGroups,
  dealsByStage,
  dealSummary,
  listDeals,
  PRIORITIES,
  SORT_KEYS,
} from "@/lib/server/deals/list";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const DealValue = z.union([
  z.string().max(10_000),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(200)).max(50),
  z.null(),
]);
const DealValuesInput = z
  .record(z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/), DealValue)
  .refine((v) => Object.keys(v).length <= 100);

const Key = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/);
const Day = z.iso.date();
const Amount = z.number().finite().min(0).max(1e14);

/** The deals list's filters, shared by the list, its count and (through the list) the CSV export. */
export const DealListFilters = z.object({
  search: z.string().trim().max(100).optional(),
  pipelineId: z.uuid().optional(),
  stages: z.array(Key).max(50).optional(),
  owner: z.union([z.literal("me"), z.uuid()]).optional(),
  teamId: z.uuid().optional(),
  industry: z.array(Key).max(50).optional(),
  region: z.array(Key).max(50).optional(),
  source: z.array(Key).max(50).optional(),
  priorities: z.array(z.enum(PRIORITIES)).max(4).optional(),
  amountMin: Amount.optional(),
  amountMax: Amount.optional(),
  closeFrom: Day.optional(),
  closeTo: Day.optional(),
  createdFrom: Day.optional(),
  createdTo: Day.optional(),
  updatedFrom: Day.optional(),
  updatedTo: Day.optional(),
  overdue: z.boolean().optional(),
  versionIds: z.array(z.uuid()).max(50).optional(),
});
const amountRange = {
  check: (f: { amountMin?: number; amountMax?: number }) =>
    f.amountMin === undefined || f.amountMax === undefined || f.amountMin <= f.amountMax,
  params: { path: ["amountMax"], message: "amountMax < amountMin" },
};

export const dealsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(
      DealListFilters.extend({
        limit: z.number().int().min(1).max(200).default(50),
        sort: z.object({ key: z.enum(SORT_KEYS), dir: z.enum(["asc", "desc"]) }).optional(),
        cursor: z.object({ v: z.string().max(500).nullable(), id: z.uuid() }).nullish(),
      }).refine(amountRange.check, amountRange.params),
    )
    .query(({ ctx, input }) => listDeals(ctx.db, ctx.company, ctx.userId, input)),
  /** How many deals match the list's filters (within what the caller may see). */
  count: protectedProcedure
    .input(DealListFilters.refine(amountRange.check, amountRange.params))
    .query(({ ctx, input }) => countDeals(ctx.db, ctx.company, ctx.userId, input)),
  /** The deals matching the list's filters by the version they run on (the list's groups). */
  versionGroups: protectedProcedure
    .input(DealListFilters.refine(amountRange.check, amountRange.params))
    .query(({ ctx, input }) => versionGroups(ctx.db, ctx.company, ctx.userId, input)),
  summary: protectedProcedure.query(({ ctx }) => dealSummary(ctx.db, ctx.company, ctx.userId)),
  byStage: protectedProcedure.query(({ ctx }) => dealsByStage(ctx.db, ctx.company, ctx.userId)),
  /** Approvals waiting for the caller's decision. */
  approvals: protectedProcedure.query(({ ctx }) => approvalsInbox(ctx.db, ctx.company, ctx.userId)),
  get: protectedProcedure
    .input(z.object({ dealId: z.uuid() }))
    .query(({ ctx, input }) => getDeal(ctx.db, ctx.company, ctx.userId, input.dealId)),
  /** The deal's pipeline version as its page needs it: fields, stages in order, action names, actors. */
  form: protectedProcedure
    .input(z.object({ dealId: z.uuid() }))
    .query(({ ctx, input }) => getDealForm(ctx.db, ctx.company, ctx.userId, input.dealId)),
  create: protectedProcedure
    .input(z.object({ pipelineId: z.uuid().optional(), values: DealValuesInput }))
    .mutation(({ ctx, input }) => createDeal(ctx.db, ctx.company, ctx.userId, input)),
  /** Edits a deal's fields (not its stage) at the version the user saw. */
  update: protectedProcedure
    .input(
      z.object({
        dealId: z.uuid(),
        expectedVersion: z.number().int().min(1),
        changes: DealValuesInput,
        currency: z.enum(CURRENCIES).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const deal = await updateDeal(ctx.db, ctx.company, ctx.userId, { ...input, locale: ctx.locale });
      return { dealId: deal.id, version: deal.version, priority: deal.priority };
    }),
  /** Moves a deal by one action through the engine: the only way a stage changes. */
  applyAction: protectedProcedure
    .input(
      z.object({
        dealId: z.uuid(),
        expectedVersion: z.number().int().min(1),
        action: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/),
        changes: DealValuesInput.optional(),
        checked: z
          .array(z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/))
          .max(50)
          .optional(),
        comment: z.string().trim().max(2000).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await assertVisibleDeal(ctx.db, ctx.company, ctx.userId, input.dealId);
      const result = await applyAction(ctx.db, ctx.company, ctx.userId, input);
      return { dealId: result.deal.id, stage: result.deal.stage, version: result.deal.version };
    }),
});
