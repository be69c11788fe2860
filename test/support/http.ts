import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { appRouter } from "@/lib/server/api/root";
import { createContextInner } from "@/lib/server/api/context";
import type { Db } from "@/lib/server/db/client";
import type { Locale } from "@/lib/i18n/config";

export type HttpResult = {
  status: number;
  data?: unknown;
  error?: {
    message: string;
    code: number;
    data: { code: string; httpStatus: number; fieldErrors?: Record<string, string[]>; stack?: string };
  };
  raw: string;
};

/**
 * Calls a procedure through tRPC's HTTP handler, as a browser would, so the
 * error formatter (translation, no stack traces) is part of what is tested.
 */
export async function httpCall(
  db: Db,
  as: { userId?: string | null; companyId?: string | null; locale?: Locale },
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
): Promise<HttpResult> {
  const encoded = JSON.stringify(superjson.serialize(input));
  const url = new URL(`http://localhost/api/trpc/${path}`);
  if (kind === "query") url.searchParams.set("input", encoded);
  const req = new Request(
    url,
    kind === "query"
      ? { method: "GET" }
      : { method: "POST", body: encoded, headers: { "content-type": "application/json" } },
  );
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () =>
      createContextInner({
        db,
        userId: as.userId ?? null,
        requestedCompanyId: as.companyId ?? null,
        locale: as.locale ?? "en",
      }),
  });
  const raw = await res.text();
  const body = JSON.parse(raw) as {
    result?: { data: { json: unknown } };
    error?: { json: HttpResult["error"] };
  };
  return { status: res.status, data: body.result?.data.json, error: body.error?.json, raw };
}
