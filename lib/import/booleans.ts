import { cellText, type Cell } from "./cells";
import { failed, parsed, type Parsed } from "./errors";
import { normalizeValue } from "./text";

const TRUE = new Set(["是", "对", "有", "真", "已确认", "确认", "y", "yes", "true", "1", "√", "✓", "✔", "t"]);
const FALSE = new Set([
  "否",
  "不",
  "无",
  "没有",
  "假",
  "未确认",
  "n",
  "no",
  "false",
  "0",
  "×",
  "✗",
  "✘",
  "f",
]);

/** Yes/no from a cell: 是/否, Y/N, Yes/No, true/false, 1/0, ✓/×; empty is null. */
export function parseBoolean(cell: Cell): Parsed<boolean | null> {
  if (typeof cell === "boolean") return parsed(cell);
  const raw = cellText(cell);
  if (raw === "") return parsed(null);
  const s = normalizeValue(raw);
  if (TRUE.has(s)) return parsed(true);
  if (FALSE.has(s)) return parsed(false);
  return failed("booleanInvalid", { value: raw });
}

/** The values of a multi-select cell: "A, B；C、D | E" → five values (empty parts dropped). */
export function splitMulti(cell: Cell): string[] {
  return cellText(cell)
    .split(/[,;，；、|\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}
