import { splitMulti } from "./booleans";
import { cellText, type SheetRow } from "./cells";
import { valueKey } from "./mapping";

/** One distinct value of a column (values differing only in case, spaces or width are one). */
export type ValueGroup = {
  key: string;
  /** The value as the file spells it most often. */
  raw: string;
  count: number;
};

/**
 * The distinct values of a column, most frequent first, for the user to map. A multi-select
 * column is split into its parts. At most `limit` values (a column with more is rarely a list).
 */
export function collectValues(
  rows: SheetRow[],
  column: number,
  multi: boolean,
  limit = 500,
): { groups: ValueGroup[]; more: number } {
  const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const row of rows) {
    const cell = row.cells[column] ?? null;
    const parts = multi ? splitMulti(cell) : [cellText(cell)].filter(Boolean);
    for (const part of parts) {
      const key = valueKey(part);
      if (!key) continue;
      const g = groups.get(key) ?? { count: 0, spellings: new Map() };
      g.count++;
      g.spellings.set(part, (g.spellings.get(part) ?? 0) + 1);
      groups.set(key, g);
    }
  }
  const all = [...groups].map(([key, g]) => ({
    key,
    raw: [...g.spellings].sort((a, b) => b[1] - a[1])[0]![0],
    count: g.count,
  }));
  all.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return { groups: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
