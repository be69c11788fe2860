import { randomBytes, randomUUID } from "node:crypto";
import { and, asc, count, eq, inArray, ne, sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db, Tx } from "@/lib/server/db/client";
import {
  actionRefusals,
  apiKeys,
  companies,
  dealEvents,
  deals,
  importMappings,
  memberships,
  pipelines,
  pipelineVersions,
  processFeedback,
  processFeedbackEvents,
  savedViews,
  targets,
  teamMembers,
  teams,
  users,
  versionAuditEvents,
  versionPilots,
  versionPilotTeams,
} from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { applyTimerChanges } from "@/lib/server/jobs/schedule";
import { stageTimers } from "@/lib/server/deals/reopen";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { compile } from "@/workflows/compiler";
import type { PipelineDefinition } from "@/workflows/definition/schema";

export const ARCHIVE_FORMAT = "pipewright.company-archive";
export const ARCHIVE_VERSION = 1;

type Row = Record<string, unknown>;

/**
 * The tenant tables an archive carries, in the order a restore inserts them (foreign keys first),
 * with the columns that hold a person's id (remapped when a person gets another id on restore).
 * Identity ids (event logs) are not carried: the restoring database numbers them again, in order.
 */
export const ARCHIVED_TABLES: { table: PgTable; userColumns: string[]; dropIdentity?: boolean }[] = [
  { table: pipelines, userColumns: [] },
  { table: pipelineVersions, userColumns: ["created_by", "updated_by"] },
  { table: teams, userColumns: ["manager_id"] },
  { table: teamMembers, userColumns: ["user_id"] },
  { table: versionPilots, userColumns: ["created_by", "ended_by"] },
  { table: versionPilotTeams, userColumns: [] },
  { table: versionAuditEvents, userColumns: ["actor_id"], dropIdentity: true },
  { table: apiKeys, userColumns: ["created_by", "revoked_by"] },
  { table: deals, userColumns: ["owner_id", "created_by"] },
  { table: dealEvents, userColumns: ["actor_id"], dropIdentity: true },
  { table: actionRefusals, userColumns: ["actor_id"], dropIdentity: true },
  { table: savedViews, userColumns: ["user_id"] },
  { table: importMappings, userColumns: ["created_by"] },
  { table: targets, userColumns: ["user_id", "created_by", "updated_by"] },
  { table: processFeedback, userColumns: ["author_id", "decided_by"] },
  { table: processFeedbackEvents, userColumns: ["actor_id"], dropIdentity: true },
];

/**
 * Tenant tables an archive leaves out on purpose: secrets that must not travel (invitation
 * tokens, webhook signing secrets, idempotency replays), transient state (notifications, the
 * webhook outbox), and uploads (import files and their error lists). Kept in sync with the
 * schema by a test: a new table must be put in one list or the other.
 */
export const SKIPPED_TABLES = [
  "memberships",
  "invites",
  "notifications",
  "idempotency_keys",
  "webhook_endpoints",
  "webhook_deliveries",
  "imports",
  "import_errors",
  // Migration runs: the deals' own events keep each move; a migration's ledger names event ids an
  // archive renumbers, so a restored company cannot roll an old migration back.
  "version_migrations",
  "version_migration_deals",
  // Derived from the deals and their events (docs/analytics.md): rebuilt on restore.
  "deal_stage_visits",
  "deal_facts",
  "stage_visit_months",
  "deal_funnel_months",
  "deal_close_months",
  // Practice deals are a sandbox for training, not company data.
  "practice_deals",
];

const nameOf = (t: PgTable) => getTableConfig(t).name;
const columnsOf = (t: PgTable, dropIdentity = false) =>
  getTableConfig(t)
    .columns.filter((c) => !(dropIdentity && c.name === "id"))
    .map((c) => c.name);

/** The order rows are read and written in: logs by time then id (so they are numbered again in order), else by id. */
function orderOf(t: PgTable) {
  const names = getTableConfig(t).columns.map((c) => c.name);
  if (names.includes("at")) return sql.raw("at, id");
  return names.includes("id") ? sql.raw("id") : sql.raw(names.slice(0, 3).join(", "));
}

export const ArchivePerson = z.object({
  id: z.uuid(),
  email: z.string().min(3).max(320),
  name: z.string().min(1).max(200),
  locale: z.enum(["zh-CN", "en"]).nullable(),
  role: z.enum(["admin", "manager", "trainer", "rep"]),
  status: z.enum(["active", "deactivated"]),
  createdAt: z.string(),
  deactivatedAt: z.string().nullable(),
});

/** What an archive file must look like to be restored (rows are checked by Postgres on insert). */
export const CompanyArchive = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exportedAt: z.string(),
  company: z.object({
    name: z.string().min(1).max(200),
    nameEn: z.string().max(200).nullable(),
    defaultLocale: z.enum(["zh-CN", "en"]),
    currency: z.string().min(3).max(3),
    settings: z.record(z.string(), z.unknown()),
  }),
  people: z.array(ArchivePerson),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type CompanyArchive = z.infer<typeof CompanyArchive>;

/**
 * The whole company as one JSON document: its settings, its people (e-mail, name, role — never
 * a password), and every row of the tables above, as Postgres renders them (to_jsonb), without
 * the company's id. Admins only (declared on the procedure).
 */
export async function exportArchive(db: Db, company: CompanyScope, now = new Date()) {
  const [c] = await db.select().from(companies).where(eq(companies.id, company.id));
  if (!c) throw appError("NOT_FOUND", "companyNotFound");
  const people = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      role: memberships.role,
      status: memberships.status,
      createdAt: memberships.createdAt,
      deactivatedAt: memberships.deactivatedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.companyId, company.id))
    .orderBy(asc(memberships.createdAt), asc(users.email));
  const tables: Record<string, Row[]> = {};
  for (const { table, dropIdentity } of ARCHIVED_TABLES) {
    const name = nameOf(table);
    const drop = dropIdentity ? sql.raw(`- 'company_id' - 'id'`) : sql.raw(`- 'company_id'`);
    const result = await db.execute<{ row: Row }>(
      sql`select to_jsonb(t) ${drop} as row from ${sql.identifier(name)} t
          where company_id = ${company.id} order by ${orderOf(table)}`,
    );
    tables[name] = [...result].map((r) => r.row);
  }
  const archive: CompanyArchive = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: now.toISOString(),
    company: {
      name: c.name,
      nameEn: c.nameEn,
      defaultLocale: c.defaultLocale,
      currency: c.currency,
      settings: c.settings,
    },
    people: people.map((p) => ({
      ...p,
      createdAt: p.createdAt.toISOString(),
      deactivatedAt: p.deactivatedAt?.toISOString() ?? null,
    })),
    tables,
  };
  const stamp = now.toISOString().slice(0, 10);
  return {
    fileName: `pipewright-archive-${stamp}.json`,
    contentType: "application/json; charset=utf-8",
    encoding: "utf8" as const,
    body: JSON.stringify(archive),
  };
}

/** Replaces the ids of people who got another id, anywhere in a JSON value (approvers, owner rules). */
function remapDeep(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === "string") return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => remapDeep(v, ids));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remapDeep(v, ids)]));
  return value;
}

/** Whether the company holds nothing yet but the admin restoring into it. */
async function isEmpty(tx: Tx, companyId: string, adminId: string) {
  const counts = await Promise.all([
    tx.select({ n: count() }).from(pipelines).where(eq(pipelines.companyId, companyId)),
    tx.select({ n: count() }).from(deals).where(eq(deals.companyId, companyId)),
    tx.select({ n: count() }).from(teams).where(eq(teams.companyId, companyId)),
    tx
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.companyId, companyId), ne(memberships.userId, adminId))),
  ]);
  return counts.every(([r]) => (r?.n ?? 0) === 0);
}

const BATCH = 1000;

/**
 * Restores an archive into the caller's company, which must be empty (no pipelines, deals or
 * teams, no member but the restoring admin): all of it in one transaction or nothing. People are
 * found by e-mail (an existing account is added, keeping its password) or created without a
 * password (an admin gives them a one-time password or an invitation). API keys come back
 * revoked (their secrets never travel). Open deals get their stage time limits scheduled again.
 */
export async function restoreArchive(db: Db, company: CompanyScope, adminId: string, input: unknown) {
  const parsed = CompanyArchive.safeParse(input);
  if (!parsed.success) throw appError("BAD_REQUEST", "archiveInvalid");
  const archive = parsed.data;
  const known = new Set(ARCHIVED_TABLES.map((t) => nameOf(t.table)));
  const unknown = Object.keys(archive.tables).filter((name) => !known.has(name));
  if (unknown.length) throw appError("BAD_REQUEST", "archiveInvalid");

  return db.transaction(async (tx) => {
    // One restore at a time per company: the company row is the lock.
    await tx.select({ id: companies.id }).from(companies).where(eq(companies.id, company.id)).for("update");
    if (!(await isEmpty(tx, company.id, adminId))) throw appError("CONFLICT", "archiveCompanyNotEmpty");

    await tx
      .update(companies)
      .set({
        name: archive.company.name,
        nameEn: archive.company.nameEn,
        defaultLocale: archive.company.defaultLocale,
        currency: archive.company.currency,
        settings: archive.company.settings,
      })
      .where(eq(companies.id, company.id));

    // People: by e-mail; new accounts keep their archived id when it is free.
    const ids = new Map<string, string>();
    const emails = archive.people.map((p) => p.email.toLowerCase());
    const existing = emails.length
      ? await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, emails))
      : [];
    const byEmail = new Map(existing.map((u) => [u.email.toLowerCase(), u.id]));
    const takenIds = archive.people.length
      ? new Set(
          (
            await tx
              .select({ id: users.id })
              .from(users)
              .where(
                inArray(
                  users.id,
                  archive.people.map((p) => p.id),
                ),
              )
          ).map((u) => u.id),
        )
      : new Set<string>();
    for (const p of archive.people) {
      let id = byEmail.get(p.email.toLowerCase());
      if (!id) {
        id = takenIds.has(p.id) ? randomUUID() : p.id;
        await tx.insert(users).values({ id, email: p.email.toLowerCase(), name: p.name, locale: p.locale });
      }
      ids.set(p.id, id);
      if (id === adminId) continue; // the restoring admin is a member already, and stays admin
      await tx.insert(memberships).values({
        companyId: company.id,
        userId: id,
        role: p.role,
        status: p.status,
        createdAt: new Date(p.createdAt),
        deactivatedAt: p.deactivatedAt ? new Date(p.deactivatedAt) : null,
      });
    }
    const moved = new Map([...ids].filter(([from, to]) => from !== to));

    const restored: Record<string, number> = {};
    for (const { table, userColumns, dropIdentity } of ARCHIVED_TABLES) {
      const name = nameOf(table);
      const rows = (archive.tables[name] ?? []).map((source) => {
        const row: Row = { ...source, company_id: company.id };
        for (const c of userColumns)
          if (typeof row[c] === "string") row[c] = ids.get(row[c] as string) ?? row[c];
        if (name === "api_keys") {
          // A key's secret never travels: it comes back revoked, under a prefix of its own.
          row.prefix = randomBytes(6).toString("hex");
          row.hash = randomBytes(32).toString("hex");
          row.revoked_at ??= new Date().toISOString();
          row.revoked_by ??= adminId;
          row.rate_window_start = null;
          row.rate_count = 0;
        }
        if (name === "pipeline_versions" && moved.size) {
          const definition = remapDeep(row.definition, moved) as PipelineDefinition;
          if (JSON.stringify(definition) !== JSON.stringify(row.definition)) {
            const compiled = compile(definition);
            row.definition = definition;
            row.machine = compiled.machine
              ? { machine: compiled.machine, delays: compiled.delays }
              : row.machine;
            row.hash = compiled.hash;
          }
        }
        return row;
      });
      const columns = columnsOf(table, dropIdentity);
      const list = sql.join(
        columns.map((c) => sql.identifier(c)),
        sql`, `,
      );
      for (let i = 0; i < rows.length; i += BATCH) {
        await tx.execute(
          sql`insert into ${sql.identifier(name)} (${list})
              select ${list} from jsonb_populate_recordset(null::${sql.identifier(name)}, ${JSON.stringify(rows.slice(i, i + BATCH))}::jsonb)`,
        );
      }
      restored[name] = rows.length;
    }

    // The analytics read model follows the events as they go in; rebuilt once more for deals
    // an older archive carries without events.
    await tx.execute(sql`select pw_analytics_rebuild(${company.id}::uuid)`);

    // Time limits of open deals are jobs, not rows: schedule them again from each stay's start.
    const open = await tx
      .select({
        id: deals.id,
        stage: deals.stage,
        versionId: deals.pipelineVersionId,
        enteredAt: deals.stageEnteredAt,
      })
      .from(deals)
      .where(and(eq(deals.companyId, company.id), sql`${deals.closedAt} is null`));
    const timers = [];
    for (const d of open) {
      const program = await loadProgram(tx, company.id, d.versionId);
      timers.push(...stageTimers(program, company.id, d.id, d.stage, d.enteredAt));
    }
    for (let i = 0; i < timers.length; i += 500) await applyTimerChanges(tx, timers.slice(i, i + 500));
    return { people: archive.people.length, tables: restored };
  });
}
