import type { Db } from "@/lib/server/db/client";
import type { Role } from "@/lib/server/db/schema";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/config";

export const COMPANY_COOKIE = "pw-company";

/**
 * What every procedure sees. Built from the request by the route handler, and
 * directly by tests and server components, so nothing here reads Next.js APIs.
 */
export type Context = {
  db: Db;
  /** The signed-in user, from the session; null when signed out. */
  userId: string | null;
  /** The company the user asked for (cookie); the middleware checks membership. */
  requestedCompanyId: string | null;
  locale: Locale;
  ip: string | null;
  /** Lets a procedure set a cookie on the response (company switch). */
  setCookie: (name: string, value: string, options?: { maxAge?: number }) => void;
};

export type CompanyScope = { id: string; name: string; role: Role };

export function createContextInner(partial: Partial<Context> & { db: Db }): Context {
  return {
    userId: null,
    requestedCompanyId: null,
    locale: DEFAULT_LOCALE,
    ip: null,
    setCookie: () => {},
    ...partial,
  };
}
