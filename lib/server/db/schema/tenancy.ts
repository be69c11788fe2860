import {
  boolean,
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
import { ROLES } from "@/lib/roles";

export const roleEnum = pgEnum("role", ROLES);
export const membershipStatusEnum = pgEnum("membership_status", ["active", "deactivated"]);
export const localeEnum = pgEnum("locale", ["zh-CN", "en"]);

export type { Role } from "@/lib/roles";

/** The tenant. Its id is the `company_id` every tenant table carries. */
export const companies = pgTable("companies", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** Optional English name, shown to English-speaking users when set. */
  nameEn: text("name_en"),
  /** The language of what is sent on the company's behalf (notifications, e-mails). */
  defaultLocale: localeEnum("default_locale").notNull().default("zh-CN"),
  currency: text("currency").notNull().default("CNY"),
  /** Company-wide switches (e.g. reps see their team's deals). */
  settings: jsonb("settings").$type<CompanySettings>().notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type CompanySettings = {
  repsSeeTeamDeals?: boolean;
  anonymousFeedback?: boolean;
};

/**
 * People, across companies: one person may belong to several companies, so users
 * are global (a reference table when distributed) and memberships are the tenant rows.
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    /** Set for a one-time password an admin handed out: the user must pick a new one. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    locale: localeEnum("locale"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("users_email_key").on(t.email)],
);

export const memberships = pgTable(
  "memberships",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    status: membershipStatusEnum("status").notNull().default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const teams = pgTable(
  "teams",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    /** Optional English name, shown to English-speaking users when set. */
    nameEn: text("name_en"),
    /** Classification key used by responsibility rules (e.g. region "east"). */
    key: text("key"),
    managerId: uuid("manager_id"),
    /** Deals handed out round-robin so far: shared by every server, so turns stay fair. */
    assignmentCounter: integer("assignment_counter").notNull().default(0),
    /**
     * The pipeline new deals of this team start in (else the company's default). The foreign key
     * to pipelines is declared in the migration (0005) — declaring it here would make the schema
     * modules import each other.
     */
    defaultPipelineId: uuid("default_pipeline_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    unique("teams_company_key").on(t.companyId, t.key),
    unique("teams_company_name_key").on(t.companyId, t.name),
    foreignKey({
      name: "teams_manager_fk",
      columns: [t.companyId, t.managerId],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
  ],
);

export const teamMembers = pgTable(
  "team_members",
  {
    companyId: uuid("company_id").notNull(),
    teamId: uuid("team_id").notNull(),
    userId: uuid("user_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.teamId, t.userId] }),
    foreignKey({
      name: "team_members_team_fk",
      columns: [t.companyId, t.teamId],
      foreignColumns: [teams.companyId, teams.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "team_members_membership_fk",
      columns: [t.companyId, t.userId],
      foreignColumns: [memberships.companyId, memberships.userId],
    }).onDelete("cascade"),
    index("team_members_user_idx").on(t.companyId, t.userId),
  ],
);

/** An invitation link an admin sent; only the token's hash is stored. */
export const invites = pgTable(
  "invites",
  {
    companyId: uuid("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().defaultRandom(),
    email: text("email").notNull(),
    role: roleEnum("role").notNull(),
    teamId: uuid("team_id"),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    unique("invites_token_key").on(t.companyId, t.tokenHash),
    index("invites_token_idx").on(t.tokenHash),
    foreignKey({
      name: "invites_team_fk",
      columns: [t.companyId, t.teamId],
      foreignColumns: [teams.companyId, teams.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "invites_creator_fk",
      columns: [t.companyId, t.createdBy],
      foreignColumns: [memberships.companyId, memberships.userId],
    }),
  ],
);
