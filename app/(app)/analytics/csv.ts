import Papa from "papaparse";

/** Downloads rows as a CSV file Excel opens in Chinese too (UTF-8 with a byte-order mark). */
export function downloadCsv(fileName: string, header: string[], rows: (string | number | null)[][]) {
  const text = Papa.unparse({ fields: header, data: rows.map((r) => r.map((c) => c ?? "")) });
  const blob = new Blob(["\uFEFF", text], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
