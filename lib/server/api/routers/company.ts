import { z } from "zod";
import { getCompany, updateCompany } from "@/lib/server/companies/settings";
import { CompanyName } from "@/lib/validation/auth";
import { adminProcedure, createTRPCRouter, protectedProcedure } from "../trpc";

export const companyRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getCompany(ctx.db, ctx.company.id)),
  update: adminProcedure
    .input(
      z.object({
        name: CompanyName,
        nameEn: z.string().trim().max(100, { error: "tooLong" }).nullable(),
        repsSeeTeamDeals: z.boolean(),
        /** Members may send process feedback anonymously (to everyone but admins); unchanged when left out. */
        anonymousFeedback: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateCompany(ctx.db, ctx.company.id, input)),
});
