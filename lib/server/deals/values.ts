import type { DealFields } from "@/lib/server/db/schema";
import type { DealValues } from "@/workflows/rules";

/** Fields kept in columns of their own (lists sort and search on them). */
export const COLUMN_FIELDS = ["title", "account", "amount"] as const;

type DealRowValues = { title: string; account: string; amount: number | null; fields: DealFields };

/** All of a deal's values, columns and the jsonb fields alike, as the rules see them. */
export function dealValues(deal: DealRowValues): DealValues {
  return { ...deal.fields, title: deal.title, account: deal.account, amount: deal.amount };
}

/** Splits values back into the columns and the jsonb fields. */
export function splitValues(values: DealValues): DealRowValues {
  const { title, account, amount, ...rest } = values;
  const fields: DealFields = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) fields[k] = v;
  return {
    title: typeof title === "string" ? title : "",
    account: typeof account === "string" ? account : "",
    amount: typeof amount === "number" ? amount : null,
    fields,
  };
}

/** Field changes old → new, for the event log. */
export function diffValues(
  before: DealValues,
  after: DealValues,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = { from: a, to: b };
  }
  return changes;
}
