import { z } from "zod";
import { SORT_KEYS } from "@/lib/server/deals/list";
import { createView, deleteView, listViews, updateView } from "@/lib/server/views/views";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { DealListFilters } from "./deals";

const Name = z.string().trim().min(1).max(60);
const ViewState = z.object({
  filters: DealListFilters,
  sort: z.object({ key: z.enum(SORT_KEYS), dir: z.enum(["asc", "desc"]) }).nullable(),
  columns: z
    .array(z.string().regex(/^[a-z][a-zA-Z0-9_]{0,63}$/))
    .min(1)
    .max(30),
});

/** A member's own saved views of the deals list (the built-in ones live in the client). */
export const viewsRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listViews(ctx.db, ctx.company.id, ctx.userId)),
  create: protectedProcedure
    .input(z.object({ name: Name, state: ViewState }))
    .mutation(({ ctx, input }) => createView(ctx.db, ctx.company.id, ctx.userId, input)),
  update: protectedProcedure
    .input(z.object({ viewId: z.uuid(), name: Name.optional(), state: ViewState.optional() }))
    .mutation(({ ctx, input }) => updateView(ctx.db, ctx.company.id, ctx.userId, input)),
  delete: protectedProcedure
    .input(z.object({ viewId: z.uuid() }))
    .mutation(({ ctx, input }) => deleteView(ctx.db, ctx.company.id, ctx.userId, input.viewId)),
});
