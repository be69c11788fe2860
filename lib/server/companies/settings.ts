import { eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { companies } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import type { Locale } from "@/lib/i18n/config";

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
  input: { name: string; nameEn: string | null; defaultLocale: Locale; repsSeeTeamDeals: boolean },
) {
  await db
    .update(companies)
    .set({
      name: input.name,
      nameEn: input.nameEn || null,
      defaultLocale: input.defaultLocale,
      settings: sql`${companies.settings} || ${JSON.stringify({ repsSeeTeamDeals: input.repsSeeTeamDeals })}::jsonb`,
    })
    .where(eq(companies.id, companyId));
}
