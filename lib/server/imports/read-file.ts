import ExcelJS from "exceljs";
import { cellText, type Cell, type Sheet, type SheetRow } from "@/lib/import/cells";
import { parseCsv } from "@/lib/import/csv";
import { decodeText, type TextEncoding } from "@/lib/import/decode";
import { appError } from "@/lib/server/errors";

export type FileFormat = "csv" | "xlsx";
export type ReadSheet = Sheet & { format: FileFormat; encoding: TextEncoding | null };

/** The largest file an import takes, and the most data rows. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_ROWS = 200_000;

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
// The old binary .xls (and other OLE files) start with this signature.
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

const pad = (n: number) => String(n).padStart(2, "0");

/** An XLSX cell as a sheet cell: dates as YYYY-MM-DD, formulas as their result, rich text as text. */
function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) {
    // exceljs reads a date cell's wall-clock value as if it were UTC.
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === "object") {
    if ("result" in value) return xlsxCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return xlsxCell((value as ExcelJS.CellHyperlinkValue).text);
    if ("error" in value) return null;
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw appError("BAD_REQUEST", "importFileUnreadable");
  }
  // The first sheet with anything in it (an export's "History" sheet comes after its deals).
  const sheet = workbook.worksheets.find((w) => w.actualRowCount > 0);
  if (!sheet) return { headers: [], rows: [] };
  let headers: string[] | null = null;
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells = values.slice(1).map(xlsxCell);
    if (cells.every((c) => cellText(c) === "")) return;
    if (!headers) headers = cells.map((c) => cellText(c));
    else rows.push({ n, cells });
  });
  return { headers: headers ?? [], rows };
}

/**
 * Reads an uploaded file into a sheet: XLSX by its content (a zip), anything else as CSV text
 * (UTF-8, with or without BOM, or GB18030). An old .xls is refused with a clear message.
 */
export async function readSheet(bytes: Uint8Array): Promise<ReadSheet> {
  if (bytes.byteLength > MAX_FILE_BYTES)
    throw appError("BAD_REQUEST", "importFileTooLarge", { max: MAX_FILE_BYTES / 1024 / 1024 });
  if (isOle(bytes)) throw appError("BAD_REQUEST", "importXlsNotSupported");
  let sheet: ReadSheet;
  if (isZip(bytes)) sheet = { ...(await readXlsx(bytes)), format: "xlsx", encoding: null };
  else {
    const { text, encoding } = decodeText(bytes);
    if (text.includes("\u0000")) throw appError("BAD_REQUEST", "importFileUnreadable");
    sheet = { ...parseCsv(text), format: "csv", encoding };
  }
  if (sheet.headers.length === 0) throw appError("BAD_REQUEST", "importFileEmpty");
  if (sheet.rows.length > MAX_ROWS) throw appError("BAD_REQUEST", "importTooManyRows", { max: MAX_ROWS });
  return sheet;
}

const CACHE_SIZE = 4;
const cache = new Map<string, Promise<ReadSheet>>();

/**
 * The sheet of an import's file, read once per process: the mapping steps ask for it several
 * times, and an import's file never changes (keyed by the import's id).
 */
export function cachedSheet(importId: string, load: () => Promise<Uint8Array>): Promise<ReadSheet> {
  const hit = cache.get(importId);
  if (hit) {
    cache.delete(importId);
    cache.set(importId, hit);
    return hit;
  }
  const p = load().then(readSheet);
  p.catch(() => cache.delete(importId));
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(importId, p);
  return p;
}
