import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { LocalizedText } from "@/workflows/definition/schema";
import { deals } from "./deals";
import { memberships } from "./tenancy";

/** In-app notifications: assignment, approval requests and results, time limits passing. */
export const notifications = pgTable(
  "notifications",
  {
    companyId: uuid("company_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    userId: uuid("user_id").notNull(),
    /** assigned | approvalRequested | approvalDecided | timeLimit | escalation | notify */
    kind: text("kind").notNull(),
    dealId: uuid("deal_id"),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "notifications_user_fk",
      columns: [t.companyId, t.userId],
      foreignColumns: [memberships.companyId, memberships.userId],
    }).onDelete("cascade"),
    foreignKey({
      name: "notifications_deal_fk",
      columns: [t.companyId, t.dealId],
      foreignColumns: [deals.companyId, deals.id],
    }).onDelete("cascade"),
    index("notifications_user_idx").on(t.companyId, t.userId, t.createdAt),
  ],
);
