import { and, asc, eq, gte, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { deals, pipelines, pipelineVersions, users } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { stagesOf } from "@/lib/server/pipelines/list";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { stageTimeLimits } from "@/workflows/runtime";
import type { LocalizedText, PipelineDefinition } from "@/workflows/definition/schema";
import { visibleDeals } from "./visibility";

const DAY = 86_400_000;
/** Closed deals stay on the board this long after closing. */
export const CLOSED_WINDOW_DAYS = 30;

export type BoardColumn = {
  key: string;
  name: LocalizedText;
  kind: "stage" | "approval";
  outcome: "open" | "won" | "lost";
  probability: number;
  count: number;
  amount: number;
  weightedAmount: number;
  /**
   * Set on a column that is not a stage of the published version: the numbers of the versions
   * (pilot or retired) whose deals sit in it, so their cards are not hidden.
   */
  onlyIn?: number[];
};

export type BoardCard = {
  id: string;
  title: string;
  account: string;
  amount: number | null;
  currency: string;
  priority: string | null;
  ownerName: string | null;
  stage: string;
  daysInStage: number;
  overdue: boolean;
  version: number;
  /** The pipeline version the deal runs on: its number, and whether it is a pilot version (badge). */
  versionNumber: number;
  pilot: boolean;
};

/** The stage time limits (ms) of a version, by stage key. */
async function timeLimits(db: Db, companyId: string, versionId: string) {
  return stageTimeLimits((await loadProgram(db, companyId, versionId)).compiled);
}

/** A version deals on the board run on, with how many. */
export type BoardVersion = {
  id: string;
  number: number;
  status: "draft" | "pilot" | "published" | "retired";
  count: number;
};

type Column = Omit<BoardColumn, "count" | "amount" | "weightedAmount">;

/** A version's stages as columns (open stages, then won and lost) and its approval nodes. */
function columnsOf(definition: PipelineDefinition) {
  const stages = stagesOf(definition);
  const nodes = new Map(definition.nodes.map((n) => [n.id, n]));
  const probabilityOf = new Map(stages.map((s) => [s.key, s.probability]));
  // A deal waiting for approval is weighted as the stage an approval leads to.
  const approvals: Column[] = definition.nodes.flatMap((n) => {
    if (n.data.kind !== "approval") return [];
    const approved = definition.edges.find((e) => e.source === n.id && e.branch === "approve");
    const next = approved ? nodes.get(approved.target)?.data.key : undefined;
    const probability = (next && probabilityOf.get(next)) || 0;
    return [
      {
        key: n.data.key,
        name: n.data.name,
        probability,
        kind: "approval" as const,
        outcome: "open" as const,
      },
    ];
  });
  const asColumn = (s: (typeof stages)[number]): Column => ({ ...s, kind: "stage" });
  return {
    open: stages.filter((s) => s.outcome === "open").map(asColumn),
    approvals,
    closed: stages.filter((s) => s.outcome !== "open").map(asColumn),
  };
}

/**
 * The board of a pipeline (the company's default one when none is named): a column per stage
 * of its running version (open stages, then won and lost), plus approval nodes deals wait in;
 * the deals the member may see that are open or closed in the last 30 days, and per column the
 * count, total and weighted amount. A deal on a pilot or retired version whose stage the
 * published version does not have gets a column of its own after the published ones (marked
 * with the versions it comes from), so no deal the member may see is left off the board.
 * `versions` counts the deals on the board by the version they run on; `versionId` keeps only
 * the deals of one of them (the board of a pilot, say). `perColumn` caps the cards sent per column (the oldest in
 * their stage first); the figures count every deal.
 */
export async function getBoard(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: { pipelineId?: string; versionId?: string; perColumn?: number } = {},
  now = new Date(),
) {
  const [pipeline] = await db
    .select({ id: pipelines.id, name: pipelines.name })
    .from(pipelines)
    .where(
      and(
        eq(pipelines.companyId, company.id),
        input.pipelineId ? eq(pipelines.id, input.pipelineId) : eq(pipelines.isDefault, true),
      ),
    )
    .orderBy(asc(pipelines.createdAt))
    .limit(1);
  if (!pipeline) throw appError("NOT_FOUND", "pipelineNotFound");
  const [version] = await db
    .select({
      id: pipelineVersions.id,
      number: pipelineVersions.number,
      definition: pipelineVersions.definition,
    })
    .from(pipelineVersions)
    .where(
      and(
        eq(pipelineVersions.companyId, company.id),
        eq(pipelineVersions.pipelineId, pipeline.id),
        eq(pipelineVersions.status, "published"),
      ),
    )
    .limit(1);
  if (!version)
    return {
      pipeline,
      version: null,
      versions: [] as BoardVersion[],
      columns: [] as BoardColumn[],
      cards: [] as BoardCard[],
    };

  const scope = await visibleDeals(db, company, userId);
  const closedSince = new Date(now.getTime() - CLOSED_WINDOW_DAYS * DAY);
  const all = await db
    .select({
      id: deals.id,
      title: deals.title,
      account: deals.account,
      amount: deals.amount,
      currency: deals.currency,
      priority: deals.priority,
      ownerName: users.name,
      stage: deals.stage,
      stageEnteredAt: deals.stageEnteredAt,
      closedAt: deals.closedAt,
      version: deals.version,
      pipelineVersionId: deals.pipelineVersionId,
      versionNumber: pipelineVersions.number,
      versionStatus: pipelineVersions.status,
    })
    .from(deals)
    .innerJoin(
      pipelineVersions,
      and(eq(pipelineVersions.companyId, deals.companyId), eq(pipelineVersions.id, deals.pipelineVersionId)),
    )
    .leftJoin(users, eq(users.id, deals.ownerId))
    .where(
      and(
        scope,
        eq(deals.pipelineId, pipeline.id),
        or(isNull(deals.closedAt), gte(deals.closedAt, closedSince)),
      ),
    )
    .orderBy(asc(deals.stageEnteredAt), asc(deals.id));
  const counted = new Map<string, BoardVersion>();
  for (const r of all) {
    const seen = counted.get(r.pipelineVersionId);
    if (seen) seen.count += 1;
    else
      counted.set(r.pipelineVersionId, {
        id: r.pipelineVersionId,
        number: r.versionNumber,
        status: r.versionStatus,
        count: 1,
      });
  }
  const versions = [...counted.values()].sort((a, b) => b.number - a.number);
  const rows = input.versionId ? all.filter((r) => r.pipelineVersionId === input.versionId) : all;

  const published = columnsOf(version.definition);
  const publishedKeys = new Set(
    [...published.open, ...published.approvals, ...published.closed].map((c) => c.key),
  );
  // Stages only other versions have (a pilot's new stage, a retired version's old one).
  const otherIds = [...new Set(rows.map((r) => r.pipelineVersionId))].filter((id) => id !== version.id);
  const others = otherIds.length
    ? await db
        .select({ number: pipelineVersions.number, definition: pipelineVersions.definition })
        .from(pipelineVersions)
        .where(and(eq(pipelineVersions.companyId, company.id), inArray(pipelineVersions.id, otherIds)))
        .orderBy(asc(pipelineVersions.number))
    : [];
  const extra = {
    open: new Map<string, Column>(),
    approvals: new Map<string, Column>(),
    closed: new Map<string, Column>(),
  };
  for (const other of others) {
    const cols = columnsOf(other.definition);
    for (const part of ["open", "approvals", "closed"] as const) {
      for (const col of cols[part]) {
        if (publishedKeys.has(col.key)) continue;
        const seen = extra.open.get(col.key) ?? extra.approvals.get(col.key) ?? extra.closed.get(col.key);
        if (seen) seen.onlyIn = [...(seen.onlyIn ?? []), other.number];
        else extra[part].set(col.key, { ...col, onlyIn: [other.number] });
      }
    }
  }
  const outcomeOf = new Map(
    [...published.open, ...published.closed, ...extra.open.values(), ...extra.closed.values()].map((c) => [
      c.key,
      c.outcome,
    ]),
  );
  // Deals on older versions share the stage keys; each version's own time limits decide overdue.
  const limits = new Map<string, Map<string, number>>();
  for (const id of new Set(rows.map((r) => r.pipelineVersionId))) {
    limits.set(id, await timeLimits(db, company.id, id));
  }
  const cards: BoardCard[] = rows.map((r) => {
    const limit = limits.get(r.pipelineVersionId)?.get(r.stage);
    const outcome = outcomeOf.get(r.stage) ?? "open";
    return {
      id: r.id,
      title: r.title,
      account: r.account,
      amount: r.amount,
      currency: r.currency,
      priority: r.priority,
      ownerName: r.ownerName,
      stage: r.stage,
      daysInStage: Math.max(0, Math.floor((now.getTime() - r.stageEnteredAt.getTime()) / DAY)),
      overdue:
        limit !== undefined && outcome === "open" && r.stageEnteredAt.getTime() < now.getTime() - limit,
      version: r.version,
      versionNumber: r.versionNumber,
      pilot: r.versionStatus === "pilot",
    };
  });

  const occupied = (col: Column) => cards.some((c) => c.stage === col.key);
  const columns: BoardColumn[] = [
    ...published.open,
    ...[...extra.open.values()].filter(occupied),
    ...published.approvals.filter(occupied),
    ...[...extra.approvals.values()].filter(occupied),
    ...published.closed,
    ...[...extra.closed.values()].filter(occupied),
  ].map((col) => {
    const mine = cards.filter((c) => c.stage === col.key);
    const amount = mine.reduce((sum, c) => sum + (c.amount ?? 0), 0);
    return { ...col, count: mine.length, amount, weightedAmount: (amount * col.probability) / 100 };
  });
  // A long column sends its first cards only (its figures above still count them all).
  const keys = new Set(columns.map((col) => col.key));
  const sent = new Map<string, number>();
  const shown = cards.filter((c) => {
    if (!keys.has(c.stage)) return false;
    const n = (sent.get(c.stage) ?? 0) + 1;
    sent.set(c.stage, n);
    return input.perColumn === undefined || n <= input.perColumn;
  });
  return { pipeline, version: { id: version.id, number: version.number }, versions, columns, cards: shown };
}

export type Board = Awaited<ReturnType<typeof getBoard>>;
