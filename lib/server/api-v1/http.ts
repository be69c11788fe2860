import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type { z, ZodType } from "zod";
import { DEFAULT_LOCALE, localeFromAcceptLanguage, type Locale } from "@/lib/i18n/config";
import { getDb } from "@/lib/server/db";
import type { Db } from "@/lib/server/db/client";
import { idempotencyKeys } from "@/lib/server/db/schema";
import { authenticate, type ApiPrincipal, type RateState } from "./keys";
import { problem, problemFromError, zodErrors, type ProblemBody } from "./problem";

export type Method = "get" | "post" | "patch";

type Schema = ZodType;
type Shape<T extends Schema | undefined> = T extends Schema ? z.output<T> : undefined;

/** What an operation's handler receives: the key, the language, and the request already validated. */
export type OperationContext<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
> = {
  db: Db;
  principal: ApiPrincipal;
  locale: Locale;
  params: Shape<P>;
  query: Shape<Q>;
  body: Shape<B>;
  headers: Headers;
  url: URL;
};

export type OperationResult = { status?: number; body: unknown; headers?: Record<string, string> };

/**
 * One endpoint of /api/v1: how it is described (OpenAPI, the reference page) and what it does.
 * The route file under app/api/v1 exports `route(operation)`; openapi.ts reads the same object.
 */
export type Operation<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
> = {
  id: string;
  method: Method;
  /** The OpenAPI path below /api/v1, e.g. "/deals/{id}". */
  path: string;
  scope: "read" | "write";
  summary: { zh: string; en: string };
  description: { zh: string; en: string };
  params?: P;
  query?: Q;
  body?: B;
  /** Request headers the operation reads (documented as parameters). */
  headers?: Array<{
    name: string;
    required: boolean;
    description: string;
    descriptionZh: string;
    example?: string;
  }>;
  success: { status: number; description: string; schema: Schema };
  /** The error statuses it may answer besides 401, 403 (write), 429 and 500. */
  errors: number[];
  example?: { body?: unknown; query?: string };
  handle: (ctx: OperationContext<P, Q, B>) => Promise<OperationResult>;
};

export const defineOperation = <
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
>(
  op: Operation<P, Q, B>,
) => op;

/** How long a stored first response answers a retry with the same Idempotency-Key. */
const IDEMPOTENCY_HOURS = 24;

function json(status: number, body: unknown, headers: Headers) {
  headers.set(
    "content-type",
    status >= 400 ? "application/problem+json; charset=utf-8" : "application/json; charset=utf-8",
  );
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers });
}

function rateHeaders(headers: Headers, rate: RateState) {
  headers.set("RateLimit-Limit", String(rate.limit));
  headers.set("RateLimit-Remaining", String(rate.remaining));
  headers.set("RateLimit-Reset", String(rate.resetSeconds));
  headers.set("RateLimit-Policy", `${rate.limit};w=60`);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** The Next.js route handler of an operation. */
export function route(op: Operation) {
  return (req: Request, context?: RouteContext) => handle(op, req, context);
}

async function handle(op: Operation, req: Request, context?: RouteContext): Promise<Response> {
  const locale = localeFromAcceptLanguage(req.headers.get("accept-language")) ?? DEFAULT_LOCALE;
  const headers = new Headers({ "content-language": locale, "cache-control": "no-store" });
  const fail = (p: ProblemBody) => json(p.status, p, headers);
  try {
    const db = getDb();
    const auth = await authenticate(db, req.headers.get("authorization"));
    if (!auth.ok) {
      headers.set("WWW-Authenticate", `Bearer realm="pipewright", error="invalid_token"`);
      return fail(problem(locale, 401, auth.reason === "missing" ? "api.missingKey" : "api.invalidKey"));
    }
    rateHeaders(headers, auth.rate);
    if (auth.rate.count > auth.rate.limit) {
      headers.set("Retry-After", String(auth.rate.resetSeconds));
      return fail(
        problem(locale, 429, "api.rateLimited", {
          values: { limit: auth.rate.limit, seconds: auth.rate.resetSeconds },
        }),
      );
    }
    if (op.scope === "write" && auth.principal.scope !== "write")
      return fail(problem(locale, 403, "api.readOnlyKey"));

    const url = new URL(req.url);
    const rawParams = (await context?.params) ?? {};
    const params = op.params ? op.params.safeParse(rawParams) : null;
    if (params && !params.success) {
      // A malformed id names no deal of the company: the same 404 as one of another company.
      return fail(problem(locale, 404, "api.notFound"));
    }
    const query = op.query ? op.query.safeParse(Object.fromEntries(url.searchParams)) : null;
    if (query && !query.success)
      return fail(problem(locale, 400, "invalidInput", { errors: zodErrors(query.error, "query") }));
    let rawBody = "";
    let body: { success: true; data: unknown } | null = null;
    if (op.body) {
      rawBody = await req.text();
      let parsed: unknown;
      try {
        parsed = rawBody.trim() ? JSON.parse(rawBody) : {};
      } catch {
        return fail(problem(locale, 400, "api.badJson"));
      }
      const result = op.body.safeParse(parsed);
      if (!result.success)
        return fail(problem(locale, 400, "invalidInput", { errors: zodErrors(result.error, "body") }));
      body = { success: true, data: result.data };
    }
    const ctx = {
      db,
      principal: auth.principal,
      locale,
      params: params?.data,
      query: query?.data,
      body: body?.data,
      headers: req.headers,
      url,
    } as OperationContext<Schema, Schema, Schema>;

    const run = async (): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> => {
      try {
        const out = await op.handle(ctx);
        return { status: out.status ?? op.success.status, body: out.body, headers: out.headers };
      } catch (error) {
        const p = problemFromError(locale, error);
        return { status: p.status, body: p };
      }
    };

    const idempotencyKey = op.method === "post" ? req.headers.get("idempotency-key") : null;
    if (idempotencyKey !== null) {
      if (!/^[\x21-\x7e]{1,200}$/.test(idempotencyKey))
        return fail(problem(locale, 400, "api.badIdempotencyKey"));
      const requestHash = sha256(`${op.method} ${url.pathname}\n${rawBody}`);
      const replay = await claimIdempotencyKey(db, auth.principal, idempotencyKey, requestHash);
      if (replay.kind === "mismatch")
        return fail(problem(locale, 422, "api.idempotencyMismatch", { slug: "idempotency-mismatch" }));
      if (replay.kind === "inProgress")
        return fail(problem(locale, 409, "api.idempotencyInProgress", { slug: "idempotency-in-progress" }));
      if (replay.kind === "replay") {
        headers.set("Idempotent-Replayed", "true");
        return json(replay.status, replay.body, headers);
      }
      const out = await run();
      if (out.status >= 500) await releaseIdempotencyKey(db, auth.principal, idempotencyKey);
      else await storeIdempotentResponse(db, auth.principal, idempotencyKey, out.status, out.body);
      for (const [k, v] of Object.entries(out.headers ?? {})) headers.set(k, v);
      return json(out.status, out.body, headers);
    }
    const out = await run();
    for (const [k, v] of Object.entries(out.headers ?? {})) headers.set(k, v);
    return json(out.status, out.body, headers);
  } catch (error) {
    return fail(problemFromError(locale, error));
  }
}

type Claim =
  | { kind: "new" }
  | { kind: "mismatch" }
  | { kind: "inProgress" }
  | { kind: "replay"; status: number; body: unknown };

/**
 * Claims an Idempotency-Key for this request (a row with no response yet) or finds the first
 * request's: the same request gets its stored response, another request with the key a 422, a
 * retry while the first still runs a 409. Keys older than a day are forgotten.
 */
async function claimIdempotencyKey(
  db: Db,
  key: ApiPrincipal,
  idempotencyKey: string,
  requestHash: string,
): Promise<Claim> {
  const where = and(
    eq(idempotencyKeys.companyId, key.companyId),
    eq(idempotencyKeys.keyId, key.keyId),
    eq(idempotencyKeys.idempotencyKey, idempotencyKey),
  );
  await db
    .delete(idempotencyKeys)
    .where(
      and(where, lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`)),
    );
  const [claimed] = await db
    .insert(idempotencyKeys)
    .values({ companyId: key.companyId, keyId: key.keyId, idempotencyKey, requestHash })
    .onConflictDoNothing()
    .returning({ requestHash: idempotencyKeys.requestHash });
  if (claimed) return { kind: "new" };
  const [first] = await db.select().from(idempotencyKeys).where(where);
  if (!first) return { kind: "inProgress" };
  if (first.requestHash !== requestHash) return { kind: "mismatch" };
  if (first.responseStatus === null) return { kind: "inProgress" };
  return { kind: "replay", status: first.responseStatus, body: first.responseBody };
}

async function storeIdempotentResponse(
  db: Db,
  key: ApiPrincipal,
  idempotencyKey: string,
  status: number,
  body: unknown,
) {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: status, responseBody: body })
    .where(
      and(
        eq(idempotencyKeys.companyId, key.companyId),
        eq(idempotencyKeys.keyId, key.keyId),
        eq(idempotencyKeys.idempotencyKey, idempotencyKey),
      ),
    );
}

/** A request that failed on our side may be retried with the same key: the claim is dropped. */
async function releaseIdempotencyKey(db: Db, key: ApiPrincipal, idempotencyKey: string) {
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.companyId, key.companyId),
        eq(idempotencyKeys.keyId, key.keyId),
        eq(idempotencyKeys.idempotencyKey, idempotencyKey),
      ),
    );
}
