import { and, eq, gte, ilike, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/server/db/client";
import { deals, pipelines, pipelineVersions, teams, users } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { stageTimeLimits } from "@/workflows/runtime";
import { stagesOf } from "@/lib/server/pipelines/list";
import { visibleDeals } from "./visibility";

import { OPTION_FILTERS, PRIORITIES, SORT_KEYS, type SortKey } from "@/lib/validation/deals";

export { OPTION_FILTERS, PRIORITIES, SORT_KEYS };
export type { SortKey };

export type DealListFilters = {
  search?: string;
  pipelineId?: string;
  /** Stage keys; a deal in any of them. */
  stages?: string[];
  /** "me" for the caller's own deals, or a member's id. Narrows what the role may see, never widens it. */
  owner?: string;
  teamId?: string;
  industry?: string[];
  region?: string[];
  source?: string[];
  priorities?: (typeof PRIORITIES)[number][];
  amountMin?: number;
  amountMax?: number;
  /** Inclusive dates, YYYY-MM-DD. */
  closeFrom?: string;
  closeTo?: string;
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  /** Only open deals past their stage's time limit. */
  overdue?: boolean;
  /** Pipeline version ids: deals running on any of them (e.g. the pilot version). */
  versionIds?: string[];
};

export type DealListInput = DealListFilters & {
  limit: number;
  sort?: { key: SortKey; dir: "asc" | "desc" };
  /**
   * Where the previous page ended: the sort value as text (null for a deal without one) and
   * the id. Timestamps keep the database's microseconds, which a Date would drop.
   */
  cursor?: { v: string | null; id: string } | null;
};

/** The text the search looks in; the GIN index of drizzle/0006 is on exactly this expression. */
const searchText = sql`(${deals.title} || ' ' || ${deals.account} || ' ' || coalesce(${deals.fields}->>'contact', ''))`;

function searchCondition(q: string): SQL {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const text = or(
    ilike(deals.title, like),
    ilike(deals.account, like),
    sql`(${deals.fields}->>'contact') ilike ${like}`,
  )!;
  // A single character has no pair to look up: ILIKE alone. Otherwise every pair of the query
  // (made by the same function, so case folding matches) must be in the deal's text: the index
  // finds those deals, ILIKE checks the characters come in that order.
  if (!/\S\S/u.test(q)) return text;
  return and(sql`pw_search_grams(${searchText}) @> pw_search_grams(${q}::text)`, text)!;
}

/**
 * The stage time limits (ms) of every version of the company's pipelines, by version then stage.
 * Read from the versions, not the deals: a distinct over 100k deals cost more than the page.
 */
async function timeLimitsOf(db: Db, companyId: string) {
  const versions = await db
    .select({ id: pipelineVersions.id })
    .from(pipelineVersions)
    .where(and(eq(pipelineVersions.companyId, companyId), ne(pipelineVersions.status, "draft")));
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

/** The day after an inclusive YYYY-MM-DD end date, so `< next day` takes the whole of it. */
const dayAfter = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** Every filter as conditions (the visibility scope and the cursor are added by the callers). */
function filterConditions(
  input: DealListFilters,
  userId: string,
  limits: Map<string, Map<string, number>>,
  now: Date,
): SQL[] {
  const conditions: SQL[] = [];
  const q = input.search?.trim();
  if (q) conditions.push(searchCondition(q));
  if (input.pipelineId) conditions.push(eq(deals.pipelineId, input.pipelineId));
  if (input.stages?.length) conditions.push(inArray(deals.stage, input.stages));
  if (input.owner) conditions.push(eq(deals.ownerId, input.owner === "me" ? userId : input.owner));
  if (input.teamId) conditions.push(eq(deals.teamId, input.teamId));
  for (const key of OPTION_FILTERS) {
    const values = input[key];
    if (values?.length) conditions.push(inArray(sql`(${deals.fields}->>${sql.raw(`'${key}'`)})`, values));
  }
  if (input.priorities?.length) conditions.push(inArray(deals.priority, input.priorities));
  if (input.amountMin !== undefined) conditions.push(gte(deals.amount, input.amountMin));
  if (input.amountMax !== undefined) conditions.push(lte(deals.amount, input.amountMax));
  const close = sql`(${deals.fields}->>'expectedClose')`;
  if (input.closeFrom) conditions.push(sql`${close} >= ${input.closeFrom}`);
  if (input.closeTo) conditions.push(sql`${close} < ${dayAfter(input.closeTo)}`);
  for (const [column, from, to] of [
    [deals.createdAt, input.createdFrom, input.createdTo],
    [deals.updatedAt, input.updatedFrom, input.updatedTo],
  ] as const) {
    if (from) conditions.push(sql`${column} >= ${from}::timestamptz`);
    if (to) conditions.push(sql`${column} < ${dayAfter(to)}::timestamptz`);
  }
  if (input.overdue) conditions.push(overdueCondition(limits, now));
  if (input.versionIds?.length) conditions.push(inArray(deals.pipelineVersionId, input.versionIds));
  return conditions;
}

type SortSpec = {
  /** What the rows are ordered by. */
  expr: SQL | AnyPgColumn;
  /** The sort value as text, for the cursor. */
  text: SQL;
  /** The SQL type the cursor's text is cast back to. */
  cast: "text" | "numeric" | "int" | "timestamptz";
  nullable: boolean;
};

const timestampText = (column: AnyPgColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Stages in their pipeline's order: the position of "version:stage" in the company's stage list. */
function stageRank(order: string[]): SQL {
  if (order.length === 0) return sql`0`;
  return sql`coalesce(array_position(array[${sql.join(
    order.map((k) => sql`${k}`),
    sql`, `,
  )}]::text[], ${deals.pipelineVersionId}::text || ':' || ${deals.stage}), 999)`;
}

function sortSpec(key: SortKey, stageOrder: string[]): SortSpec {
  const close = sql`(${deals.fields}->>'expectedClose')`;
  switch (key) {
    case "title":
      return { expr: deals.title, text: sql`${deals.title}`, cast: "text", nullable: false };
    case "account":
      return { expr: deals.account, text: sql`${deals.account}`, cast: "text", nullable: false };
    case "amount":
      return { expr: deals.amount, text: sql`${deals.amount}::text`, cast: "numeric", nullable: true };
    case "stage": {
      const rank = stageRank(stageOrder);
      return { expr: rank, text: sql`(${rank})::text`, cast: "int", nullable: false };
    }
    case "priority":
      return { expr: deals.priority, text: sql`${deals.priority}`, cast: "text", nullable: true };
    case "expectedClose":
      return { expr: close, text: close, cast: "text", nullable: true };
    case "owner":
      return { expr: users.name, text: sql`${users.name}`, cast: "text", nullable: true };
    case "created":
      return {
        expr: deals.createdAt,
        text: timestampText(deals.createdAt),
        cast: "timestamptz",
        nullable: false,
      };
    case "updated":
      return {
        expr: deals.updatedAt,
        text: timestampText(deals.updatedAt),
        cast: "timestamptz",
        nullable: false,
      };
    // Groups the deals by the version they run on (pilot deals together), newest version first;
    // versions of one number in two pipelines each stay together (the list's group headers).
    case "version": {
      const expr = sql`(lpad(${pipelineVersions.number}::text, 9, '0') || ${deals.pipelineVersionId}::text) collate "C"`;
      return { expr, text: expr, cast: "text", nullable: false };
    }
  }
}

/**
 * Order and keyset condition for a sort. Deals without a value come last either way; ties are
 * broken by id in the sort's direction. Columns that always have a value use a row comparison
 * (one index range); the others spell out "after the cursor" with the nulls at the end.
 */
function keyset(spec: SortSpec, dir: "asc" | "desc", cursor: DealListInput["cursor"]) {
  const desc = dir === "desc";
  const order = spec.nullable
    ? [
        sql`${spec.expr} ${sql.raw(desc ? "desc" : "asc")} nulls last`,
        sql`${deals.id} ${sql.raw(desc ? "desc nulls last" : "asc")}`,
      ]
    : [
        sql`${spec.expr} ${sql.raw(desc ? "desc" : "asc")}`,
        sql`${deals.id} ${sql.raw(desc ? "desc" : "asc")}`,
      ];
  if (!cursor) return { order, after: undefined };
  const cmp = sql.raw(desc ? "<" : ">");
  const cast = sql.raw(spec.cast);
  let after: SQL;
  if (cursor.v === null) {
    after = and(sql`${spec.expr} is null`, sql`${deals.id} ${cmp} ${cursor.id}`)!;
  } else if (!spec.nullable) {
    after = sql`(${spec.expr}, ${deals.id}) ${cmp} (${cursor.v}::${cast}, ${cursor.id}::uuid)`;
  } else {
    after = or(
      sql`${spec.expr} ${cmp} ${cursor.v}::${cast}`,
      and(sql`${spec.expr} = ${cursor.v}::${cast}`, sql`${deals.id} ${cmp} ${cursor.id}`),
      sql`${spec.expr} is null`,
    )!;
  }
  return { order, after };
}

/** Every stage of the company's versions as "version:stage", in each pipeline's order. */
async function stageOrderOf(db: Db, companyId: string) {
  const versions = await db
    .select({ id: pipelineVersions.id, definition: pipelineVersions.definition })
    .from(pipelineVersions)
    .where(eq(pipelineVersions.companyId, companyId));
  const order: string[] = [];
  for (const v of versions) {
    for (const s of stagesOf(v.definition)) order.push(`${v.id}:${s.key}`);
    for (const n of v.definition.nodes) if (n.data.kind === "approval") order.push(`${v.id}:${n.data.key}`);
  }
  return order;
}

/**
 * Deals the member may see, narrowed by the filters, in the chosen order (most recently updated
 * first by default), a page at a time (keyset); each row says whether it is past its stage's
 * time limit.
 */
export async function listDeals(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: DealListInput,
  now = new Date(),
) {
  const sort = input.sort ?? { key: "updated", dir: "desc" };
  // Independent reads, side by side: each round trip counts at 100k deals.
  const [scope, limits, stageOrder] = await Promise.all([
    visibleDeals(db, company, userId),
    timeLimitsOf(db, company.id),
    sort.key === "stage" ? stageOrderOf(db, company.id) : Promise.resolve([]),
  ]);
  const spec = sortSpec(sort.key, stageOrder);
  const { order, after } = keyset(spec, sort.dir, input.cursor);
  const conditions = [scope, ...filterConditions(input, userId, limits, now)];
  if (after) conditions.push(after);
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
      pipelineId: deals.pipelineId,
      pipelineVersionId: deals.pipelineVersionId,
      /** The version's number and status: the list's "试点 v3 / Pilot v3" badge. */
      versionNumber: pipelineVersions.number,
      versionStatus: pipelineVersions.status,
      contact: sql<string | null>`${deals.fields}->>'contact'`,
      expectedClose: sql<string | null>`${deals.fields}->>'expectedClose'`,
      industry: sql<string | null>`${deals.fields}->>'industry'`,
      region: sql<string | null>`${deals.fields}->>'region'`,
      source: sql<string | null>`${deals.fields}->>'source'`,
      stageEnteredAt: deals.stageEnteredAt,
      createdAt: deals.createdAt,
      updatedAt: deals.updatedAt,
      cursorValue: sql<string | null>`${spec.text}`,
    })
    .from(deals)
    .leftJoin(users, eq(users.id, deals.ownerId))
    .leftJoin(teams, and(eq(teams.companyId, deals.companyId), eq(teams.id, deals.teamId)))
    .innerJoin(
      pipelineVersions,
      and(eq(pipelineVersions.companyId, deals.companyId), eq(pipelineVersions.id, deals.pipelineVersionId)),
    )
    .where(and(...conditions))
    .orderBy(...order)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > input.limit && last ? { v: last.cursorValue, id: last.id } : null;
  const stageNames = await stageNamesFor(db, company.id, [...new Set(page.map((r) => r.pipelineVersionId))]);
  return {
    items: page.map(({ cursorValue: _cursorValue, ...r }) => {
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

/** How many deals the member may see match the filters (what the list would show, all pages). */
export async function countDeals(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: DealListFilters,
  now = new Date(),
) {
  const [scope, limits] = await Promise.all([
    visibleDeals(db, company, userId),
    input.overdue ? timeLimitsOf(db, company.id) : Promise.resolve(new Map<string, Map<string, number>>()),
  ]);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(deals)
    .where(and(scope, ...filterConditions(input, userId, limits, now)));
  return { count: row?.n ?? 0 };
}

/**
 * The deals matching the list's filters grouped by the pipeline version they run on: each
 * version's number and status, how many deals and their total amount. The list sorted by version
 * shows these as its group headers.
 */
export async function versionGroups(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: DealListFilters,
  now = new Date(),
) {
  const [scope, limits] = await Promise.all([
    visibleDeals(db, company, userId),
    input.overdue ? timeLimitsOf(db, company.id) : Promise.resolve(new Map<string, Map<string, number>>()),
  ]);
  return db
    .select({
      versionId: deals.pipelineVersionId,
      number: pipelineVersions.number,
      status: pipelineVersions.status,
      pipelineName: pipelines.name,
      count: sql<number>`count(*)::int`,
      amount: sql<number>`coalesce(sum(${deals.amount}), 0)::float8`,
    })
    .from(deals)
    .innerJoin(
      pipelineVersions,
      and(eq(pipelineVersions.companyId, deals.companyId), eq(pipelineVersions.id, deals.pipelineVersionId)),
    )
    .innerJoin(pipelines, and(eq(pipelines.companyId, deals.companyId), eq(pipelines.id, deals.pipelineId)))
    .where(and(scope, ...filterConditions(input, userId, limits, now)))
    .groupBy(deals.pipelineVersionId, pipelineVersions.number, pipelineVersions.status, pipelines.name);
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

/**
 * The list's visibility scope and filters as conditions, for other readers of the same deals
 * (the server-side export), so an export holds exactly what the list shows.
 */
export async function dealListConditions(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: DealListFilters,
  now = new Date(),
): Promise<SQL[]> {
  const [scope, limits] = await Promise.all([
    visibleDeals(db, company, userId),
    input.overdue ? timeLimitsOf(db, company.id) : Promise.resolve(new Map<string, Map<string, number>>()),
  ]);
  return [scope, ...filterConditions(input, userId, limits, now)];
}
