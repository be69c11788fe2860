import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { imports, pipelines, users } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { cachedSheet, readSheet } from "./read-file";

/** An import's row without its file. */
export const importColumns = {
  id: imports.id,
  pipelineId: imports.pipelineId,
  createdBy: imports.createdBy,
  fileName: imports.fileName,
  format: imports.format,
  encoding: imports.encoding,
  byteSize: imports.byteSize,
  headers: imports.headers,
  rowCount: imports.rowCount,
  mapping: imports.mapping,
  status: imports.status,
  cursor: imports.cursor,
  created: imports.created,
  updated: imports.updated,
  failed: imports.failed,
  failure: imports.failure,
  startedAt: imports.startedAt,
  finishedAt: imports.finishedAt,
  createdAt: imports.createdAt,
  updatedAt: imports.updatedAt,
};

/** Admins see every import of the company; managers the ones they uploaded. */
function scope(company: CompanyScope, userId: string) {
  const inCompany = eq(imports.companyId, company.id);
  return company.role === "admin" ? inCompany : and(inCompany, eq(imports.createdBy, userId))!;
}

/** An import the member may see, else NOT_FOUND (another company's too). */
export async function visibleImport(db: Db | Tx, company: CompanyScope, userId: string, importId: string) {
  const [row] = await db
    .select(importColumns)
    .from(imports)
    .where(and(scope(company, userId), eq(imports.id, importId)));
  if (!row) throw appError("NOT_FOUND", "importNotFound");
  return row;
}

/** The sheet of an import's file (read once per process). */
export function importSheet(db: Db | Tx, companyId: string, importId: string) {
  return cachedSheet(importId, async () => {
    const [row] = await db
      .select({ file: imports.file })
      .from(imports)
      .where(and(eq(imports.companyId, companyId), eq(imports.id, importId)));
    if (!row) throw appError("NOT_FOUND", "importNotFound");
    return new Uint8Array(row.file);
  });
}

/** Stores an upload for a pipeline, once it reads as a sheet with a header row. */
export async function createImport(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: { pipelineId: string; fileName: string; bytes: Uint8Array },
) {
  const [pipeline] = await db
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(and(eq(pipelines.companyId, company.id), eq(pipelines.id, input.pipelineId)));
  if (!pipeline) throw appError("NOT_FOUND", "pipelineNotFound");
  const sheet = await readSheet(input.bytes);
  const [row] = await db
    .insert(imports)
    .values({
      companyId: company.id,
      pipelineId: input.pipelineId,
      createdBy: userId,
      fileName: input.fileName,
      format: sheet.format,
      encoding: sheet.encoding,
      byteSize: input.bytes.byteLength,
      file: Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength),
      headers: sheet.headers,
      rowCount: sheet.rows.length,
    })
    .returning({ id: imports.id });
  return { importId: row!.id, rows: sheet.rows.length, format: sheet.format, encoding: sheet.encoding };
}

/** The member's recent imports, newest first, with who uploaded each. */
export async function listImports(db: Db, company: CompanyScope, userId: string) {
  return db
    .select({
      id: imports.id,
      pipelineId: imports.pipelineId,
      pipelineName: pipelines.name,
      fileName: imports.fileName,
      rowCount: imports.rowCount,
      status: imports.status,
      cursor: imports.cursor,
      created: imports.created,
      updated: imports.updated,
      failed: imports.failed,
      createdAt: imports.createdAt,
      finishedAt: imports.finishedAt,
      createdByName: users.name,
    })
    .from(imports)
    .innerJoin(
      pipelines,
      and(eq(pipelines.companyId, imports.companyId), eq(pipelines.id, imports.pipelineId)),
    )
    .innerJoin(users, eq(users.id, imports.createdBy))
    .where(scope(company, userId))
    .orderBy(desc(imports.createdAt))
    .limit(50);
}

/** A running import whose last batch is older than this has stalled (its worker stopped). */
export const STALLED_AFTER_MS = 2 * 60_000;

/** Where an import stands, for the progress bar. */
export async function importProgress(
  db: Db,
  company: CompanyScope,
  userId: string,
  importId: string,
  now = new Date(),
) {
  const r = await visibleImport(db, company, userId, importId);
  const stalled =
    (r.status === "running" || r.status === "queued") &&
    now.getTime() - r.updatedAt.getTime() > STALLED_AFTER_MS;
  return {
    status: r.status,
    processed: r.cursor,
    total: r.rowCount,
    created: r.created,
    updated: r.updated,
    failed: r.failed,
    failure: r.failure,
    stalled,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}
