import "server-only";
import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { memberships, teamMembers, teams, targets, users } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import {
  attainmentOf,
  funnel,
  periodStartOf,
  targetPeriod,
  type TargetMetric,
  type TargetPeriod,
} from "@/lib/analytics";
import type { DeleteTargetInput, SetTargetInput } from "@/lib/validation/targets";
import { loadCatalog, type Catalog } from "./catalog";
import { funnelGroups, type QueryScope } from "./queries";

/*
 * Targets (docs/analytics.md, Targets): admins set them for the company, a team or a rep;
 * managers for the teams they run and those teams' reps. Who sees which: admins and trainers all,
 * managers their teams' and their teams' reps', reps their own. Each comes with its actual figure
 * for its period, attainment and pace.
 */

type TargetRow = typeof targets.$inferSelect;

/** The teams a manager runs (none for anyone else). */
async function managedTeams(db: Db, companyId: string, userId: string) {
  const rows = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.companyId, companyId), eq(teams.managerId, userId)));
  return rows.map((r) => r.id);
}

/** Members of the given teams. */
async function membersOf(db: Db, companyId: string, teamIds: string[]) {
  if (!teamIds.length) return [];
  const rows = await db
    .select({ id: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.companyId, companyId), inArray(teamMembers.teamId, teamIds)));
  return rows.map((r) => r.id);
}

/** Which targets a member may see, as a condition on `targets`. */
async function visibleTargets(db: Db, company: CompanyScope, userId: string): Promise<SQL> {
  const inCompany = eq(targets.companyId, company.id);
  if (company.role === "admin" || company.role === "trainer") return inCompany;
  const own = and(eq(targets.scope, "rep"), eq(targets.userId, userId))!;
  if (company.role === "rep") return and(inCompany, own)!;
  const teamIds = await managedTeams(db, company.id, userId);
  const reps = await membersOf(db, company.id, teamIds);
  return and(
    inCompany,
    or(
      own,
      teamIds.length ? and(eq(targets.scope, "team"), inArray(targets.teamId, teamIds)) : undefined,
      reps.length ? and(eq(targets.scope, "rep"), inArray(targets.userId, reps)) : undefined,
    ),
  )!;
}

/** Whether a member may set or remove a target of this scope (admins any; managers their teams and reps). */
async function mayEdit(
  db: Db,
  company: CompanyScope,
  userId: string,
  target: { scope: string; teamId: string | null; userId: string | null },
) {
  if (company.role === "admin") return true;
  if (company.role !== "manager" || target.scope === "company") return false;
  const teamIds = await managedTeams(db, company.id, userId);
  if (target.scope === "team") return !!target.teamId && teamIds.includes(target.teamId);
  return !!target.userId && (await membersOf(db, company.id, teamIds)).includes(target.userId);
}

/** The actual figure of a target for its period, over the deals of its scope. */
async function actualOf(db: Db, t: TargetRow, catalog: Catalog): Promise<number> {
  const period = targetPeriod(t.periodKind as TargetPeriod, t.periodStart);
  const from = period.from.toISOString();
  const to = period.to.toISOString();
  const scope =
    t.scope === "team"
      ? sql`t.team_id = ${t.teamId}::uuid`
      : t.scope === "rep"
        ? sql`t.owner_id = ${t.userId}::uuid`
        : sql`true`;
  const base = sql`t.company_id = ${t.companyId}::uuid and t.pipeline_id = ${t.pipelineId}::uuid and ${scope}`;
  const metric = t.metric as TargetMetric;
  if (metric === "wonAmount" || metric === "dealsWon") {
    const [row] = await db.execute<{ deals: number; amount: number }>(sql`
      select count(*)::int as deals, coalesce(sum(t.amount), 0)::float8 as amount
      from deal_facts t
      where ${base} and t.outcome = 'won' and t.closed_at >= ${from}::timestamptz and t.closed_at < ${to}::timestamptz`);
    return metric === "wonAmount" ? (row?.amount ?? 0) : (row?.deals ?? 0);
  }
  const { steps, won } = catalog.steps;
  if (metric === "newQualified") {
    // First reaching the stage, or any later step, in the period.
    const i = steps.indexOf(t.toStage!);
    const later = i >= 0 ? steps.slice(i) : [t.toStage!];
    const list = sql.raw(`'{${[...new Set([...later, ...(won ? [won] : [])])].join(",")}}'::text[]`);
    const [row] = await db.execute<{ deals: number }>(sql`
      select count(*)::int as deals from (
        select t.deal_id, min(t.entered_at) as first
        from deal_stage_visits t
        where ${base} and t.stage = any(${list})
        group by t.deal_id) x
      where x.first >= ${from}::timestamptz and x.first < ${to}::timestamptz`);
    return row?.deals ?? 0;
  }
  // Conversion: of the deals created in the period, reached `to` ÷ reached `from` (funnel rules).
  const q: QueryScope = {
    companyId: t.companyId,
    pipelineId: t.pipelineId,
    filters: {
      teamIds: t.scope === "team" ? [t.teamId!] : [],
      ownerIds: t.scope === "rep" ? [t.userId!] : [],
      industry: [],
      region: [],
      source: [],
      priorities: [],
    },
    scope: { all: true },
  };
  const f = funnel(await funnelGroups(db, q, period, "cohort"), catalog.steps);
  const reached = (key: string) => f.steps.find((s) => s.key === key)?.reached ?? 0;
  const base_ = reached(t.fromStage!);
  return base_ > 0 ? reached(t.toStage!) / base_ : 0;
}

/**
 * The targets of the current month and quarter (or those `at` falls in) the member may see, each
 * with its actual figure, attainment and pace, and whether the member may change it.
 */
export async function listTargets(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: { pipelineId?: string } = {},
  now = new Date(),
) {
  const catalog = await loadCatalog(db, company.id, input.pipelineId, undefined);
  const rows = await db
    .select({
      target: targets,
      teamName: teams.name,
      teamNameEn: teams.nameEn,
      userName: users.name,
    })
    .from(targets)
    .leftJoin(teams, and(eq(teams.companyId, targets.companyId), eq(teams.id, targets.teamId)))
    .leftJoin(users, eq(users.id, targets.userId))
    .where(
      and(
        await visibleTargets(db, company, userId),
        eq(targets.pipelineId, catalog.pipeline.id),
        or(
          and(eq(targets.periodKind, "month"), eq(targets.periodStart, periodStartOf("month", now))),
          and(eq(targets.periodKind, "quarter"), eq(targets.periodStart, periodStartOf("quarter", now))),
        ),
      ),
    );
  const order = { company: 0, team: 1, rep: 2 } as Record<string, number>;
  rows.sort(
    (a, b) =>
      a.target.periodKind.localeCompare(b.target.periodKind) ||
      order[a.target.scope]! - order[b.target.scope]! ||
      (a.teamName ?? a.userName ?? "").localeCompare(b.teamName ?? b.userName ?? "") ||
      a.target.metric.localeCompare(b.target.metric),
  );
  return Promise.all(
    rows.map(async ({ target: t, teamName, teamNameEn, userName }) => {
      const actual = await actualOf(db, t, catalog);
      const period = targetPeriod(t.periodKind as TargetPeriod, t.periodStart);
      return {
        id: t.id,
        version: t.version,
        scope: t.scope as "company" | "team" | "rep",
        teamId: t.teamId,
        teamName,
        teamNameEn,
        userId: t.userId,
        userName,
        periodKind: t.periodKind as TargetPeriod,
        periodStart: t.periodStart,
        period,
        metric: t.metric as TargetMetric,
        fromStage: t.fromStage,
        toStage: t.toStage,
        fromStageName: t.fromStage ? (catalog.states.get(t.fromStage)?.name ?? null) : null,
        toStageName: t.toStage ? (catalog.states.get(t.toStage)?.name ?? null) : null,
        value: t.value,
        actual,
        ...attainmentOf(t.metric as TargetMetric, t.value, actual, period, now),
        canEdit: await mayEdit(db, company, userId, t),
      };
    }),
  );
}

/** The stages a target names must be steps of its pipeline's funnel (or a side stage). */
function checkStages(catalog: Catalog, input: SetTargetInput) {
  const known = new Set([...catalog.steps.steps, ...catalog.steps.side]);
  for (const key of [input.fromStage, input.toStage])
    if (key && !known.has(key)) throw appError("BAD_REQUEST", "analytics.stageNotFound");
}

/**
 * Sets a target: a new one, or a change of the one named at the version the member saw (a stale
 * version is a CONFLICT; nothing is overwritten). One target per scope, period and metric.
 */
export async function setTarget(db: Db, company: CompanyScope, userId: string, input: SetTargetInput) {
  const catalog = await loadCatalog(db, company.id, input.pipelineId, undefined);
  checkStages(catalog, input);
  const target = {
    scope: input.scope,
    teamId: input.scope === "team" ? (input.teamId ?? null) : null,
    userId: input.scope === "rep" ? (input.userId ?? null) : null,
  };
  // A team or a person of another company is not found, whatever the member's role.
  if (target.teamId) {
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.companyId, company.id), eq(teams.id, target.teamId)));
    if (!team) throw appError("NOT_FOUND", "teamNotFound");
  }
  if (target.userId) {
    const [member] = await db
      .select({ id: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.companyId, company.id), eq(memberships.userId, target.userId)));
    if (!member) throw appError("NOT_FOUND", "userNotFound");
  }
  if (!(await mayEdit(db, company, userId, target))) throw appError("FORBIDDEN", "analytics.targetNotYours");
  const values = {
    pipelineId: catalog.pipeline.id,
    ...target,
    periodKind: input.periodKind,
    periodStart: input.periodStart,
    metric: input.metric,
    fromStage: input.metric === "conversion" ? (input.fromStage ?? null) : null,
    toStage:
      input.metric === "conversion" || input.metric === "newQualified" ? (input.toStage ?? null) : null,
    value: input.value,
  };
  const now = new Date();
  try {
    if (input.targetId) {
      const [current] = await db
        .select()
        .from(targets)
        .where(and(eq(targets.companyId, company.id), eq(targets.id, input.targetId)));
      if (!current || !(await mayEdit(db, company, userId, current)))
        throw appError("NOT_FOUND", "analytics.targetNotFound");
      const [updated] = await db
        .update(targets)
        .set({ ...values, version: current.version + 1, updatedBy: userId, updatedAt: now })
        .where(
          and(
            eq(targets.companyId, company.id),
            eq(targets.id, input.targetId),
            eq(targets.version, input.expectedVersion ?? -1),
          ),
        )
        .returning({ id: targets.id, version: targets.version });
      if (!updated) throw appError("CONFLICT", "analytics.targetChanged");
      return updated;
    }
    const [created] = await db
      .insert(targets)
      .values({ companyId: company.id, ...values, createdBy: userId, updatedBy: userId })
      .returning({ id: targets.id, version: targets.version });
    return created!;
  } catch (e) {
    if (
      (e as { code?: string }).code === "23505" ||
      (e as { cause?: { code?: string } }).cause?.code === "23505"
    )
      throw appError("CONFLICT", "analytics.targetExists");
    throw e;
  }
}

/** Removes a target at the version the member saw. */
export async function deleteTarget(db: Db, company: CompanyScope, userId: string, input: DeleteTargetInput) {
  const [current] = await db
    .select()
    .from(targets)
    .where(and(eq(targets.companyId, company.id), eq(targets.id, input.targetId)));
  if (!current || !(await mayEdit(db, company, userId, current)))
    throw appError("NOT_FOUND", "analytics.targetNotFound");
  const gone = await db
    .delete(targets)
    .where(
      and(
        eq(targets.companyId, company.id),
        eq(targets.id, input.targetId),
        eq(targets.version, input.expectedVersion),
      ),
    )
    .returning({ id: targets.id });
  if (!gone.length) throw appError("CONFLICT", "analytics.targetChanged");
  return { id: input.targetId };
}
