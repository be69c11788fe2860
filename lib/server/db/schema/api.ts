import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { companies, memberships } from "./tenancy";

export const apiKeyScopeEnum = pgEnum("api_key_scope", ["read", "write"]);

/**
 * A key for the public REST API (/api/v1). The token handed out once is `pw_<prefix>_<secret>`;
 * only the SHA-256 of the secret is stored (the secret is 256 random bits, so a slow hash would
 * add nothing). The prefix finds the row and is shown in Settings. Rate limiting is a fixed
 * one-minute window counted on the key's row (`rate_window_start`, `rate_count`), so every app
 * server sees the same count.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    /** read: GET only; write: read + write. */
    scope: apiKeyScopeEnum("scope").notNull(),
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull(),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by"),
    rateWindowStart: timestamp("rate_window_start", { withTimezone: true }),
    rateCount: integer("rate_count").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    unique("api_keys_prefix_key").on(t.prefix),
    foreignKey({
      name: "api_keys_creator_fk",
      columns: [t.companyId, t.createdBy],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
    index("api_keys_company_idx").on(t.companyId, t.createdAt),
  ],
);

/**
 * The first response to a POST carrying an `Idempotency-Key`, replayed on a retry with the same
 * key. `response_status` is null while the first request is still running.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    companyId: uuid("company_id").notNull(),
    keyId: uuid("key_id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.keyId, t.idempotencyKey] }),
    foreignKey({
      name: "idempotency_keys_key_fk",
      columns: [t.companyId, t.keyId],
      foreignColumns: [apiKeys.companyId, apiKeys.id],
    }).onDelete("cascade"),
    index("idempotency_keys_created_idx").on(t.createdAt),
  ],
);
