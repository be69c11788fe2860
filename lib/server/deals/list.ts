import { and, desc, eq, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { deals, pipelineVersions, teams, users } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { stageTimeLimits } from "@/workflows/runtime";
import { stagesOf } from "@/lib/server/pipelines/list";
import { visibleDeals } from "./visibility";

export const PRIORITIES = ["A", "B", "C", "D"] as const;

export type DealListInput = {
  limit: number;
  /** Where the previous page ended; `at` keeps the database's microseconds, which a Date would drop. */
  cursor?: { at: string; id: string } | null;
  search?: string;
  /** Stage keys; a deal in any of them. */
  stages?: string[];
  /** "me" for the caller's own deals, or a member's id. Narrows what the role may see, never widens it. */
  owner?: string;
  priorities?: (typeof PRIORITIES)[number][];
  /** Only open deals past their stage's time limit. */
  overdue?: boolean;
};

/** The stage time limits (ms) of every version the company's deals run on, by version then stage. */
async function timeLimitsOf(db: Db, companyId: string) {
  const versions = await db
    .selectDistinct({ id: deals.pipelineVersionId })
    .from(deals)
    .where(eq(deals.companyId, companyId));
  const limits = new Map<string, Map<string, number>>();
  for (const { id } of versions) {
    const byStage = stageTimeLimits((await loadProgram(db, companyId, id)).compiled);
    if (byStage.size) limits.set(id, byStage);
  }
  return limits;
}

/** Deals past their stage's time limit: few versions and stages, so one OR of exact matches. */
function overdueCondition(limits: Map<string, Map<string, number>>, now: Date): SQL {
  const cases: SQL[] = [];
  for (const [versionId, byStage] of limits) {
    for (const [stage, ms] of byStage) {
      // postgres.js takes dates inside raw sql fragments as text only.
      const enteredBefore = new Date(now.getTime() - ms).toISOString();
      cases.push(
        and(
          eq(deals.pipelineVersionId, versionId),
          eq(deals.stage, stage),
          sql`${deals.stageEnteredAt} < ${enteredBefore}::timestamptz`,
        )!,
      );
    }
  }
  return cases.length ? or(...cases)! : sql`false`;
}

/**
 * Deals the member may see, most recently updated first, a page at a time (keyset), narrowed
 * by the filters; each row says whether it is past its stage's time limit.
 */
export async function listDeals(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: DealListInput,
  now = new Date(),
) {
  const scope = await visibleDeals(db, company, userId);
  const conditions = [scope];
  if (input.cursor) {
    conditions.push(
      or(
        sql`${deals.updatedAt} < ${input.cursor.at}::timestamptz`,
        and(sql`${deals.updatedAt} = ${input.cursor.at}::timestamptz`, lt(deals.id, input.cursor.id)),
      )!,
    );
  }
  if (input.search) {
    const like = `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(deals.title, like), ilike(deals.account, like))!);
  }
  if (input.stages?.length) conditions.push(inArray(deals.stage, input.stages));
  if (input.owner) conditions.push(eq(deals.ownerId, input.owner === "me" ? userId : input.owner));
  if (input.priorities?.length) conditions.push(inArray(deals.priority, input.priorities));
  const limits = await timeLimitsOf(db, company.id);
  if (input.overdue) conditions.push(overdueCondition(limits, now));
  const rows = await db
    .select({
      id: deals.id,
      title: deals.title,
      account: deals.account,
      amount: deals.amount,
      currency: deals.currency,
      stage: deals.stage,
      priority: deals.priority,
      score: deals.score,
      ownerName: users.name,
      teamName: teams.name,
      teamNameEn: teams.nameEn,
      pipelineVersionId: deals.pipelineVersionId,
      stageEnteredAt: deals.stageEnteredAt,
      updatedAt: deals.updatedAt,
      cursorAt: sql<string>`to_char(${deals.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(deals)
    .leftJoin(users, eq(users.id, deals.ownerId))
    .leftJoin(teams, and(eq(teams.companyId, deals.companyId), eq(teams.id, deals.teamId)))
    .where(and(...conditions))
    .orderBy(desc(deals.updatedAt), desc(deals.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > input.limit && last ? { at: last.cursorAt, id: last.id } : null;
  const stageNames = await stageNamesFor(db, company.id, [...new Set(page.map((r) => r.pipelineVersionId))]);
  return {
    items: page.map(({ cursorAt: _cursorAt, ...r }) => {
      const stageName = stageNames.get(`${r.pipelineVersionId}:${r.stage}`) ?? null;
      const limit = limits.get(r.pipelineVersionId)?.get(r.stage);
      return {
        ...r,
        stageName,
        overdue:
          limit !== undefined &&
          stageName?.outcome !== "won" &&
          stageName?.outcome !== "lost" &&
          r.stageEnteredAt.getTime() < now.getTime() - limit,
      };
    }),
    nextCursor,
  };
}

async function stageNamesFor(db: Db, companyId: string, versionIds: string[]) {
  const map = new Map<string, { zh: string; en: string; outcome: "open" | "won" | "lost" }>();
  if (versionIds.length === 0) return map;
  const versions = await db
    .select({ id: pipelineVersions.id, definition: pipelineVersions.definition })
    .from(pipelineVersions)
    .where(and(eq(pipelineVersions.companyId, companyId), sql`${pipelineVersions.id} in ${versionIds}`));
  for (const v of versions) {
    for (const s of stagesOf(v.definition)) map.set(`${v.id}:${s.key}`, { ...s.name, outcome: s.outcome });
    // A deal waiting at an approval sits in that node: show its name, as an open step.
    for (const n of v.definition.nodes) {
      if (n.data.kind === "approval") map.set(`${v.id}:${n.data.key}`, { ...n.data.name, outcome: "open" });
    }
  }
  return map;
}

/** The figures on the home page, over the deals the member may see. */
export async function dealSummary(db: Db, company: CompanyScope, userId: string, now = new Date()) {
  const scope = await visibleDeals(db, company, userId);
  // postgres.js takes dates inside raw sql fragments as text only.
  const quarterStart = new Date(now.getFullYear(), Math.floor(now.getMonth() / 3) * 3, 1).toISOString();
  const rows = await db
    .select({
      versionId: deals.pipelineVersionId,
      stage: deals.stage,
      n: sql<number>`count(*)::int`,
      amount: sql<number>`coalesce(sum(${deals.amount}), 0)::float8`,
      wonThisQuarter: sql<number>`coalesce(sum(${deals.amount}) filter (where ${deals.closedAt} >= ${quarterStart}::timestamptz), 0)::float8`,
      closedThisQuarter: sql<number>`(count(*) filter (where ${deals.closedAt} >= ${quarterStart}::timestamptz))::int`,
    })
    .from(deals)
    .where(scope)
    .groupBy(deals.pipelineVersionId, deals.stage);
  const versions = await db
    .select({ id: pipelineVersions.id, definition: pipelineVersions.definition })
    .from(pipelineVersions)
    .where(eq(pipelineVersions.companyId, company.id));
  const stageInfo = new Map<string, { outcome: string; probability: number }>();
  for (const v of versions) for (const s of stagesOf(v.definition)) stageInfo.set(`${v.id}:${s.key}`, s);

  const summary = {
    openCount: 0,
    openAmount: 0,
    weightedAmount: 0,
    wonAmountQuarter: 0,
    wonCountQuarter: 0,
    lostCountQuarter: 0,
  };
  for (const r of rows) {
    const info = stageInfo.get(`${r.versionId}:${r.stage}`);
    if (!info || info.outcome === "open") {
      summary.openCount += r.n;
      summary.openAmount += r.amount;
      summary.weightedAmount += (r.amount * (info?.probability ?? 0)) / 100;
    } else if (info.outcome === "won") {
      summary.wonAmountQuarter += r.wonThisQuarter;
      summary.wonCountQuarter += r.closedThisQuarter;
    } else {
      summary.lostCountQuarter += r.closedThisQuarter;
    }
  }
  return summary;
}

/** Deals the member may see, grouped by pipeline and stage, in the stages' order. */
export async function dealsByStage(db: Db, company: CompanyScope, userId: string) {
  const scope = await visibleDeals(db, company, userId);
  const rows = await db
    .select({
      pipelineId: deals.pipelineId,
      versionId: deals.pipelineVersionId,
      stage: deals.stage,
      count: sql<number>`count(*)::int`,
      amount: sql<number>`coalesce(sum(${deals.amount}), 0)::float8`,
    })
    .from(deals)
    .where(scope)
    .groupBy(deals.pipelineId, deals.pipelineVersionId, deals.stage);
  const versions = await db
    .select({ id: pipelineVersions.id, definition: pipelineVersions.definition })
    .from(pipelineVersions)
    .where(eq(pipelineVersions.companyId, company.id));
  const order = new Map<string, { index: number; name: { zh: string; en: string }; probability: number }>();
  for (const v of versions) {
    stagesOf(v.definition).forEach((s, index) =>
      order.set(`${v.id}:${s.key}`, { index, name: s.name, probability: s.probability }),
    );
  }
  // Versions of one pipeline share stage keys: merge them per pipeline and stage.
  const merged = new Map<
    string,
    {
      pipelineId: string;
      stage: string;
      count: number;
      amount: number;
      name: { zh: string; en: string } | null;
      probability: number;
      index: number;
    }
  >();
  for (const r of rows) {
    const info = order.get(`${r.versionId}:${r.stage}`);
    const key = `${r.pipelineId}:${r.stage}`;
    const entry = merged.get(key) ?? {
      pipelineId: r.pipelineId,
      stage: r.stage,
      count: 0,
      amount: 0,
      name: info?.name ?? null,
      probability: info?.probability ?? 0,
      index: info?.index ?? 999,
    };
    entry.count += r.count;
    entry.amount += r.amount;
    merged.set(key, entry);
  }
  return [...merged.values()].sort((a, b) => a.pipelineId.localeCompare(b.pipelineId) || a.index - b.index);
}
