import ExcelJS from "exceljs";
import { toCsv } from "@/lib/import/csv";

export type ExportCell = string | number | boolean | null;
/** How a column is written to XLSX: a calendar day or a moment become date cells. */
export type ColumnKind = "text" | "number" | "day" | "time";
export type ExportColumn = { header: string; kind?: ColumnKind; width?: number };
export type ExportSheet = { name: string; columns: ExportColumn[]; rows: ExportCell[][] };

/** A file to download: the route handler sends `body` (utf8 text or base64 bytes) as is. */
export type ExportFile = {
  fileName: string;
  contentType: string;
  encoding: "utf8" | "base64";
  body: string;
};

export const CSV_TYPE = "text/csv; charset=utf-8";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** One sheet as CSV (UTF-8 with BOM, so Excel reads Chinese). */
export function sheetCsv(sheet: ExportSheet): string {
  return toCsv(
    sheet.columns.map((c) => c.header),
    sheet.rows.map((r) => r.map((c) => (typeof c === "boolean" ? String(c) : c))),
  );
}

function xlsxValue(cell: ExportCell, kind: ColumnKind | undefined): ExcelJS.CellValue {
  if (cell === null || cell === "") return null;
  if (kind === "day" && typeof cell === "string" && /^\d{4}-\d{2}-\d{2}$/.test(cell))
    return new Date(`${cell}T00:00:00.000Z`);
  if (kind === "time" && typeof cell === "string") {
    const d = new Date(cell);
    return Number.isNaN(d.getTime()) ? cell : d;
  }
  return cell;
}

/**
 * Sheets as an XLSX workbook (base64): a bold, frozen header row, days and moments as date
 * cells (UTC), widths that fit the headers.
 */
export async function workbookBase64(sheets: ExportSheet[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Pipewright";
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({
      header: c.header,
      width: c.width ?? Math.min(40, Math.max(10, [...c.header].length * 2 + 2)),
      style:
        c.kind === "day"
          ? { numFmt: "yyyy-mm-dd" }
          : c.kind === "time"
            ? { numFmt: "yyyy-mm-dd hh:mm:ss" }
            : {},
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row.map((cell, i) => xlsxValue(cell, sheet.columns[i]?.kind)));
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer).toString("base64");
}

const stamp = (now: Date) => now.toISOString().slice(0, 10);

/** The file of one or more sheets: CSV takes the first sheet only. */
export async function exportFile(
  base: string,
  format: "csv" | "xlsx",
  sheets: ExportSheet[],
  now = new Date(),
): Promise<ExportFile> {
  if (format === "csv")
    return {
      fileName: `${base}-${stamp(now)}.csv`,
      contentType: CSV_TYPE,
      encoding: "utf8",
      body: sheetCsv(sheets[0]!),
    };
  return {
    fileName: `${base}-${stamp(now)}.xlsx`,
    contentType: XLSX_TYPE,
    encoding: "base64",
    body: await workbookBase64(sheets),
  };
}
