import { z } from "zod";
import { IMPORT_CURRENCIES } from "./amounts";
import { normalizeHeader, normalizeValue } from "./text";

export const MAX_COLUMNS = 300;

/** A target: a special "@" key (see targets.ts) or a pipeline field key. */
export const TargetKey = z.string().regex(/^(@[a-zA-Z]{1,30}|[a-z][a-zA-Z0-9_]{0,63})$/);

/**
 * For each target whose values are matched (stage, owner, select, multi-select and user fields):
 * the file's value (as `valueKey` folds it) → the stage key, user id or option value it stands
 * for; null means "leave empty" (for the stage: the pipeline's first stage; for the owner: the
 * pipeline's assignment rule decides). A value missing here is an error on its rows.
 */
export const ValueMaps = z.record(TargetKey, z.record(z.string().max(500), z.string().max(100).nullable()));
export type ValueMaps = z.infer<typeof ValueMaps>;

/** How one uploaded sheet becomes deals: what each column fills, what each value means. */
export const ImportMapping = z.object({
  /** The target of each column, by position; null skips the column. */
  columns: z.array(TargetKey.nullable()).max(MAX_COLUMNS),
  values: ValueMaps.default({}),
  /** How 3/1/2024 reads: month first (default) or day first. */
  dateOrder: z.enum(["mdy", "dmy"]).default("mdy"),
  /** The currency of amounts when neither a currency column nor a mark (¥, $) says. */
  currency: z.enum(IMPORT_CURRENCIES).default("CNY"),
});
export type ImportMapping = z.infer<typeof ImportMapping>;

/**
 * A saved mapping, reusable with the next file of the same shape: targets by header name (as
 * `normalizeHeader` folds it) rather than by position, and the value maps as they were.
 */
export const MappingPreset = z.object({
  columns: z.record(z.string().max(200), TargetKey),
  values: ValueMaps.default({}),
  dateOrder: z.enum(["mdy", "dmy"]).default("mdy"),
  currency: z.enum(IMPORT_CURRENCIES).default("CNY"),
});
export type MappingPreset = z.infer<typeof MappingPreset>;

/** The key a file's value is mapped under: case, spaces and full-width letters folded. */
export const valueKey = (raw: string) => normalizeValue(raw).slice(0, 500);

/** A mapping saved for reuse: column targets keyed by header name. */
export function toPreset(headers: string[], mapping: ImportMapping): MappingPreset {
  const columns: Record<string, string> = {};
  mapping.columns.forEach((target, i) => {
    const h = normalizeHeader(headers[i] ?? "");
    if (target && h && !(h in columns)) columns[h] = target;
  });
  return { columns, values: mapping.values, dateOrder: mapping.dateOrder, currency: mapping.currency };
}

/** A saved mapping applied to a sheet's headers; targets the pipeline lacks are dropped. */
export function fromPreset(headers: string[], preset: MappingPreset, known: Set<string>): ImportMapping {
  const used = new Set<string>();
  const columns = headers.map((h) => {
    const target = preset.columns[normalizeHeader(h)];
    if (!target || !known.has(target) || used.has(target)) return null;
    used.add(target);
    return target;
  });
  const values = Object.fromEntries(Object.entries(preset.values).filter(([k]) => known.has(k)));
  return { columns, values, dateOrder: preset.dateOrder, currency: preset.currency };
}
