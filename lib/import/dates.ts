import { cellText, type Cell } from "./cells";
import { failed, parsed, type Parsed } from "./errors";

/**
 * Whether a slashed date such as 3/1/2024 is month first (the US way, and Excel's in zh-CN) or
 * day first (most of Europe). A part above 12 settles it either way.
 */
export type DateOrder = "mdy" | "dmy";

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

/** Excel's day 0 is 1899-12-30 (its serials count the non-existent 1900-02-29). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Serials taken for dates: 1954-10-03 … 2119-01-10; other plain numbers are not dates. */
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 80_000;

const pad = (n: number) => String(n).padStart(2, "0");

function ymd(y: number, m: number, d: number, raw: string): Parsed<string> {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return failed("dateInvalid", { value: raw });
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return failed("dateNoSuchDay", { value: raw });
  return parsed(`${y}-${pad(m)}-${pad(d)}`);
}

const fullYear = (y: string) => {
  const n = Number(y);
  if (y.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
};

function fromSerial(serial: number, raw: string): Parsed<string> {
  if (!Number.isFinite(serial) || serial < SERIAL_MIN || serial > SERIAL_MAX)
    return failed("dateInvalid", { value: raw });
  const d = new Date(EXCEL_EPOCH + Math.floor(serial) * 86_400_000);
  return parsed(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
}

// 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日 (a time after it is ignored)
const YEAR_FIRST = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:[t\s]|$).*)?$/;
// 3/1/2024, 1.3.2024, 3-1-24
const YEAR_LAST = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})(?:\s.*)?$/;
// 20240301
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
// Mar 1, 2024 / March 1 2024
const MONTH_NAME_FIRST = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
// 1 Mar 2024 / 1-Mar-2024
const DAY_FIRST_NAME = /^(\d{1,2})[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{4})$/;

/**
 * A calendar date from a cell, as "YYYY-MM-DD", or null for an empty cell. Takes 2024-03-01,
 * 2024/3/1, 2024.3.1, 2024年3月1日, 3/1/2024 (or 1/3/2024 day first), 20240301, Mar 1, 2024,
 * 1 Mar 2024, and Excel serial numbers (45352 is 2024-03-01). A date that does not exist
 * (2024-02-30) is an error, never rolled over to the next month.
 */
export function parseDate(cell: Cell, order: DateOrder = "mdy"): Parsed<string | null> {
  if (typeof cell === "number") return fromSerial(cell, String(cell));
  const raw = cellText(cell);
  if (raw === "") return parsed(null);
  const s = raw.normalize("NFKC").toLowerCase().trim();
  let m = YEAR_FIRST.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  m = COMPACT.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  m = YEAR_LAST.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = fullYear(m[3]!);
    const dayFirst = order === "dmy" ? !(b > 12 && a <= 12) : a > 12 && b <= 12;
    return dayFirst ? ymd(y, b, a, raw) : ymd(y, a, b, raw);
  }
  m = MONTH_NAME_FIRST.exec(s);
  if (m && MONTHS[m[1]!]) return ymd(Number(m[3]), MONTHS[m[1]!]!, Number(m[2]), raw);
  m = DAY_FIRST_NAME.exec(s);
  if (m && MONTHS[m[2]!]) return ymd(Number(m[3]), MONTHS[m[2]!]!, Number(m[1]), raw);
  if (/^\d{5}(\.\d+)?$/.test(s)) return fromSerial(Number(s), raw);
  return failed("dateInvalid", { value: raw });
}
