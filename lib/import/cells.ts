/**
 * One cell of an uploaded sheet. CSV cells are text; XLSX cells keep numbers and booleans, and
 * date cells arrive as "YYYY-MM-DD" text (see lib/server/imports/read-file.ts).
 */
export type Cell = string | number | boolean | null;

/** A data row of the sheet with its row number as a spreadsheet shows it (the header is row 1). */
export type SheetRow = { n: number; cells: Cell[] };

/** What an upload holds once read: its header row and its non-empty data rows. */
export type Sheet = { headers: string[]; rows: SheetRow[] };

/** A cell as the text a person sees (numbers without exponent), trimmed; "" when empty. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number")
    return Number.isInteger(cell) ? String(cell) : String(Math.round(cell * 1e8) / 1e8);
  if (typeof cell === "boolean") return cell ? "true" : "false";
  return cell.trim();
}

export const isBlank = (cell: Cell | undefined) => cellText(cell) === "";
