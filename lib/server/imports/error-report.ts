import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import { toCsv } from "@/lib/import/csv";
import { errorText } from "@/lib/import/error-text";
import type { RowError } from "@/lib/import/errors";

/**
 * The rows an import could not write, as a CSV Excel opens in Chinese too (UTF-8 with BOM):
 * row number, column, the cell as it was, and what is wrong with it, in the reader's language.
 */
export function errorReportCsv(errors: RowError[], locale: Locale): string {
  const tr = translator(locale);
  const t = (key: string, values?: Record<string, string | number>) =>
    tr(`imports.${key}` as never, values as never);
  const app = (key: string, values?: Record<string, string | number>) =>
    tr(`errors.${key}` as never, values as never);
  return toCsv(
    [t("report.row"), t("report.column"), t("report.value"), t("report.problem")],
    errors.map((e) => [e.row, e.header ?? "", e.value, errorText(e, locale, t, app)]),
  );
}
