import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { memberships, teamMembers, teams, users } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import type { AdoptionPerson, AdoptionTeam } from "@/lib/analytics";
import type { AnalyticsFilters } from "@/lib/validation/analytics";
import { scopeWhere, unfiltered, type DealScope } from "./scope";

/**
 * Whose rows the Adoption tab shows (docs/analytics.md, Adoption): admins and trainers every
 * active member and every team (and the company's total), managers the members of the teams they
 * run and themselves (and those teams), reps their own row only. The Team and Rep filters narrow
 * the rows (people), not the deals; the other filters narrow the deals as everywhere else.
 */
export type AdoptionRows = {
  people: AdoptionPerson[];
  teams: AdoptionTeam[];
  /** Whether API keys' refusals belong in the breakdown: the whole company, no person narrowed. */
  withApiKeys: boolean;
};

export async function adoptionRows(
  db: Db,
  company: CompanyScope,
  userId: string,
  filters: Pick<AnalyticsFilters, "teamIds" | "ownerIds">,
): Promise<AdoptionRows> {
  const all = company.role === "admin" || company.role === "trainer";
  const teamRows =
    company.role === "rep"
      ? []
      : await db
          .select({ id: teams.id, name: teams.name, nameEn: teams.nameEn })
          .from(teams)
          .where(and(eq(teams.companyId, company.id), all ? undefined : eq(teams.managerId, userId)))
          .orderBy(asc(teams.name));
  const shownTeams = filters.teamIds.length
    ? teamRows.filter((t) => filters.teamIds.includes(t.id))
    : teamRows;
  const members = await db
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(eq(teamMembers.companyId, company.id));
  const candidates =
    company.role === "rep"
      ? [userId]
      : all
        ? null
        : [userId, ...members.filter((m) => teamRows.some((t) => t.id === m.teamId)).map((m) => m.userId)];
  const rows = await db
    .select({ id: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.companyId, company.id),
        eq(memberships.status, "active"),
        candidates ? inArray(memberships.userId, candidates) : undefined,
      ),
    )
    .orderBy(asc(users.name));
  const inTeams = filters.teamIds.length
    ? new Set(members.filter((m) => shownTeams.some((t) => t.id === m.teamId)).map((m) => m.userId))
    : null;
  const people = rows
    .filter(
      (p) => (!inTeams || inTeams.has(p.id)) && (!filters.ownerIds.length || filters.ownerIds.includes(p.id)),
    )
    .map((p) => ({
      ...p,
      teamIds: members.filter((m) => m.userId === p.id).map((m) => m.teamId),
    }));
  return {
    people,
    teams: shownTeams,
    withApiKeys: all && !filters.teamIds.length && !filters.ownerIds.length,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Postgres uuid[] literal of ids read from the database (checked, so nothing to quote). */
export function uuids(ids: readonly string[]): SQL {
  if (!ids.every((id) => UUID.test(id))) throw new Error("not a uuid");
  return sql.raw(`'{${ids.join(",")}}'::uuid[]`);
}

/**
 * The deal conditions of an adoption figure on a table aliased `t` (deal_facts or
 * deal_stage_visits): the member's deal scope and the filters that narrow deals (not Team or Rep,
 * which narrow the rows). Null when nothing narrows the pipeline's deals, so queries on
 * deal_events need not join the deals at all.
 */
export function adoptionDeals(
  companyId: string,
  pipelineId: string,
  filters: AnalyticsFilters,
  scope: DealScope,
): { where: SQL; narrowed: boolean } {
  const dealFilters = { ...filters, teamIds: [], ownerIds: [] };
  return {
    where: scopeWhere(companyId, pipelineId, dealFilters, scope),
    narrowed: !unfiltered(dealFilters, scope) || !!filters.versionId,
  };
}
