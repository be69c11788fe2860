import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { companies, deals, teamMembers, teams } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";

/**
 * The deals a member may see, as a condition every deal query includes: admins and
 * trainers see the company's deals; managers their own and their teams'; reps their
 * own, and their teams' when the company allows it.
 */
export async function visibleDeals(db: Db, company: CompanyScope, userId: string): Promise<SQL> {
  const inCompany = eq(deals.companyId, company.id);
  if (company.role === "admin" || company.role === "trainer") return inCompany;
  const own = eq(deals.ownerId, userId);
  if (company.role === "manager") {
    const managed = db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.companyId, company.id), eq(teams.managerId, userId)));
    return and(inCompany, or(own, inArray(deals.teamId, managed)))!;
  }
  const [settings] = await db
    .select({
      repsSeeTeamDeals: sql<boolean>`coalesce((${companies.settings}->>'repsSeeTeamDeals')::boolean, false)`,
    })
    .from(companies)
    .where(eq(companies.id, company.id));
  if (!settings?.repsSeeTeamDeals) return and(inCompany, own)!;
  const myTeams = db
    .select({ id: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.companyId, company.id), eq(teamMembers.userId, userId)));
  return and(inCompany, or(own, inArray(deals.teamId, myTeams)))!;
}
