import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { companies, teamMembers, teams } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import type { AnalyticsFilters } from "@/lib/validation/analytics";

/**
 * Whose deals a member's figures cover: the deals list's rule (`visibleDeals`), resolved to ids
 * so the analytics tables (which carry the deal's owner and team) can be filtered directly.
 * Admins and trainers: the company's; managers: their own and their teams'; reps: their own, and
 * their teams' when the company allows it.
 */
export type DealScope = { all: true } | { all: false; ownerId: string; teamIds: string[] };

export async function dealScope(db: Db | Tx, company: CompanyScope, userId: string): Promise<DealScope> {
  if (company.role === "admin" || company.role === "trainer") return { all: true };
  if (company.role === "manager") {
    const managed = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.companyId, company.id), eq(teams.managerId, userId)));
    return { all: false, ownerId: userId, teamIds: managed.map((t) => t.id) };
  }
  const [settings] = await db
    .select({
      repsSeeTeamDeals: sql<boolean>`coalesce((${companies.settings}->>'repsSeeTeamDeals')::boolean, false)`,
    })
    .from(companies)
    .where(eq(companies.id, company.id));
  if (!settings?.repsSeeTeamDeals) return { all: false, ownerId: userId, teamIds: [] };
  const mine = await db
    .select({ id: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.companyId, company.id), eq(teamMembers.userId, userId)));
  return { all: false, ownerId: userId, teamIds: mine.map((t) => t.id) };
}

/** A Postgres array literal of checked ids or keys (uuids, [a-zA-Z0-9_] keys: nothing to quote). */
const array = (values: readonly string[], type: "uuid" | "text") =>
  sql.raw(`'{${values.join(",")}}'::${type}[]`);

/**
 * The conditions every analytics query of a scope shares, on a table carrying company_id,
 * pipeline_id, owner_id, team_id, industry, region, source and priority (deal_facts,
 * deal_stage_visits), aliased `t`. `version` filters the table's pipeline_version_id.
 */
export function scopeWhere(
  companyId: string,
  pipelineId: string,
  filters: Pick<
    AnalyticsFilters,
    "versionId" | "teamIds" | "ownerIds" | "industry" | "region" | "source" | "priorities"
  >,
  scope: DealScope,
): SQL {
  const parts: SQL[] = [sql`t.company_id = ${companyId}::uuid`, sql`t.pipeline_id = ${pipelineId}::uuid`];
  if (filters.versionId) parts.push(sql`t.pipeline_version_id = ${filters.versionId}::uuid`);
  if (filters.teamIds.length) parts.push(sql`t.team_id = any(${array(filters.teamIds, "uuid")})`);
  if (filters.ownerIds.length) parts.push(sql`t.owner_id = any(${array(filters.ownerIds, "uuid")})`);
  if (filters.industry.length) parts.push(sql`t.industry = any(${array(filters.industry, "text")})`);
  if (filters.region.length) parts.push(sql`t.region = any(${array(filters.region, "text")})`);
  if (filters.source.length) parts.push(sql`t.source = any(${array(filters.source, "text")})`);
  if (filters.priorities.length) parts.push(sql`t.priority = any(${array(filters.priorities, "text")})`);
  if (!scope.all)
    parts.push(
      scope.teamIds.length
        ? sql`(t.owner_id = ${scope.ownerId}::uuid or t.team_id = any(${array(scope.teamIds, "uuid")}))`
        : sql`t.owner_id = ${scope.ownerId}::uuid`,
    );
  return sql.join(parts, sql` and `);
}

/** Whether a query may read the company-wide monthly rollup: no filter narrows the deals. */
export const unfiltered = (
  filters: Pick<AnalyticsFilters, "teamIds" | "ownerIds" | "industry" | "region" | "source" | "priorities">,
  scope: DealScope,
) =>
  scope.all &&
  !filters.teamIds.length &&
  !filters.ownerIds.length &&
  !filters.industry.length &&
  !filters.region.length &&
  !filters.source.length &&
  !filters.priorities.length;
