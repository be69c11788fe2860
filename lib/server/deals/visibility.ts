import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { companies, deals, memberships, teamMembers, teams } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";

/**
 * The deals a member may see, as a condition every deal query includes: admins and
 * trainers see the company's deals; managers their own and their teams'; reps their
 * own, and their teams' when the company allows it.
 */
export async function visibleDeals(db: Db | Tx, company: CompanyScope, userId: string): Promise<SQL> {
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

/**
 * The members (ids) who may see one deal: the same rule as `visibleDeals`, read the other
 * way round (who sees this deal, rather than which deals this member sees). A mention or a
 * notification goes only to them, so no one is sent to a deal they would get NOT_FOUND on.
 */
export async function dealViewers(db: Db, companyId: string, dealId: string): Promise<Set<string>> {
  const [deal] = await db
    .select({
      ownerId: deals.ownerId,
      teamId: deals.teamId,
      repsSeeTeamDeals: sql<boolean>`coalesce((${companies.settings}->>'repsSeeTeamDeals')::boolean, false)`,
    })
    .from(deals)
    .innerJoin(companies, eq(companies.id, deals.companyId))
    .where(and(eq(deals.companyId, companyId), eq(deals.id, dealId)));
  if (!deal) return new Set();
  const members = await db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.companyId, companyId), eq(memberships.status, "active")));
  const [team] = deal.teamId
    ? await db
        .select({ managerId: teams.managerId })
        .from(teams)
        .where(and(eq(teams.companyId, companyId), eq(teams.id, deal.teamId)))
    : [];
  const inTeam = new Set(
    deal.teamId && deal.repsSeeTeamDeals
      ? (
          await db
            .select({ userId: teamMembers.userId })
            .from(teamMembers)
            .where(and(eq(teamMembers.companyId, companyId), eq(teamMembers.teamId, deal.teamId)))
        ).map((m) => m.userId)
      : [],
  );
  const sees = (m: { userId: string; role: string }) =>
    m.role === "admin" ||
    m.role === "trainer" ||
    m.userId === deal.ownerId ||
    (m.role === "manager" && team?.managerId === m.userId) ||
    (m.role === "rep" && inTeam.has(m.userId));
  return new Set(members.filter(sees).map((m) => m.userId));
}
