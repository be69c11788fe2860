import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { apiKeys, companies, users } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { env } from "@/lib/env";

export const API_KEY_SCOPES = ["read", "write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Requests a key may make per window (PW_API_RATE_LIMIT, 120 by default); the window is a fixed minute counted in Postgres. */
export const RATE_LIMIT = env.PW_API_RATE_LIMIT;
export const RATE_WINDOW_SECONDS = 60;
/** last_used_at is written at most this often (seconds): reading it in Settings needs no more. */
const LAST_USED_EVERY_SECONDS = 60;

const TOKEN = /^pw_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** A new token `pw_<prefix>_<secret>`: 12 base-36 characters to find it, 256 random bits to prove it. */
export function newToken() {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = randomBytes(12);
  const prefix = [...bytes].map((b) => alphabet[b % 36]).join("");
  const secret = randomBytes(32).toString("base64url");
  return { prefix, secret, token: `pw_${prefix}_${secret}` };
}

export function parseToken(authorization: string | null) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const parts = match ? TOKEN.exec(match[1]!) : null;
  return parts ? { prefix: parts[1]!, secret: parts[2]! } : null;
}

export type ApiPrincipal = {
  keyId: string;
  keyName: string;
  scope: ApiKeyScope;
  companyId: string;
  companyName: string;
  createdBy: string;
};

/** The key's window after this request: `count` requests so far, past `limit` refused. */
export type RateState = { limit: number; count: number; remaining: number; resetSeconds: number };

export type Authentication =
  { ok: true; principal: ApiPrincipal; rate: RateState } | { ok: false; reason: "missing" | "invalid" };

/**
 * Finds the key of a bearer token and counts the request against its rate window, in one
 * statement: the row is updated only when the hash matches and the key is not revoked, so an
 * unknown, wrong or revoked token changes nothing and reads as "invalid". The window is fixed
 * (a minute from its first request), shared by every app server because it lives in the row.
 */
export async function authenticate(db: Db, authorization: string | null): Promise<Authentication> {
  if (!authorization) return { ok: false, reason: "missing" };
  const token = parseToken(authorization);
  if (!token) return { ok: false, reason: "invalid" };
  const hash = hashSecret(token.secret);
  const fresh = sql`(${apiKeys.rateWindowStart} is null or ${apiKeys.rateWindowStart} <= now() - make_interval(secs => ${RATE_WINDOW_SECONDS}))`;
  const [row] = await db
    .update(apiKeys)
    .set({
      rateWindowStart: sql`case when ${fresh} then now() else ${apiKeys.rateWindowStart} end`,
      rateCount: sql`case when ${fresh} then 1 else ${apiKeys.rateCount} + 1 end`,
      lastUsedAt: sql`case when ${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} <= now() - make_interval(secs => ${LAST_USED_EVERY_SECONDS}) then now() else ${apiKeys.lastUsedAt} end`,
    })
    .where(and(eq(apiKeys.prefix, token.prefix), eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
    .returning({
      id: apiKeys.id,
      name: apiKeys.name,
      scope: apiKeys.scope,
      companyId: apiKeys.companyId,
      createdBy: apiKeys.createdBy,
      hash: apiKeys.hash,
      count: apiKeys.rateCount,
      resetSeconds: sql<number>`greatest(0, ceil(extract(epoch from (${apiKeys.rateWindowStart} + make_interval(secs => ${RATE_WINDOW_SECONDS}) - now()))))::int`,
    });
  // The database compared the hash; compare again in constant time all the same.
  if (!row || !timingSafeEqual(Buffer.from(row.hash), Buffer.from(hash)))
    return { ok: false, reason: "invalid" };
  const [company] = await db
    .select({ name: companies.name })
    .from(companies)
    .where(eq(companies.id, row.companyId));
  return {
    ok: true,
    principal: {
      keyId: row.id,
      keyName: row.name,
      scope: row.scope,
      companyId: row.companyId,
      companyName: company?.name ?? "",
      createdBy: row.createdBy,
    },
    rate: {
      limit: RATE_LIMIT,
      count: row.count,
      remaining: Math.max(0, RATE_LIMIT - row.count),
      resetSeconds: Math.max(1, row.resetSeconds),
    },
  };
}

/** Creates a key; the token is returned this once and never again (only its hash is kept). */
export async function createApiKey(
  db: Db,
  companyId: string,
  userId: string,
  input: { name: string; scope: ApiKeyScope },
) {
  const { prefix, secret, token } = newToken();
  const [row] = await db
    .insert(apiKeys)
    .values({
      companyId,
      name: input.name,
      scope: input.scope,
      prefix,
      hash: hashSecret(secret),
      createdBy: userId,
    })
    .returning({ id: apiKeys.id, name: apiKeys.name, scope: apiKeys.scope, prefix: apiKeys.prefix });
  return { ...row!, token };
}

/** The company's keys, newest first: name, scope, prefix, who made it, when last used, revoked. */
export async function listApiKeys(db: Db, companyId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      scope: apiKeys.scope,
      prefix: apiKeys.prefix,
      createdByName: users.name,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.companyId, companyId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Revokes a key of the company at once (the next request with it is a 401). */
export async function revokeApiKey(db: Db, companyId: string, userId: string, keyId: string) {
  const [row] = await db
    .update(apiKeys)
    .set({
      revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())`,
      revokedBy: sql`coalesce(${apiKeys.revokedBy}, ${userId}::uuid)`,
    })
    .where(and(eq(apiKeys.companyId, companyId), eq(apiKeys.id, keyId)))
    .returning({ id: apiKeys.id, revokedAt: apiKeys.revokedAt });
  if (!row) throw appError("NOT_FOUND", "api.keyNotFound");
  return row;
}
