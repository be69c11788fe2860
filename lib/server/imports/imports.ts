import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { importErrors, imports } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { enqueueImport } from "@/lib/server/jobs/imports";
import { collectValues } from "@/lib/import/collect-values";
import type { RowError } from "@/lib/import/errors";
import type { ImportMapping } from "@/lib/import/mapping";
import { suggestColumns } from "@/lib/import/suggest-columns";
import { suggestValue, type ValueCandidate } from "@/lib/import/suggest-values";
import type { ImportTarget } from "@/lib/import/targets";
import type { LocalizedText } from "@/workflows/definition/schema";
import { importSheet, visibleImport } from "./records";
import { STALLED_AFTER_MS } from "./records";
import { checkMapping, loadSetup, valueCandidates } from "./setup";

const SAMPLE_ROWS = 5;

/**
 * An uploaded import as the wizard opens it: the file's headers with a few sample rows, the
 * targets of its pipeline (the company's custom fields among them) and a suggestion per header.
 */
export async function getImport(db: Db, company: CompanyScope, userId: string, importId: string) {
  const record = await visibleImport(db, company, userId, importId);
  const sheet = await importSheet(db, company.id, importId);
  const setup = await loadSetup(db, company, userId, record.pipelineId);
  return {
    import: record,
    pipelineName: setup.pipelineName,
    sample: sheet.rows.slice(0, SAMPLE_ROWS).map((r) => ({ n: r.n, cells: r.cells })),
    targets: setup.targets.map((t) => ({
      key: t.key,
      label: t.label,
      kind: t.kind,
      type: t.field?.type ?? null,
      required: t.field?.requiredAtCreation ?? false,
      mapsValues: t.mapsValues,
    })),
    suggestions: suggestColumns(sheet.headers, setup.targets),
  };
}

/** How a choice reads in the wizard: a stage's or option's name, a person's name and e-mail. */
function candidateLabel(target: ImportTarget, c: ValueCandidate): LocalizedText {
  if (target.kind === "owner" || target.field?.type === "user") {
    const text = `${c.names[1]} · ${c.names[0]}`;
    return { zh: text, en: text };
  }
  return { zh: c.names[1] ?? c.value, en: c.names[2] ?? c.value };
}

/**
 * The values of each value-mapped column (stage, owner, select, multi-select, user fields), with
 * what each could stand for and the most likely choice, for the user to confirm or change.
 */
export async function analyzeValues(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: { importId: string; columns: (string | null)[] },
) {
  const record = await visibleImport(db, company, userId, input.importId);
  const sheet = await importSheet(db, company.id, input.importId);
  const setup = await loadSetup(db, company, userId, record.pipelineId);
  const targets = new Map(setup.targets.map((t) => [t.key, t]));
  return input.columns.flatMap((key, column) => {
    const target = key ? targets.get(key) : undefined;
    if (!target?.mapsValues || column >= sheet.headers.length) return [];
    const candidates = valueCandidates(setup, target);
    const { groups, more } = collectValues(sheet.rows, column, target.field?.type === "multiSelect");
    return [
      {
        target: target.key,
        column,
        header: sheet.headers[column] ?? "",
        candidates: candidates.map((c) => ({ value: c.value, label: candidateLabel(target, c) })),
        values: groups.map((g) => ({ ...g, suggestion: suggestValue(g.raw, candidates) })),
        more,
      },
    ];
  });
}

/**
 * Starts an import with its mapping: fixed on the import, then the job is enqueued in the same
 * transaction. Only a draft starts (a second click, or a second person, gets CONFLICT).
 */
export async function startImport(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: { importId: string; mapping: ImportMapping },
) {
  const record = await visibleImport(db, company, userId, input.importId);
  const sheet = await importSheet(db, company.id, input.importId);
  const setup = await loadSetup(db, company, userId, record.pipelineId);
  checkMapping(setup, sheet.headers, input.mapping);
  await db.transaction(async (tx) => {
    const [started] = await tx
      .update(imports)
      .set({ status: "queued", mapping: input.mapping, updatedAt: sql`now()` })
      .where(and(eq(imports.companyId, company.id), eq(imports.id, record.id), eq(imports.status, "draft")))
      .returning({ id: imports.id });
    if (!started) throw appError("CONFLICT", "importAlreadyStarted");
    await enqueueImport(tx, { companyId: company.id, importId: record.id });
  });
  return { status: "queued" as const };
}

/** Stops an import at its next batch; what was committed stays. */
export async function cancelImport(db: Db, company: CompanyScope, userId: string, importId: string) {
  const record = await visibleImport(db, company, userId, importId);
  const [row] = await db
    .update(imports)
    .set({ status: "cancelled", finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(imports.companyId, company.id),
        eq(imports.id, record.id),
        inArray(imports.status, ["draft", "queued", "running"]),
      ),
    )
    .returning({ status: imports.status });
  if (!row) throw appError("CONFLICT", "importFinished");
  return { status: row.status };
}

/** Enqueues a stalled import again (its worker stopped); it continues at its cursor. */
export async function resumeImport(
  db: Db,
  company: CompanyScope,
  userId: string,
  importId: string,
  now = new Date(),
) {
  const record = await visibleImport(db, company, userId, importId);
  if (record.status !== "queued" && record.status !== "running") throw appError("CONFLICT", "importFinished");
  if (now.getTime() - record.updatedAt.getTime() <= STALLED_AFTER_MS)
    throw appError("CONFLICT", "importNotStalled");
  await enqueueImport(db, { companyId: company.id, importId: record.id });
  return { status: record.status };
}

/** Every error an import recorded, in row order, for the report. */
export async function importErrorList(db: Db, company: CompanyScope, userId: string, importId: string) {
  const record = await visibleImport(db, company, userId, importId);
  const rows = await db
    .select({
      row: importErrors.row,
      column: importErrors.column,
      header: importErrors.header,
      value: importErrors.value,
      code: importErrors.code,
      values: importErrors.values,
    })
    .from(importErrors)
    .where(and(eq(importErrors.companyId, company.id), eq(importErrors.importId, record.id)))
    .orderBy(asc(importErrors.row), asc(importErrors.id));
  return {
    fileName: record.fileName,
    errors: rows.map((r): RowError => ({ ...r, values: r.values ?? undefined })),
  };
}
