import "server-only";
import { cookies, headers } from "next/headers";
import { getDb } from "@/lib/server/db";
import { getSessionUser } from "@/lib/server/auth/session";
import { clientIp } from "@/lib/server/auth/client-ip";
import {
  DEFAULT_LOCALE,
  isLocale,
  LOCALE_COOKIE,
  localeFromAcceptLanguage,
  type Locale,
} from "@/lib/i18n/config";
import { COMPANY_COOKIE, createContextInner, type Context } from "./context";

/** The language a request is answered in: the user's setting, the chosen cookie, the browser. */
export async function requestLocale(userLocale?: string | null): Promise<Locale> {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(userLocale)) return userLocale;
  if (isLocale(cookieLocale)) return cookieLocale;
  return localeFromAcceptLanguage((await headers()).get("accept-language")) ?? DEFAULT_LOCALE;
}

/** Builds the tRPC context of a Next.js request (route handler or server component). */
export async function createRequestContext(resHeaders?: Headers): Promise<Context> {
  const user = await getSessionUser();
  const cookieStore = await cookies();
  const headerStore = await headers();
  return createContextInner({
    db: getDb(),
    userId: user?.id ?? null,
    requestedCompanyId: cookieStore.get(COMPANY_COOKIE)?.value ?? null,
    locale: await requestLocale(user?.locale),
    ip: clientIp(headerStore),
    setCookie: (name, value, options) => {
      const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax"];
      if (options?.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
      resHeaders?.append("Set-Cookie", parts.join("; "));
    },
  });
}
