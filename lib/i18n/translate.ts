import { createTranslator } from "next-intl";
import { type Locale } from "./config";
import { MESSAGES } from "./messages";

/** Translator for code outside React (server errors, e-mails, CSV headers). */
export function translator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale] });
}
