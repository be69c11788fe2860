import Papa from "papaparse";
import type { Sheet, SheetRow } from "./cells";

/**
 * A CSV text as a sheet: the first non-empty record is the header row, records with only empty
 * cells are skipped but still counted, so row numbers match what a spreadsheet shows. The
 * delimiter (comma, semicolon, tab) is detected.
 */
export function parseCsv(text: string): Sheet {
  const result = Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    delimitersToGuess: [",", ";", "\t", "|"],
  });
  const records = result.data;
  const start = records.findIndex((r) => r.some((c) => c.trim() !== ""));
  if (start < 0) return { headers: [], rows: [] };
  const headers = records[start]!.map((h) => h.trim());
  const rows: SheetRow[] = [];
  for (let i = start + 1; i < records.length; i++) {
    const cells = records[i]!;
    if (cells.every((c) => c.trim() === "")) continue;
    rows.push({ n: i + 1, cells });
  }
  return { headers, rows };
}

/** A CSV file Excel opens correctly in Chinese too: UTF-8 with a byte-order mark, CRLF lines. */
export function toCsv(headers: string[], rows: (string | number | null)[][]): string {
  return (
    "\uFEFF" +
    Papa.unparse({ fields: headers, data: rows.map((r) => r.map((c) => c ?? "")) }, { newline: "\r\n" })
  );
}
