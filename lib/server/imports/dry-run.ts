import type { Db } from "@/lib/server/db/client";
import type { CompanyScope } from "@/lib/server/api/context";
import { externalIdOf } from "@/lib/import/convert-row";
import { decideRow } from "@/lib/import/decide-row";
import type { RowError } from "@/lib/import/errors";
import type { ImportMapping } from "@/lib/import/mapping";
import { buildPlan, existingDeals, repeatsOf } from "./plan";
import { checkMapping, loadSetup } from "./setup";
import { importSheet, visibleImport } from "./records";

/** The most errors a dry run sends back; the counts cover all of them. */
export const DRY_RUN_ERRORS = 5000;

export type DryRunResult = {
  rows: number;
  creates: number;
  updates: number;
  failed: number;
  /** Every failing row's errors (the first DRY_RUN_ERRORS), in row order. */
  errors: RowError[];
  errorCount: number;
};

/**
 * What the import would do with this mapping, row by row, without writing anything: how many
 * deals it would create and update, and every row that would fail and why.
 */
export async function dryRun(
  db: Db,
  company: CompanyScope,
  userId: string,
  importId: string,
  mapping: ImportMapping,
  now = new Date(),
): Promise<DryRunResult> {
  const record = await visibleImport(db, company, userId, importId);
  const sheet = await importSheet(db, company.id, importId);
  const setup = await loadSetup(db, company, userId, record.pipelineId);
  checkMapping(setup, sheet.headers, mapping);
  const plan = buildPlan(setup, sheet, mapping, now);
  const repeats = repeatsOf(sheet, mapping);
  const ids = sheet.rows.map((r) => externalIdOf(r, mapping.columns)).filter((id): id is string => !!id);
  const existing = await existingDeals(db, setup, userId, ids);
  const result: DryRunResult = {
    rows: sheet.rows.length,
    creates: 0,
    updates: 0,
    failed: 0,
    errors: [],
    errorCount: 0,
  };
  for (const row of sheet.rows) {
    const decision = decideRow(row, plan, existing, repeats);
    if (decision.kind === "create") result.creates++;
    else if (decision.kind === "update") result.updates++;
    else {
      result.failed++;
      result.errorCount += decision.errors.length;
      for (const e of decision.errors) if (result.errors.length < DRY_RUN_ERRORS) result.errors.push(e);
    }
  }
  return result;
}
