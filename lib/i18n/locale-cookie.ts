import { LOCALE_COOKIE, type Locale } from "./config";

/** Remembers (or forgets, with null) the language picked in this browser. */
export function writeLocaleCookie(locale: Locale | null) {
  document.cookie =
    locale === null
      ? `${LOCALE_COOKIE}=; path=/; max-age=0`
      : `${LOCALE_COOKIE}=${locale}; path=/; max-age=${365 * 86400}; samesite=lax`;
}
