import { z } from "zod";
import { listUsers } from "@/lib/server/users/list";
import { listPendingInvites, revokeInvite } from "@/lib/server/users/invites";
import { createUser, resetPassword, setRole, setUserStatus, setUserTeams } from "@/lib/server/users/manage";
import {
  CreateUserInput,
  Id,
  SetRoleInput,
  SetUserStatusInput,
  SetUserTeamsInput,
} from "@/lib/validation/users";
import { adminProcedure, createTRPCRouter, managerProcedure } from "../trpc";

export const usersRouter = createTRPCRouter({
  /** Managers see the people they put into teams; admins manage them. */
  list: managerProcedure.query(({ ctx }) => listUsers(ctx.db, ctx.company.id)),
  invites: adminProcedure.query(({ ctx }) => listPendingInvites(ctx.db, ctx.company.id)),
  create: adminProcedure
    .input(CreateUserInput)
    .mutation(({ ctx, input }) => createUser(ctx.db, ctx.company.id, ctx.userId, input)),
  setRole: adminProcedure
    .input(SetRoleInput)
    .mutation(({ ctx, input }) => setRole(ctx.db, ctx.company.id, input)),
  setTeams: adminProcedure
    .input(SetUserTeamsInput)
    .mutation(({ ctx, input }) => setUserTeams(ctx.db, ctx.company.id, input)),
  setStatus: adminProcedure
    .input(SetUserStatusInput)
    .mutation(({ ctx, input }) => setUserStatus(ctx.db, ctx.company.id, ctx.userId, input)),
  resetPassword: adminProcedure
    .input(z.object({ userId: Id }))
    .mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.company.id, input.userId)),
  revokeInvite: adminProcedure
    .input(z.object({ inviteId: Id }))
    .mutation(({ ctx, input }) => revokeInvite(ctx.db, ctx.company.id, input.inviteId)),
});
