import type { Tx } from "@/lib/server/db/client";
import type { SheetRow } from "@/lib/import/cells";
import type { ConvertedRow } from "@/lib/import/convert-row";
import { decideRow, type ExistingDeal } from "@/lib/import/decide-row";
import type { RowError } from "@/lib/import/errors";
import { writeCreates } from "./write-creates";
import { writeUpdates } from "./write-updates";
import { writeRow, type Writer } from "./write-row";

export type ChunkResult = { created: number; updated: number; errors: RowError[] };

export type ChunkOptions = {
  /** Every row through the deal shell, one savepoint each: how imports wrote before chunks (tests compare). */
  rowByRow?: boolean;
  /**
   * Called before each row is decided (tests use it to stop a job half way through a chunk, or to
   * write what a concurrent import would).
   */
  beforeRow?: (n: number) => void | Promise<void>;
};

/**
 * Writes a chunk of rows in the caller's transaction. Rows that fail the decision are reported;
 * the new deals are written set-wise (writeCreates) in a savepoint of their own. Should that fail
 * — a row only the database refuses, e.g. an external id another import took meanwhile — the
 * savepoint rolls back and the chunk's rows are written one by one, each in its own savepoint, so
 * the good rows land and the bad one is named. The updates go the same way (writeUpdates). Rows
 * whose first stage does more than schedule timers, and updates of deals that changed since the
 * decision, go one by one through the deal shell.
 */
export async function writeChunk(
  tx: Tx,
  w: Writer,
  rows: SheetRow[],
  existing: Map<string, ExistingDeal>,
  repeats: Map<number, number>,
  options: ChunkOptions = {},
): Promise<ChunkResult> {
  const result: ChunkResult = { created: 0, updated: 0, errors: [] };
  const creates: { row: SheetRow; r: ConvertedRow }[] = [];
  const updates: { row: SheetRow; r: ConvertedRow; deal: ExistingDeal }[] = [];
  let oneByOne: SheetRow[] = [];
  for (const row of rows) {
    await options.beforeRow?.(row.n);
    if (options.rowByRow) {
      oneByOne.push(row);
      continue;
    }
    const decision = decideRow(row, w.plan, existing, repeats);
    if (decision.kind === "error") result.errors.push(...decision.errors);
    else if (decision.kind === "create") creates.push({ row, r: decision.row });
    else updates.push({ row, r: decision.row, deal: decision.deal });
  }
  // Each kind in a savepoint of its own: should the database refuse anything, its rows go one by one.
  const inBulk = async <T extends { row: SheetRow }, R extends { errors: RowError[]; oneByOne: SheetRow[] }>(
    rows: T[],
    write: (sp: Tx, rows: T[]) => Promise<R>,
  ): Promise<R | undefined> => {
    if (rows.length === 0) return;
    try {
      const written = await tx.transaction((sp) => write(sp, rows));
      result.errors.push(...written.errors);
      oneByOne.push(...written.oneByOne);
      return written;
    } catch (e) {
      console.warn(`[import] rows ${rows[0]!.row.n}–${rows.at(-1)!.row.n} go one by one:`, e);
      oneByOne.push(...rows.map((c) => c.row));
    }
  };
  result.created += (await inBulk(creates, (sp, rows) => writeCreates(sp, w, rows)))?.created ?? 0;
  result.updated += (await inBulk(updates, (sp, rows) => writeUpdates(sp, w, rows)))?.updated ?? 0;
  oneByOne = oneByOne.sort((a, b) => a.n - b.n);
  for (const row of oneByOne) {
    const written = await writeRow(tx, w, row, existing, repeats);
    if (written.kind === "failed") result.errors.push(...written.errors);
    else if (written.kind === "created") result.created++;
    else result.updated++;
  }
  result.errors.sort((a, b) => a.row - b.row);
  return result;
}
