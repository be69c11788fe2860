import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { memberships } from "./tenancy";

/**
 * A user's saved view of the deals list: filters, sort and visible columns under a name.
 * The built-in views (我的商机 / My deals, Overdue, High priority) are not stored; they are
 * defined in code so every user has them and they follow the product's language.
 */
export const savedViews = pgTable(
  "saved_views",
  {
    companyId: uuid("company_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    userId: uuid("user_id").notNull(),
    name: text("name").notNull(),
    /** { filters, sort, columns } as the deals list reads them from its URL. */
    state: jsonb("state").$type<Record<string, unknown>>().notNull(),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "saved_views_user_fk",
      columns: [t.companyId, t.userId],
      foreignColumns: [memberships.companyId, memberships.userId],
    }).onDelete("cascade"),
    index("saved_views_user_idx").on(t.companyId, t.userId, t.position),
  ],
);
