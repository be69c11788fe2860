import { cellText, type Cell } from "./cells";
import { failed, parsed, type Parsed } from "./errors";

/** Currencies a deal may be kept in (as lib/server/deals/update-deal.ts CURRENCIES). */
export const IMPORT_CURRENCIES = ["CNY", "USD", "EUR", "HKD", "JPY", "GBP", "SGD"] as const;
export type ImportCurrency = (typeof IMPORT_CURRENCIES)[number];

/** The amounts a deal column holds (numeric(16,2)) are below this: 99,999,999,999,999.99 at most. */
export const MAX_AMOUNT = 1e14;

// Longest first, so "HK$" is not read as "$". Matched after NFKC (￥ → ¥, full-width letters folded).
const CURRENCY_MARKS: [string, ImportCurrency][] = [
  ["人民币", "CNY"],
  ["美元", "USD"],
  ["港币", "HKD"],
  ["港元", "HKD"],
  ["欧元", "EUR"],
  ["英镑", "GBP"],
  ["日元", "JPY"],
  ["新元", "SGD"],
  ["rmb", "CNY"],
  ["cny", "CNY"],
  ["usd", "USD"],
  ["eur", "EUR"],
  ["hkd", "HKD"],
  ["jpy", "JPY"],
  ["gbp", "GBP"],
  ["sgd", "SGD"],
  ["hk$", "HKD"],
  ["us$", "USD"],
  ["s$", "SGD"],
  ["jp¥", "JPY"],
  ["¥", "CNY"],
  ["$", "USD"],
  ["€", "EUR"],
  ["£", "GBP"],
  ["元", "CNY"],
];

// Multipliers written after the number: 1.2万, 3亿, 5千, 2.5百万, 1.2w, 15k, 1.5m.
const UNITS: [string, number][] = [
  ["千万", 1e7],
  ["百万", 1e6],
  ["亿", 1e8],
  ["万", 1e4],
  ["千", 1e3],
  ["mn", 1e6],
  ["w", 1e4],
  ["k", 1e3],
  ["m", 1e6],
];

/** Accepted as a currency column's value: the code or a mark (¥, $, 人民币, 美元 …). */
export function parseCurrency(cell: Cell): Parsed<ImportCurrency | null> {
  const raw = cellText(cell);
  if (raw === "") return parsed(null);
  const s = raw.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  const hit = CURRENCY_MARKS.find(([mark]) => s === mark);
  return hit ? parsed(hit[1]) : failed("currencyUnknown", { value: raw });
}

type Number_ = { value: number; currency: ImportCurrency | null; negative: boolean; percent: boolean };

/** Reads "¥1,200.50", "(1,200)", "1.2万元", "-3亿", "15%" into its parts; null when not a number. */
function readNumber(raw: string): Number_ | null {
  let s = raw
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\u2212/g, "-")
    .trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  let currency: ImportCurrency | null = null;
  const stripMark = () => {
    for (const [mark, code] of CURRENCY_MARKS) {
      if (s.startsWith(mark)) {
        s = s.slice(mark.length).trim();
        currency = code;
        return true;
      }
      if (s.endsWith(mark)) {
        s = s.slice(0, -mark.length).trim();
        currency = code;
        return true;
      }
    }
    return false;
  };
  const stripSign = () => {
    if (s.startsWith("-")) {
      negative = true;
      s = s.slice(1).trim();
      return true;
    }
    if (s.startsWith("+")) {
      s = s.slice(1).trim();
      return true;
    }
    return false;
  };
  // A sign and a mark in either order: -¥100, ¥-100, 100元.
  while (stripSign() || stripMark());
  if (s.endsWith("-")) {
    negative = true;
    s = s.slice(0, -1).trim();
  }
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  let unit = 1;
  for (const [mark, factor] of UNITS) {
    if (s.endsWith(mark)) {
      unit = factor;
      s = s.slice(0, -mark.length).trim();
      break;
    }
  }
  stripMark(); // "1.2万元": the mark came off before the unit; "¥1.2万" before too
  s = s.replace(/[\s'_]/g, "");
  // Thousands separators must sit every three digits; "1.200,50" (a decimal comma) is refused.
  if (s.includes(",")) {
    if (!/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return null;
    s = s.replace(/,/g, "");
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return { value: Number(s) * unit, currency, negative, percent };
}

const cents = (n: number) => Math.round(n * 100) / 100;

/**
 * An amount of money from a cell: "¥1,200.50", "$1,200", "1.2万", "3亿", "1,200元", "HK$ 800",
 * plain numbers; the currency its mark names, if any. Negative amounts ("-100", "(100)") are
 * refused: a deal's amount is what it is worth. Empty is null.
 */
export function parseAmount(cell: Cell): Parsed<{ amount: number; currency: ImportCurrency | null } | null> {
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return failed("amountInvalid", { value: String(cell) });
    if (cell < 0) return failed("amountNegative", { value: String(cell) });
    if (cents(cell) >= MAX_AMOUNT) return failed("amountTooLarge", { value: String(cell) });
    return parsed({ amount: cents(cell), currency: null });
  }
  const raw = cellText(cell);
  if (raw === "") return parsed(null);
  const n = readNumber(raw);
  if (!n || n.percent) return failed("amountInvalid", { value: raw });
  if (n.negative && n.value !== 0) return failed("amountNegative", { value: raw });
  if (cents(n.value) >= MAX_AMOUNT) return failed("amountTooLarge", { value: raw });
  return parsed({ amount: cents(n.value), currency: n.currency });
}

/**
 * A number for a number field: separators, 万/亿 and a trailing % ("15%" is 15) are read;
 * negative numbers are kept (the field's min decides). Currency marks are refused here.
 */
export function parseNumber(cell: Cell, bounds: { min?: number; max?: number } = {}): Parsed<number | null> {
  let value: number;
  const raw = cellText(cell);
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return failed("numberInvalid", { value: raw });
    value = cell;
  } else {
    if (raw === "") return parsed(null);
    const n = readNumber(raw);
    if (!n || n.currency) return failed("numberInvalid", { value: raw });
    value = (n.negative ? -1 : 1) * n.value;
  }
  value = Math.round(value * 1e6) / 1e6;
  if (bounds.min !== undefined && value < bounds.min)
    return failed("numberBelowMin", { value: raw, min: bounds.min });
  if (bounds.max !== undefined && value > bounds.max)
    return failed("numberAboveMax", { value: raw, max: bounds.max });
  return parsed(value);
}
