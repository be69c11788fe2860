import { getTableColumns, getTableName, sql, type InferInsertModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "./client";

/**
 * Inserts many rows in one statement with one parameter — the rows as JSON, turned back into the
 * table's own types by jsonb_populate_recordset (so Postgres checks every value) — in their order
 * (identity ids follow it). For thousands of rows this costs a fraction of a VALUES list with a
 * parameter per cell, which drizzle builds and checks cell by cell. Every row must set the same
 * columns; the others take their defaults.
 */
export async function insertJsonRows<T extends PgTable>(tx: Tx, table: T, rows: InferInsertModel<T>[]) {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(rows[0]!).filter((k) => (rows[0] as Record<string, unknown>)[k] !== undefined);
  for (const row of rows) {
    const set = Object.keys(row).filter((k) => (row as Record<string, unknown>)[k] !== undefined);
    if (set.length !== keys.length || set.some((k) => !(k in columns)))
      throw new Error(`insertJsonRows(${getTableName(table)}): every row must set the same columns`);
  }
  const names = keys.map((k) => columns[k]!.name);
  // Dates become ISO strings (toJSON), jsonb columns stay JSON, numbers stay numbers.
  const json = JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = {};
      keys.forEach((k, i) => (out[names[i]!] = (row as Record<string, unknown>)[k] ?? null));
      return out;
    }),
  );
  const list = sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );
  await tx.execute(sql`insert into ${table} (${list})
    select ${list} from jsonb_populate_recordset(null::${table}, ${json}::jsonb) with ordinality as r
    order by r.ordinality`);
}

/**
 * Updates many rows in one statement with one parameter (see insertJsonRows): each row names its
 * row by the `keys` columns and sets the others it carries. Every row must carry the same columns.
 */
export async function updateJsonRows<T extends PgTable>(
  tx: Tx,
  table: T,
  keys: string[],
  rows: Partial<InferInsertModel<T>>[],
) {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const set = Object.keys(rows[0]!).filter((k) => !keys.includes(k));
  for (const row of rows)
    if (
      Object.keys(row).length !== set.length + keys.length ||
      [...keys, ...set].some((k) => !(k in row) || !(k in columns))
    )
      throw new Error(`updateJsonRows(${getTableName(table)}): every row must carry the same columns`);
  const name = (k: string) => sql.identifier(columns[k]!.name);
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [columns[k]!.name, v ?? null]))),
  );
  await tx.execute(sql`update ${table} as t set ${sql.join(
    set.map((k) => sql`${name(k)} = r.${name(k)}`),
    sql`, `,
  )}
    from jsonb_populate_recordset(null::${table}, ${json}::jsonb) as r
    where ${sql.join(
      keys.map((k) => sql`t.${name(k)} = r.${name(k)}`),
      sql` and `,
    )}`);
}
