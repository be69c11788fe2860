import type { FieldDef, LocalizedText } from "@/workflows/definition/schema";
import type { ExportCell } from "./workbook";

export type Lang = "zh" | "en";
export const langOf = (locale: string): Lang => (locale.startsWith("zh") ? "zh" : "en");
export const text = (t: LocalizedText | null | undefined, lang: Lang) => (t ? t[lang] : "");

/**
 * A deal's field value as a person reads it, in the form the import takes back: option labels,
 * multi-select labels joined, people by e-mail, yes/no, days as YYYY-MM-DD, numbers as numbers.
 */
export function fieldCell(
  field: FieldDef | undefined,
  value: unknown,
  lang: Lang,
  emailOf: (userId: string) => string | undefined,
): ExportCell {
  if (value === null || value === undefined || value === "") return null;
  if (!field) return typeof value === "object" ? JSON.stringify(value) : (value as ExportCell);
  const label = (v: string) => {
    const option = field.options?.find((o) => o.value === v);
    return option ? option.label[lang] : v;
  };
  switch (field.type) {
    case "select":
      return label(String(value));
    case "multiSelect":
      return Array.isArray(value)
        ? value.map((v) => label(String(v))).join(lang === "zh" ? "、" : ", ")
        : String(value);
    case "user":
      return emailOf(String(value)) ?? String(value);
    case "boolean":
      return value === true
        ? lang === "zh"
          ? "是"
          : "Yes"
        : value === false
          ? lang === "zh"
            ? "否"
            : "No"
          : null;
    case "number":
    case "currency":
      return typeof value === "number" ? value : String(value);
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/** A moment as a calendar day (UTC), the form the import reads back. */
export const dayOf = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
