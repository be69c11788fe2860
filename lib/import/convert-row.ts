import type { FieldDef, LocalizedText } from "@/workflows/definition/schema";
import { parseAmount, parseCurrency, parseNumber, type ImportCurrency } from "./amounts";
import { parseBoolean, splitMulti } from "./booleans";
import { cellText, type Cell, type SheetRow } from "./cells";
import { parseDate, type DateOrder } from "./dates";
import type { CellError, ImportErrorCode, Parsed, RowError } from "./errors";
import { valueKey, type ValueMaps } from "./mapping";
import type { ImportTarget } from "./targets";

export const MAX_TEXT = 10_000;
export const MAX_EXTERNAL_ID = 200;

type Value = string | number | boolean | string[] | null;

/** One row of the sheet as a deal: what its cells say, nothing decided yet about the deal. */
export type ConvertedRow = {
  n: number;
  externalId: string | null;
  /** Field values of the cells that were not empty (title falls back to the account). */
  values: Record<string, Value>;
  /** The stage the row names; null when the column is missing, empty or mapped to "first stage". */
  stage: string | null;
  /** The owner's user id; null: no owner given (the assignment rule decides). */
  ownerId: string | null;
  currency: ImportCurrency | null;
  createdAt: string | null;
  closedAt: string | null;
};

export type ConvertContext = {
  headers: string[];
  /** The target of each column, by position. */
  columns: (string | null)[];
  targets: Map<string, ImportTarget>;
  values: ValueMaps;
  dateOrder: DateOrder;
  currency: ImportCurrency;
};

/** Converts one cell of a value-mapped target; undefined means the value is not mapped. */
function mapped(values: ValueMaps, target: string, raw: string): string | null | undefined {
  const map = values[target];
  if (!map) return undefined;
  const key = valueKey(raw);
  return key in map ? map[key] : undefined;
}

const unmapped = (raw: string): Parsed<never> => ({
  ok: false,
  error: { code: "valueUnmapped", values: { value: raw } },
});

/** A field's cell as the value the deal stores. */
function fieldValue(field: FieldDef, cell: Cell, ctx: ConvertContext): Parsed<Value> {
  const raw = cellText(cell);
  switch (field.type) {
    case "text":
    case "longText":
      if (raw.length > MAX_TEXT)
        return { ok: false, error: { code: "textTooLong", values: { max: MAX_TEXT } } };
      return { ok: true, value: raw || null };
    case "number":
      return parseNumber(cell, { min: field.min, max: field.max });
    case "currency": {
      const r = parseAmount(cell);
      return r.ok ? { ok: true, value: r.value?.amount ?? null } : r;
    }
    case "date":
      return parseDate(cell, ctx.dateOrder);
    case "boolean":
      return parseBoolean(cell);
    case "select":
    case "user": {
      if (!raw) return { ok: true, value: null };
      const v = mapped(ctx.values, field.key, raw);
      return v === undefined ? unmapped(raw) : { ok: true, value: v };
    }
    case "multiSelect": {
      const out: string[] = [];
      for (const part of splitMulti(cell)) {
        const v = mapped(ctx.values, field.key, part);
        if (v === undefined) return unmapped(part);
        if (v !== null && !out.includes(v)) out.push(v);
      }
      return { ok: true, value: out.length ? out : null };
    }
  }
}

/**
 * Reads one sheet row through the mapping: every cell to its target's type, with one error per
 * cell that cannot be read (a date that is not one, a value not mapped, a negative amount …).
 * Empty cells leave their target unset. Pure: the same row and mapping always give the same result.
 */
export function convertRow(
  row: SheetRow,
  ctx: ConvertContext,
): { row: ConvertedRow | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const out: ConvertedRow = {
    n: row.n,
    externalId: null,
    values: {},
    stage: null,
    ownerId: null,
    currency: null,
    createdAt: null,
    closedAt: null,
  };
  let markCurrency: ImportCurrency | null = null;
  const fail = (column: number, error: CellError) =>
    errors.push({
      ...error,
      row: row.n,
      column,
      header: ctx.headers[column] ?? null,
      value: cellText(row.cells[column]),
    });

  ctx.columns.forEach((key, column) => {
    if (!key) return;
    const target = ctx.targets.get(key);
    if (!target) return;
    const cell = row.cells[column] ?? null;
    const raw = cellText(cell);
    if (raw === "") return;
    let result: Parsed<unknown>;
    switch (target.kind) {
      case "externalId":
        if (raw.length > MAX_EXTERNAL_ID)
          result = { ok: false, error: { code: "externalIdTooLong", values: { max: MAX_EXTERNAL_ID } } };
        else result = { ok: true, value: (out.externalId = raw) };
        break;
      case "stage": {
        const v = mapped(ctx.values, key, raw);
        result = v === undefined ? unmapped(raw) : { ok: true, value: (out.stage = v) };
        break;
      }
      case "owner": {
        const v = mapped(ctx.values, key, raw);
        result = v === undefined ? unmapped(raw) : { ok: true, value: (out.ownerId = v) };
        break;
      }
      case "currency": {
        result = parseCurrency(cell);
        if (result.ok) out.currency = result.value as ImportCurrency | null;
        break;
      }
      case "createdAt":
      case "closedAt": {
        result = parseDate(cell, ctx.dateOrder);
        if (result.ok) out[target.kind] = result.value as string | null;
        break;
      }
      case "field": {
        const field = target.field!;
        if (field.key === "amount" && field.type === "currency") {
          const r = parseAmount(cell);
          if (r.ok && r.value) {
            markCurrency = r.value.currency ?? markCurrency;
            out.values.amount = r.value.amount;
          }
          result = r;
        } else {
          result = fieldValue(field, cell, ctx);
          if (result.ok && result.value !== null) out.values[field.key] = result.value as Value;
        }
        break;
      }
    }
    if (!result.ok) fail(column, result.error);
  });

  // A mark on the amount (¥, $) says the currency unless a currency column says otherwise.
  const currencyColumn = ctx.columns.indexOf("@currency");
  if (out.currency && markCurrency && out.currency !== markCurrency) {
    const amountColumn = ctx.columns.indexOf("amount");
    fail(amountColumn >= 0 ? amountColumn : currencyColumn, {
      code: "currencyConflict",
      values: { mark: markCurrency, currency: out.currency },
    });
  }
  out.currency ??= markCurrency;
  // A sheet without a title column: the deal is named after its account.
  if (!ctx.columns.includes("title") && typeof out.values.account === "string")
    out.values.title = out.values.account;
  return { row: errors.length ? null : out, errors };
}

export type StageInfo = { key: string; name: LocalizedText; outcome: "open" | "won" | "lost" };

export type NewDealContext = {
  fields: FieldDef[];
  columns: (string | null)[];
  headers: string[];
  stages: Map<string, StageInfo>;
  /** Today as YYYY-MM-DD: a created or closed date after it is refused. */
  today: string;
};

/**
 * What a new deal must have beyond readable cells: the fields required at creation, and for a
 * won or lost deal the day it closed (its history is written at that date), not before it was
 * created and not in the future.
 */
export function checkNewDeal(row: ConvertedRow, ctx: NewDealContext): RowError[] {
  const errors: RowError[] = [];
  const at = (target: string) => {
    const column = ctx.columns.indexOf(target);
    return column >= 0 ? { column, header: ctx.headers[column] ?? null } : { column: null, header: null };
  };
  const add = (target: string, code: ImportErrorCode, values?: RowError["values"], value = "") =>
    errors.push({ row: row.n, ...at(target), code, ...(values && { values }), value });
  for (const f of ctx.fields) {
    const v = row.values[f.key];
    const set = v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0);
    if (f.requiredAtCreation && !set) add(f.key, "required", { field: f.name });
  }
  const stage = row.stage ? ctx.stages.get(row.stage) : undefined;
  const closed = stage && stage.outcome !== "open";
  if (closed && !row.closedAt) add("@stage", "closedAtRequired", { stage: stage.name }, row.stage ?? "");
  if (row.createdAt && row.createdAt > ctx.today)
    add("@createdAt", "createdInFuture", undefined, row.createdAt);
  if (closed && row.closedAt) {
    if (row.closedAt > ctx.today) add("@closedAt", "closedInFuture", undefined, row.closedAt);
    else if (row.createdAt && row.createdAt > row.closedAt)
      add("@createdAt", "createdAfterClosed", { closed: row.closedAt }, row.createdAt);
  }
  return errors;
}

/**
 * The rows that repeat an external id an earlier row has: row number → the earlier row's number.
 * The first row with an id is imported, the later ones fail (one deal per id and file).
 */
export function repeatedExternalIds(rows: { n: number; id: string | null }[]): Map<number, number> {
  const first = new Map<string, number>();
  const repeats = new Map<number, number>();
  for (const { n, id } of rows) {
    if (!id) continue;
    const seen = first.get(id);
    if (seen === undefined) first.set(id, n);
    else repeats.set(n, seen);
  }
  return repeats;
}

/** The external id a row names (its cell as text), read even when other cells fail. */
export function externalIdOf(row: SheetRow, columns: (string | null)[]): string | null {
  const column = columns.indexOf("@externalId");
  if (column < 0) return null;
  return cellText(row.cells[column]) || null;
}
