import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  json,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { companies, memberships } from "./tenancy";

/** manual: an admin switched it off; failing: the worker gave up after persistent failure. */
export const webhookDisabledReasonEnum = pgEnum("webhook_disabled_reason", ["manual", "failing"]);

/**
 * A URL an admin subscribed to deal events. The signing secret is kept as is: an HMAC needs
 * the secret itself (a hash of it could not sign). It is shown once, when created or rotated;
 * after a rotation the previous secret also signs for 24 hours (`previous_secret_expires_at`)
 * so a receiver can switch without losing deliveries.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    /** Event types, e.g. `deal.stage_changed`. */
    events: text("events").array().notNull(),
    secret: text("secret").notNull(),
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true }),
    enabled: boolean("enabled").notNull().default(true),
    disabledReason: webhookDisabledReasonEnum("disabled_reason"),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** Failed attempts in a row (any delivery); a 2xx resets it. */
    failureStreak: integer("failure_streak").notNull().default(0),
    /** When the current run of failures began (null while healthy). */
    failingSince: timestamp("failing_since", { withTimezone: true }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    /** Bumped by every edit an admin makes (stale edits are refused). */
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "webhook_endpoints_creator_fk",
      columns: [t.companyId, t.createdBy],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
  ],
);

export const webhookDeliveryStatusEnum = pgEnum("webhook_delivery_status", [
  "pending",
  "delivered",
  "failed",
]);

/**
 * The outbox: one row per (event, endpoint), inserted in the transaction of the change. The
 * worker claims a row by moving `next_attempt_at` past its timeout (a lease), so a worker that
 * dies mid-delivery leaves a pending row that is tried again when the lease runs out.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    companyId: uuid("company_id").notNull(),
    /** Sent as `Pipewright-Delivery`. */
    id: uuid("id").notNull().defaultRandom(),
    endpointId: uuid("endpoint_id").notNull(),
    /** The event's id (the same for every endpoint and for a resend): receivers dedupe on it. */
    eventId: uuid("event_id").notNull(),
    eventType: text("event_type").notNull(),
    dealId: uuid("deal_id"),
    /** The JSON body sent, kept as written (json, not jsonb, which would reorder its keys). */
    payload: json("payload").notNull(),
    status: webhookDeliveryStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    responseSnippet: text("response_snippet"),
    /** Each attempt: when, status code or error, duration. */
    attemptLog: jsonb("attempt_log").$type<WebhookAttempt[]>().notNull().default([]),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** Set on a copy an admin asked to send again. */
    resentFrom: uuid("resent_from"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "webhook_deliveries_endpoint_fk",
      columns: [t.companyId, t.endpointId],
      foreignColumns: [webhookEndpoints.companyId, webhookEndpoints.id],
    }).onDelete("cascade"),
    // The delivery log: newest first, for the company, one endpoint, or one status.
    index("webhook_deliveries_log_idx").on(t.companyId, t.createdAt.desc(), t.id.desc()),
    index("webhook_deliveries_endpoint_idx").on(t.companyId, t.endpointId, t.createdAt.desc(), t.id.desc()),
    index("webhook_deliveries_status_idx").on(t.companyId, t.status, t.createdAt.desc(), t.id.desc()),
    index("webhook_deliveries_event_idx").on(t.companyId, t.eventId),
    // Resuming an endpoint's waiting deliveries when it is enabled again.
    index("webhook_deliveries_pending_idx")
      .on(t.companyId, t.endpointId, t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

export type WebhookAttempt = {
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
};
