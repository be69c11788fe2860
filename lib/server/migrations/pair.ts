import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { deals } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { findVersion } from "@/lib/server/pipelines/editor/shared";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { migrationStates, type MigrationState } from "@/workflows/versions/migration-mapping";
import type { VersionStatus } from "@/workflows/versions/lifecycle";

/*
 * The two versions of a migration, loaded and checked once for the plan, the dry run, the start
 * and the job. (No "server-only" here: the job worker imports this outside Next.js.)
 */

export type PairSide = Awaited<ReturnType<typeof loadSide>>;

async function loadSide(db: Db | Tx, companyId: string, versionId: string) {
  const row = await findVersion(db, companyId, versionId);
  const program = await loadProgram(db, companyId, versionId);
  return {
    id: row.id,
    number: row.number,
    status: row.status as VersionStatus,
    pipelineId: row.pipelineId,
    program,
    states: migrationStates(program.definition),
  };
}

/**
 * The old and new version of a migration, both of the company and of one pipeline. The old one
 * has run deals (it is no draft); the new one is one of `targets` (published for a migration,
 * a pilot too for the dialog that plans a rollout).
 */
export async function loadPair(
  db: Db | Tx,
  companyId: string,
  input: { fromVersionId: string; toVersionId: string },
  targets: readonly VersionStatus[] = ["published"],
) {
  if (input.fromVersionId === input.toVersionId) throw appError("BAD_REQUEST", "migrations.sameVersion");
  const fromRow = await findVersion(db, companyId, input.fromVersionId);
  const toRow = await findVersion(db, companyId, input.toVersionId);
  if (fromRow.pipelineId !== toRow.pipelineId) throw appError("BAD_REQUEST", "migrations.otherPipeline");
  if (fromRow.status === "draft")
    throw appError("BAD_REQUEST", "migrations.fromDraft", { number: fromRow.number });
  if (!targets.includes(toRow.status as VersionStatus))
    throw appError("BAD_REQUEST", "migrations.targetNotLive", { number: toRow.number });
  const [from, to] = await Promise.all([
    loadSide(db, companyId, fromRow.id),
    loadSide(db, companyId, toRow.id),
  ]);
  return { pipelineId: fromRow.pipelineId, from, to };
}

export type Pair = Awaited<ReturnType<typeof loadPair>>;

/**
 * The open deals of a version a migration takes: not closed, resting in an open stage or an
 * approval of it (a row whose stage the version does not know is left alone).
 */
export function openDealsOf(companyId: string, versionId: string, states: readonly MigrationState[]) {
  return and(
    eq(deals.companyId, companyId),
    eq(deals.pipelineVersionId, versionId),
    isNull(deals.closedAt),
    inArray(
      deals.stage,
      states.map((s) => s.key),
    ),
  )!;
}

/** How many open deals of the old version rest in each of its states. */
export async function openCounts(db: Db | Tx, companyId: string, from: PairSide) {
  if (from.states.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ stage: deals.stage, n: sql<number>`count(*)::int` })
    .from(deals)
    .where(openDealsOf(companyId, from.id, from.states))
    .groupBy(deals.stage);
  return new Map(rows.map((r) => [r.stage, r.n]));
}

/** A state's name by key, for messages: "Needs analysis" / "需求分析". */
export const stateNames = (states: readonly MigrationState[], keys: readonly string[], locale: "zh" | "en") =>
  keys.map((k) => states.find((s) => s.key === k)?.name[locale] ?? k);
