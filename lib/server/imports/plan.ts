import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { deals } from "@/lib/server/db/schema";
import { visibleDeals } from "@/lib/server/deals/visibility";
import type { Sheet } from "@/lib/import/cells";
import { externalIdOf, repeatedExternalIds } from "@/lib/import/convert-row";
import type { DecideContext, ExistingDeal } from "@/lib/import/decide-row";
import type { ImportMapping } from "@/lib/import/mapping";
import type { ImportSetup } from "./setup";

const HOUR = 3_600_000;

/**
 * "Today" for refusing dates in the future: the date it already is somewhere on Earth (UTC+14),
 * so a deal closed today anywhere is never refused.
 */
export const latestToday = (now: Date) => new Date(now.getTime() + 14 * HOUR).toISOString().slice(0, 10);

/** A day of the file as a moment: noon UTC, the same calendar day from UTC-11 to UTC+11. */
export const dayAt = (day: string) => new Date(`${day}T12:00:00.000Z`);

/** How the rows of a sheet are read and checked with a mapping (the dry run and the job share it). */
export function buildPlan(
  setup: ImportSetup,
  sheet: Sheet,
  mapping: ImportMapping,
  now: Date,
): DecideContext {
  return {
    convert: {
      headers: sheet.headers,
      columns: mapping.columns,
      targets: new Map(setup.targets.map((t) => [t.key, t])),
      values: mapping.values,
      dateOrder: mapping.dateOrder,
      currency: mapping.currency,
    },
    newDeal: {
      fields: setup.fields,
      columns: mapping.columns,
      headers: sheet.headers,
      stages: new Map(setup.stages.map((s) => [s.key, s])),
      today: latestToday(now),
    },
    pipelineId: setup.pipelineId,
    pipelineNames: setup.pipelineNames,
    owners: setup.owners,
  };
}

/** Rows repeating an earlier row's external id, over the whole sheet. */
export function repeatsOf(sheet: Sheet, mapping: ImportMapping) {
  return repeatedExternalIds(sheet.rows.map((r) => ({ n: r.n, id: externalIdOf(r, mapping.columns) })));
}

const LOOKUP_CHUNK = 5000;

/** The company's deals with these external ids, and whether the importer sees each. */
export async function existingDeals(
  db: Db | Tx,
  setup: ImportSetup,
  userId: string,
  externalIds: string[],
): Promise<Map<string, ExistingDeal>> {
  const found = new Map<string, ExistingDeal>();
  const ids = [...new Set(externalIds)];
  if (ids.length === 0) return found;
  const visible = await visibleDeals(db, setup.company, userId);
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    const rows = await db
      .select({
        id: deals.id,
        externalId: deals.externalId,
        pipelineId: deals.pipelineId,
        stage: deals.stage,
        version: deals.version,
        visible: sql<boolean>`coalesce(${visible}, false)`,
      })
      .from(deals)
      .where(
        and(eq(deals.companyId, setup.company.id), inArray(deals.externalId, ids.slice(i, i + LOOKUP_CHUNK))),
      );
    for (const r of rows) found.set(r.externalId!, { ...r, externalId: r.externalId! });
  }
  return found;
}
