import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import {
  apiKeys,
  dealEvents,
  deals,
  memberships,
  pipelines,
  pipelineVersions,
  teams,
  users,
} from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { dealListConditions, type DealListFilters } from "@/lib/server/deals/list";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import type { Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";
import type { FieldDef, LocalizedText } from "@/workflows/definition/schema";
import type { Program } from "@/workflows/runtime";
import { dayOf, fieldCell, langOf, text, type Lang } from "./values";
import { exportFile, type ExportCell, type ExportColumn, type ExportSheet } from "./workbook";

/** The most deals (and history entries) one export holds; narrow the filters for more. */
export const MAX_EXPORT_DEALS = 100_000;
export const MAX_EXPORT_EVENTS = 1_000_000;
const CHUNK = 5000;

type Tr = ReturnType<typeof translator>;
const col = (tr: Tr, key: string) => tr(`exports.col.${key}` as never);

type Loaded = {
  deals: (typeof deals.$inferSelect & {
    ownerName: string | null;
    ownerEmail: string | null;
    teamName: string | null;
    teamNameEn: string | null;
    pipelineName: LocalizedText;
  })[];
  programs: Map<string, Program>;
  versionNumbers: Map<string, number>;
  people: Map<string, { name: string; email: string }>;
};

/** The deals the member sees under the list's filters, with what their rows need. */
async function loadDeals(
  db: Db,
  company: CompanyScope,
  userId: string,
  filters: DealListFilters,
): Promise<Loaded> {
  const conditions = await dealListConditions(db, company, userId, filters);
  const rows = await db
    .select({
      deal: deals,
      ownerName: users.name,
      ownerEmail: users.email,
      teamName: teams.name,
      teamNameEn: teams.nameEn,
      pipelineName: pipelines.name,
    })
    .from(deals)
    .innerJoin(pipelines, and(eq(pipelines.companyId, deals.companyId), eq(pipelines.id, deals.pipelineId)))
    .leftJoin(users, eq(users.id, deals.ownerId))
    .leftJoin(teams, and(eq(teams.companyId, deals.companyId), eq(teams.id, deals.teamId)))
    .where(and(...conditions))
    .orderBy(asc(deals.createdAt), asc(deals.id))
    .limit(MAX_EXPORT_DEALS + 1);
  if (rows.length > MAX_EXPORT_DEALS)
    throw appError("BAD_REQUEST", "exportTooLarge", { max: MAX_EXPORT_DEALS });
  const versionIds = [...new Set(rows.map((r) => r.deal.pipelineVersionId))];
  const programs = new Map<string, Program>();
  for (const id of versionIds) programs.set(id, await loadProgram(db, company.id, id));
  const versions = versionIds.length
    ? await db
        .select({ id: pipelineVersions.id, number: pipelineVersions.number })
        .from(pipelineVersions)
        .where(and(eq(pipelineVersions.companyId, company.id), inArray(pipelineVersions.id, versionIds)))
    : [];
  const people = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.companyId, company.id));
  return {
    deals: rows.map((r) => ({
      ...r.deal,
      ownerName: r.ownerName,
      ownerEmail: r.ownerEmail,
      teamName: r.teamName,
      teamNameEn: r.teamNameEn,
      pipelineName: r.pipelineName,
    })),
    programs,
    versionNumbers: new Map(versions.map((v) => [v.id, v.number])),
    people: new Map(people.map((p) => [p.id, { name: p.name, email: p.email }])),
  };
}

/** Every field of the exported deals' versions, once by key, in their definitions' order. */
function fieldsOf(programs: Map<string, Program>): FieldDef[] {
  const byKey = new Map<string, FieldDef>();
  for (const p of programs.values()) for (const f of p.fields) if (!byKey.has(f.key)) byKey.set(f.key, f);
  return [...byKey.values()];
}

/** A state's name in the version (stages, approvals and decisions alike). */
export function stateName(program: Program | undefined, key: string | null, lang: Lang): string {
  if (!key) return "";
  const meta = program?.compiled.machine.states[key]?.meta;
  return meta ? meta.name[lang] : key;
}

/**
 * The deals sheet: the import's own columns first (external id, stage, owner e-mail, currency,
 * created and closed days, under the names the import suggests), then every field of the
 * pipelines (custom ones included), then what only Pipewright knows (id, pipeline, version,
 * team, priority, score, last update). Exported and imported again, a sheet gives the same deals.
 */
function dealsSheet(loaded: Loaded, locale: Locale): ExportSheet {
  const tr = translator(locale);
  const lang = langOf(locale);
  const fields = fieldsOf(loaded.programs);
  const emailOf = (id: string) => loaded.people.get(id)?.email;
  const columns: ExportColumn[] = [
    { header: col(tr, "externalId") },
    { header: col(tr, "stage") },
    { header: col(tr, "ownerEmail"), width: 26 },
    { header: col(tr, "owner") },
    { header: col(tr, "currency") },
    { header: col(tr, "createdOn"), kind: "day" },
    { header: col(tr, "closedOn"), kind: "day" },
    ...fields.map((f): ExportColumn => ({
      header: f.name[lang],
      kind: f.type === "date" ? "day" : f.type === "number" || f.type === "currency" ? "number" : "text",
      width: f.type === "longText" ? 40 : undefined,
    })),
    { header: col(tr, "dealId"), width: 38 },
    { header: col(tr, "pipeline") },
    { header: col(tr, "version") },
    { header: col(tr, "team") },
    { header: col(tr, "priority") },
    { header: col(tr, "score") },
    { header: col(tr, "updatedAt"), kind: "time", width: 20 },
  ];
  const rows = loaded.deals.map((d): ExportCell[] => {
    const program = loaded.programs.get(d.pipelineVersionId);
    const own = new Map(program?.fields.map((f) => [f.key, f]));
    const values: Record<string, unknown> = {
      ...d.fields,
      title: d.title,
      account: d.account,
      amount: d.amount,
    };
    const closed = program?.compiled.machine.states[d.stage]?.meta;
    const isClosed = closed?.kind === "stage" && closed.outcome !== "open";
    return [
      d.externalId,
      stateName(program, d.stage, lang),
      d.ownerEmail,
      d.ownerName,
      d.currency,
      dayOf(d.createdAt),
      isClosed ? dayOf(d.closedAt ?? d.stageEnteredAt) : null,
      ...fields.map((f) => fieldCell(own.get(f.key) ?? f, values[f.key], lang, emailOf)),
      d.id,
      text(d.pipelineName, lang),
      loaded.versionNumbers.get(d.pipelineVersionId) ?? null,
      d.teamName ? (lang === "en" && d.teamNameEn ? d.teamNameEn : d.teamName) : null,
      d.priority,
      d.score,
      d.updatedAt.toISOString(),
    ];
  });
  return { name: tr("exports.sheet.deals" as never), columns, rows };
}

/** The history of the exported deals: one row per event, oldest first per deal. */
async function historySheet(
  db: Db,
  company: CompanyScope,
  loaded: Loaded,
  locale: Locale,
): Promise<ExportSheet> {
  const tr = translator(locale);
  const lang = langOf(locale);
  const byId = new Map(loaded.deals.map((d) => [d.id, d]));
  const keys = await db
    .select({ id: apiKeys.id, name: apiKeys.name })
    .from(apiKeys)
    .where(eq(apiKeys.companyId, company.id));
  const keyNames = new Map(keys.map((k) => [k.id, k.name]));
  const events: (typeof dealEvents.$inferSelect)[] = [];
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    events.push(
      ...(await db
        .select()
        .from(dealEvents)
        .where(and(eq(dealEvents.companyId, company.id), inArray(dealEvents.dealId, ids.slice(i, i + CHUNK))))
        .orderBy(asc(dealEvents.dealId), asc(dealEvents.at), asc(dealEvents.id))),
    );
    if (events.length > MAX_EXPORT_EVENTS)
      throw appError("BAD_REQUEST", "exportTooLarge", { max: MAX_EXPORT_EVENTS });
  }
  const order = new Map(ids.map((id, i) => [id, i]));
  events.sort(
    (a, b) => order.get(a.dealId)! - order.get(b.dealId)! || a.at.getTime() - b.at.getTime() || a.id - b.id,
  );
  const emailOf = (id: string) => loaded.people.get(id)?.email;
  const columns: ExportColumn[] = [
    { header: col(tr, "dealId"), width: 38 },
    { header: col(tr, "externalId") },
    { header: col(tr, "title"), width: 24 },
    { header: col(tr, "at"), kind: "time", width: 20 },
    { header: col(tr, "eventType") },
    { header: col(tr, "action") },
    { header: col(tr, "fromStage") },
    { header: col(tr, "toStage") },
    { header: col(tr, "actor") },
    { header: col(tr, "actorEmail"), width: 26 },
    { header: col(tr, "changes"), width: 50 },
    { header: col(tr, "comment"), width: 40 },
  ];
  const rows = events.map((e): ExportCell[] => {
    const deal = byId.get(e.dealId)!;
    const program = loaded.programs.get(e.pipelineVersionId) ?? loaded.programs.get(deal.pipelineVersionId);
    const fields = new Map(program?.fields.map((f) => [f.key, f]));
    const action =
      e.action === "approve" || e.action === "reject"
        ? tr(`exports.action.${e.action}` as never)
        : e.action
          ? (program?.definition.edges.find((x) => x.action?.key === e.action)?.action?.name[lang] ??
            e.action)
          : "";
    const person = e.actorId ? loaded.people.get(e.actorId) : undefined;
    const actor = e.apiKeyId
      ? tr("exports.apiKey" as never, { name: keyNames.get(e.apiKeyId) ?? "—" } as never)
      : (person?.name ?? (e.actorId ? "—" : tr("exports.system" as never)));
    const changes = Object.entries(e.changes ?? {})
      .map(([key, { from, to }]) => {
        const f = fields.get(key);
        const name = f ? f.name[lang] : key === "ownerId" ? col(tr, "owner") : key;
        const show = (v: unknown) => {
          if (key === "ownerId" && typeof v === "string") return loaded.people.get(v)?.name ?? v;
          const cell = fieldCell(f, v, lang, emailOf);
          return cell === null ? "—" : String(cell);
        };
        return `${name}: ${show(from)} → ${show(to)}`;
      })
      .join("; ");
    return [
      deal.id,
      deal.externalId,
      deal.title,
      e.at.toISOString(),
      tr(`exports.eventType.${e.type}` as never),
      action,
      stateName(program, e.fromStage, lang),
      stateName(program, e.toStage, lang),
      actor,
      person?.email ?? null,
      changes || null,
      e.comment,
    ];
  });
  return { name: tr("exports.sheet.history" as never), columns, rows };
}

export type DealsExportInput = {
  filters: DealListFilters;
  format: "csv" | "xlsx";
  /** deals: the deals (XLSX adds their history as a second sheet); history: the events only. */
  what: "deals" | "history";
  locale: Locale;
};

/**
 * The deals the member sees under the deals list's filters, with all their fields (custom ones as
 * columns), and their histories: as CSV (one sheet) or XLSX. Scoped like the list itself.
 */
export async function exportDeals(db: Db, company: CompanyScope, userId: string, input: DealsExportInput) {
  const loaded = await loadDeals(db, company, userId, input.filters);
  if (input.what === "history")
    return exportFile("deal-history", input.format, [await historySheet(db, company, loaded, input.locale)]);
  const sheets = [dealsSheet(loaded, input.locale)];
  if (input.format === "xlsx") sheets.push(await historySheet(db, company, loaded, input.locale));
  return exportFile("deals", input.format, sheets);
}
