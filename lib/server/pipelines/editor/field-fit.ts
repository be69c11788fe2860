import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { deals, pipelines, type DealFieldValue } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { COLUMN_FIELDS } from "@/lib/server/deals/values";
import type { FieldDef } from "@/workflows/definition/schema";
import { validateValues } from "@/workflows/definition/validate-values";

const MAX_EXAMPLES = 5;

/**
 * Would the pipeline's deals still fit a field if it were changed to `field` (retyped, options
 * removed, a narrower range)? Counts the deals (all of the pipeline's, whatever version they
 * run on), those holding a value for the field, and those whose value would not fit, with a
 * few examples to show.
 */
export async function fieldFit(db: Db, companyId: string, pipelineId: string, field: FieldDef) {
  const [pipeline] = await db
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(and(eq(pipelines.companyId, companyId), eq(pipelines.id, pipelineId)));
  if (!pipeline) throw appError("NOT_FOUND", "pipelineNotFound");

  const column = (COLUMN_FIELDS as readonly string[]).includes(field.key)
    ? deals[field.key as (typeof COLUMN_FIELDS)[number]]
    : null;
  const rows = await db
    .select({
      dealId: deals.id,
      title: deals.title,
      value: column ?? sql<DealFieldValue>`${deals.fields} -> ${field.key}`,
    })
    .from(deals)
    .where(and(eq(deals.companyId, companyId), eq(deals.pipelineId, pipelineId)))
    .orderBy(asc(deals.createdAt), asc(deals.id));

  let withValue = 0;
  const misfits: { dealId: string; title: string; value: DealFieldValue }[] = [];
  for (const row of rows) {
    const value = (row.value ?? null) as DealFieldValue;
    if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) continue;
    withValue++;
    if (validateValues([field], { [field.key]: value }).length > 0) misfits.push({ ...row, value });
  }
  return {
    deals: rows.length,
    withValue,
    misfits: misfits.length,
    examples: misfits.slice(0, MAX_EXAMPLES),
  };
}
