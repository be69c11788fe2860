import { aliasedTable, and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { pipelines, pipelineVersions, users } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";

export type Person = { id: string; name: string } | null;

export const creator = aliasedTable(users, "creator");
export const updater = aliasedTable(users, "updater");

/** A person column pair (id, name) as `{ id, name } | null`. */
export const person = (id: string | null, name: string | null): Person =>
  id && name ? { id, name } : id ? { id, name: "" } : null;

/** The pipeline of the company, locked for the rest of the transaction (serializes publishes and new drafts). */
export async function lockPipeline(tx: Tx, companyId: string, pipelineId: string) {
  const [row] = await tx
    .select()
    .from(pipelines)
    .where(and(eq(pipelines.companyId, companyId), eq(pipelines.id, pipelineId)))
    .for("update");
  if (!row) throw appError("NOT_FOUND", "pipelineNotFound");
  return row;
}

/** A version of the company, or NOT_FOUND. `lock` takes its row lock (SELECT … FOR UPDATE). */
export async function findVersion(db: Db | Tx, companyId: string, versionId: string, lock = false) {
  const query = db
    .select()
    .from(pipelineVersions)
    .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.id, versionId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw appError("NOT_FOUND", "versionNotFound");
  return row;
}

/** "2026-11-26 09:05 UTC": when someone saved, in a form both languages read. */
export const stamp = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
