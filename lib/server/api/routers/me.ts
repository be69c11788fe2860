import { z } from "zod";
import { activeMemberships, resolveMembership } from "@/lib/server/companies/membership";
import { getProfile, updateProfile } from "@/lib/server/profile/profile";
import { appError } from "@/lib/server/errors";
import { LocaleInput, PersonName } from "@/lib/validation/auth";
import { COMPANY_COOKIE } from "../context";
import { authedProcedure, createTRPCRouter } from "../trpc";

export const meRouter = createTRPCRouter({
  /** Who is signed in, the companies they may act in, and the one they act in now. */
  get: authedProcedure.query(async ({ ctx }) => {
    const [profile, companies, active] = await Promise.all([
      getProfile(ctx.db, ctx.userId),
      activeMemberships(ctx.db, ctx.userId),
      resolveMembership(ctx.db, ctx.userId, ctx.requestedCompanyId),
    ]);
    return { ...profile, companies, activeCompany: active };
  }),
  switchCompany: authedProcedure.input(z.object({ companyId: z.uuid() })).mutation(async ({ ctx, input }) => {
    const companies = await activeMemberships(ctx.db, ctx.userId);
    // A company the user is not an active member of looks the same as one that does not exist.
    if (!companies.some((c) => c.companyId === input.companyId))
      throw appError("NOT_FOUND", "companyNotFound");
    ctx.setCookie(COMPANY_COOKIE, input.companyId, { maxAge: 365 * 86400 });
    return { companyId: input.companyId };
  }),
  update: authedProcedure
    .input(z.object({ name: PersonName.optional(), locale: LocaleInput.nullable().optional() }))
    .mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.userId, input)),
});
