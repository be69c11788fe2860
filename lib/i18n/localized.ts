import type { LocalizedText } from "@/workflows/definition/schema";

/** The text of a bilingual name in the reader's language. */
export function localized(text: LocalizedText, locale: string): string {
  return locale.startsWith("zh") ? text.zh : text.en;
}

/** A team's or company's name for the reader: the English name when there is one and the reader reads English. */
export function localName(item: { name: string | null; nameEn?: string | null }, locale: string): string {
  return (!locale.startsWith("zh") && item.nameEn) || item.name || "";
}
