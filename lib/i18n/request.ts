import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getSessionUser } from "@/lib/server/auth/session";
import {
  DEFAULT_LOCALE,
  DEFAULT_TIME_ZONE,
  isLocale,
  LOCALE_COOKIE,
  localeFromAcceptLanguage,
} from "./config";
import { MESSAGES } from "./messages";

/** The user's own setting, else the language picked on a signed-out page, else the browser's. */
export default getRequestConfig(async () => {
  const user = await getSessionUser();
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale =
    (isLocale(user?.locale) ? user.locale : undefined) ??
    (isLocale(cookieLocale) ? cookieLocale : undefined) ??
    localeFromAcceptLanguage((await headers()).get("accept-language")) ??
    DEFAULT_LOCALE;
  // One "now" per request, handed to the client provider too, so relative times ("3 分钟前")
  // render the same on the server and in the browser (no hydration mismatch).
  return { locale, messages: MESSAGES[locale], timeZone: DEFAULT_TIME_ZONE, now: new Date() };
});
