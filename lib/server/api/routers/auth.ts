import { z } from "zod";
import { signUp } from "@/lib/server/companies/sign-up";
import { changePassword } from "@/lib/server/profile/profile";
import { acceptInvite, inviteInfo } from "@/lib/server/users/invites";
import { AcceptInviteInput, ChangePasswordInput, SignUpInput } from "@/lib/validation/auth";
import { authedProcedure, createTRPCRouter, publicProcedure } from "../trpc";

export const authRouter = createTRPCRouter({
  /** Creates a company and its first admin; the browser then signs in with the same credentials. */
  signUp: publicProcedure.input(SignUpInput).mutation(async ({ ctx, input }) => {
    const { companyId } = await signUp(ctx.db, input);
    ctx.setCookie("pw-company", companyId);
    return { ok: true as const };
  }),
  inviteInfo: publicProcedure
    .input(z.object({ token: z.string().min(16).max(200) }))
    .query(({ ctx, input }) => inviteInfo(ctx.db, input.token)),
  acceptInvite: publicProcedure
    .input(AcceptInviteInput)
    .mutation(({ ctx, input }) => acceptInvite(ctx.db, input)),
  changePassword: authedProcedure
    .input(ChangePasswordInput)
    .mutation(({ ctx, input }) => changePassword(ctx.db, ctx.userId, input)),
});
