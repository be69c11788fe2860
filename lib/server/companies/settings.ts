import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { companies, type CompanySettings } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";

export async function getCompany(db: Db, companyId: string) {
  const [company] = await db
    .select({
      id: companies.id,
      name: companies.name,
      nameEn: companies.nameEn,
      defaultLocale: companies.defaultLocale,
      currency: companies.currency,
      settings: companies.settings,
    })
    .from(companies)
    .where(eq(companies.id, companyId));
  if (!company) throw appError("NOT_FOUND", "companyNotFound");
  return company;
}

export async function updateCompany(
  db: Db,
  companyId: string,
  input: { name: string; nameEn: string | null; repsSeeTeamDeals: boolean; anonymousFeedback?: boolean },
) {
  const switches: CompanySettings = { repsSeeTeamDeals: input.repsSeeTeamDeals };
  if (input.anonymousFeedback !== undefined) switches.anonymousFeedback = input.anonymousFeedback;
  await db
    .update(companies)
    .set({
      name: input.name,
      nameEn: input.nameEn || null,
      settings: sql`${companies.settings} || ${JSON.stringify(switches)}::jsonb`,
    })
    .where(eq(companies.id, companyId));
}
