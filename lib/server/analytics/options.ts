import "server-only";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { memberships, pipelines, pipelineVersions, teamMembers, teams, users } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { loadCatalog } from "./catalog";
import { dealScope } from "./scope";

/**
 * What the dashboard's filters offer a member: the pipelines and their versions, the teams and
 * people within the member's scope (a manager: the teams they run and their members; a rep:
 * themselves), and the options of the pipeline's Industry, Region and Source fields.
 */
export async function analyticsOptions(db: Db, company: CompanyScope, userId: string, pipelineId?: string) {
  const scope = await dealScope(db, company, userId);
  const [catalog, pipelineRows] = await Promise.all([
    loadCatalog(db, company.id, pipelineId, undefined),
    db
      .select({ id: pipelines.id, name: pipelines.name, isDefault: pipelines.isDefault })
      .from(pipelines)
      .where(eq(pipelines.companyId, company.id))
      .orderBy(asc(pipelines.createdAt)),
  ]);
  const teamRows = await db
    .select({ id: teams.id, name: teams.name, nameEn: teams.nameEn })
    .from(teams)
    .where(
      and(
        eq(teams.companyId, company.id),
        scope.all ? undefined : inArray(teams.id, scope.teamIds.length ? scope.teamIds : [userId]),
      ),
    )
    .orderBy(asc(teams.name));
  const visibleTeams = scope.all || scope.teamIds.length ? teamRows : [];
  const teamPeople =
    !scope.all && scope.teamIds.length
      ? await db
          .select({ id: teamMembers.userId })
          .from(teamMembers)
          .where(and(eq(teamMembers.companyId, company.id), inArray(teamMembers.teamId, scope.teamIds)))
      : [];
  const inScope = scope.all ? null : [userId, ...teamPeople.map((m) => m.id)];
  const people = await db
    .selectDistinct({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.companyId, company.id),
        eq(memberships.status, "active"),
        inScope ? inArray(users.id, inScope) : ne(memberships.role, "trainer"),
      ),
    )
    .orderBy(asc(users.name));
  const versions = await db
    .select({ id: pipelineVersions.id, number: pipelineVersions.number, status: pipelineVersions.status })
    .from(pipelineVersions)
    .where(
      and(
        eq(pipelineVersions.companyId, company.id),
        eq(pipelineVersions.pipelineId, catalog.pipeline.id),
        ne(pipelineVersions.status, "draft"),
      ),
    )
    .orderBy(asc(pipelineVersions.number));
  const fieldOptions = (key: string) =>
    catalog.definition.fields
      .find((f) => f.key === key)
      ?.options?.map((o) => ({ value: o.value, label: o.label })) ?? [];
  return {
    pipelineId: catalog.pipeline.id,
    pipelines: pipelineRows,
    versions,
    teams: visibleTeams,
    people,
    industry: fieldOptions("industry"),
    region: fieldOptions("region"),
    source: fieldOptions("source"),
    scope: { all: scope.all, role: company.role },
  };
}
