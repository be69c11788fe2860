import Papa from "papaparse";
import { saveFile } from "../_components/download-file";

/** Downloads rows as a CSV file Excel opens in Chinese too (UTF-8 with a byte-order mark). */
export function downloadCsv(fileName: string, header: string[], rows: (string | number | null)[][]) {
  const text = Papa.unparse({ fields: header, data: rows.map((r) => r.map((c) => c ?? "")) });
  saveFile(new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" }), fileName);
}
