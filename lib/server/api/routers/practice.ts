import { z } from "zod";
import {
  actPractice,
  createPractice,
  editPractice,
  getPractice,
  myPractice,
  practiceByMember,
  practiceVersions,
  removePractice,
  resetPractice,
  skipAhead,
} from "@/lib/server/practice/practice";
import { createTRPCRouter, protectedProcedure, trainerProcedure } from "../trpc";

const Id = z.object({ id: z.uuid() });
const Changes = z.record(
  z.string().min(1).max(64),
  z.union([z.string().max(10_000), z.number(), z.boolean(), z.array(z.string().max(200)).max(100), z.null()]),
);

/**
 * Practice mode (练习模式): every member walks practice deals through any version, drafts
 * included; trainers and admins also see who has practised and reset a member's practice deals.
 */
export const practiceRouter = createTRPCRouter({
  versions: protectedProcedure.query(({ ctx }) => practiceVersions(ctx.db, ctx.company.id)),
  mine: protectedProcedure.query(({ ctx }) => myPractice(ctx.db, ctx.company.id, ctx.userId)),
  get: protectedProcedure
    .input(Id)
    .query(({ ctx, input }) => getPractice(ctx.db, ctx.company.id, ctx.userId, input.id)),
  create: protectedProcedure
    .input(
      z.object({
        versionId: z.uuid(),
        title: z.string().trim().min(1).max(200),
        account: z.string().trim().min(1).max(200),
      }),
    )
    .mutation(({ ctx, input }) => createPractice(ctx.db, ctx.company.id, ctx.userId, input)),
  act: protectedProcedure
    .input(
      Id.extend({
        expectedVersion: z.number().int().min(1),
        action: z.string().min(1).max(200),
        changes: Changes.optional(),
        checked: z.array(z.string().min(1).max(64)).max(50).optional(),
      }),
    )
    .mutation(({ ctx, input }) => actPractice(ctx.db, ctx.company.id, ctx.userId, input)),
  edit: protectedProcedure
    .input(Id.extend({ expectedVersion: z.number().int().min(1), changes: Changes }))
    .mutation(({ ctx, input }) => editPractice(ctx.db, ctx.company.id, ctx.userId, input)),
  skipAhead: protectedProcedure
    .input(Id.extend({ expectedVersion: z.number().int().min(1), days: z.number().int().min(1).max(365) }))
    .mutation(({ ctx, input }) => skipAhead(ctx.db, ctx.company.id, ctx.userId, input)),
  remove: protectedProcedure
    .input(Id)
    .mutation(({ ctx, input }) => removePractice(ctx.db, ctx.company.id, ctx.userId, input.id)),
  /** Who has practised, for trainers and admins. */
  members: trainerProcedure.query(({ ctx }) => practiceByMember(ctx.db, ctx.company.id)),
  /** Clears one member's practice deals. */
  reset: trainerProcedure
    .input(z.object({ userId: z.uuid() }))
    .mutation(({ ctx, input }) => resetPractice(ctx.db, ctx.company.id, input.userId)),
});
