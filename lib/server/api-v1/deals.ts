import { and, asc, eq, gt, gte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import {
  apiKeys,
  dealEvents,
  deals,
  memberships,
  pipelines,
  pipelineVersions,
  users,
} from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { applyAction } from "@/lib/server/deals/apply-action";
import { createDeal } from "@/lib/server/deals/create-deal";
import { updateDeal, type Currency } from "@/lib/server/deals/update-deal";
import { dealValues } from "@/lib/server/deals/values";
import { presentDeals } from "@/lib/server/deals/present";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { stagesOf } from "@/lib/server/pipelines/list";
import { availableActions } from "@/workflows/runtime";
import type { DealValues } from "@/workflows/rules";
import type { Locale } from "@/lib/i18n/config";
import type { ApiPrincipal } from "./keys";
import { reasonsIn } from "./problem";

/**
 * What the REST API does, on top of the domain functions the app uses (createDeal, updateDeal,
 * applyAction → commitStep): a key acts for its company, sees every deal of it (like an admin
 * or a trainer), and moves deals with a rep's rights through the same engine step as the app —
 * there is no other way in. The event log names the key (deal_events.api_key_id).
 */

/** The company scope the domain functions see for a key: company-wide visibility. */
export const scopeOf = (key: ApiPrincipal): CompanyScope => ({
  id: key.companyId,
  name: key.companyName,
  role: "admin",
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A deal of the key's company, or NOT_FOUND (another company's deal reads exactly like a missing one). */
export async function dealOf(db: Db, key: ApiPrincipal, dealId: string) {
  const [row] = await db
    .select()
    .from(deals)
    .where(and(eq(deals.companyId, key.companyId), eq(deals.id, dealId)));
  if (!row) throw appError("NOT_FOUND", "dealNotFound");
  return row;
}

export async function getDealApi(db: Db, key: ApiPrincipal, dealId: string) {
  const [deal] = await presentDeals(db, key.companyId, [await dealOf(db, key, dealId)]);
  return deal!;
}

/** A member of the company by e-mail (case-insensitive), for owner filters and assignments. */
async function memberByEmail(db: Db, companyId: string, email: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.companyId, companyId)))
    .where(and(eq(sql`lower(${users.email})`, email.toLowerCase()), eq(memberships.status, "active")));
  return row?.id ?? null;
}

const encodeCursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
function decodeCursor<T>(cursor: string, check: (v: unknown) => v is T): T {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (check(v)) return v;
  } catch {
    // falls through
  }
  throw appError("BAD_REQUEST", "api.badCursor");
}
const isDealCursor = (v: unknown): v is [string, string] =>
  Array.isArray(v) &&
  v.length === 2 &&
  typeof v[0] === "string" &&
  /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v[0]) &&
  typeof v[1] === "string" &&
  /^[0-9a-f-]{36}$/.test(v[1]);

/**
 * The company's deals, oldest change first (updated_at, id), a page at a time: a sync reads
 * `updatedSince` its last run and follows `nextCursor`. The (company_id, updated_at, id) index
 * serves the order. (The app's list, lib/server/deals/list.ts, is shaped for its columns.)
 */
export async function listDealsApi(
  db: Db,
  key: ApiPrincipal,
  q: {
    pipeline?: string;
    stage?: string;
    ownerEmail?: string;
    updatedSince?: string;
    limit: number;
    cursor?: string;
  },
) {
  const conditions: SQL[] = [eq(deals.companyId, key.companyId)];
  if (q.pipeline) conditions.push(eq(deals.pipelineId, q.pipeline));
  if (q.stage) conditions.push(eq(deals.stage, q.stage));
  if (q.ownerEmail) {
    const owner = await memberByEmail(db, key.companyId, q.ownerEmail);
    if (!owner) return { items: [], nextCursor: null };
    conditions.push(eq(deals.ownerId, owner));
  }
  if (q.updatedSince) conditions.push(gte(deals.updatedAt, new Date(q.updatedSince)));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, isDealCursor);
    conditions.push(
      or(
        sql`${deals.updatedAt} > ${at}::timestamptz`,
        and(sql`${deals.updatedAt} = ${at}::timestamptz`, gt(deals.id, id)),
      )!,
    );
  }
  const rows = await db
    .select({
      deal: deals,
      at: sql<string>`to_char(${deals.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(deals)
    .where(and(...conditions))
    .orderBy(asc(deals.updatedAt), asc(deals.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: await presentDeals(
      db,
      key.companyId,
      page.map((r) => r.deal),
    ),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.at, last.deal.id]) : null,
  };
}

export async function createDealApi(
  db: Db,
  key: ApiPrincipal,
  input: { pipelineId?: string; ownerEmail?: string; values: DealValues },
) {
  let ownerId: string | null = null;
  if (input.ownerEmail) {
    ownerId = await memberByEmail(db, key.companyId, input.ownerEmail);
    if (!ownerId) throw appError("UNPROCESSABLE_CONTENT", "api.ownerNotFound", { email: input.ownerEmail });
  }
  if (input.pipelineId) {
    const [p] = await db
      .select({ id: pipelines.id })
      .from(pipelines)
      .where(and(eq(pipelines.companyId, key.companyId), eq(pipelines.id, input.pipelineId)));
    if (!p) throw appError("NOT_FOUND", "pipelineNotFound");
  }
  const deal = await createDeal(db, scopeOf(key), null, {
    pipelineId: input.pipelineId,
    values: input.values,
    ownerId,
    apiKeyId: key.keyId,
  });
  return getDealApi(db, key, deal.id);
}

/** The version the client saw, from `If-Match` ("3", W/"3" or 3). */
export function versionFromIfMatch(header: string | null): number | null | "invalid" {
  if (header === null) return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return m ? Number(m[1]) : "invalid";
}

export async function updateDealApi(
  db: Db,
  key: ApiPrincipal,
  dealId: string,
  expectedVersion: number,
  input: { values: DealValues; currency?: Currency },
  locale: Locale,
) {
  await dealOf(db, key, dealId);
  await updateDeal(db, scopeOf(key), key.createdBy, {
    dealId,
    expectedVersion,
    changes: input.values,
    currency: input.currency,
    locale,
    apiKeyId: key.keyId,
  });
  return getDealApi(db, key, dealId);
}

/** The actor the engine sees for a key: a rep's rights (approvals need a person). */
const keyActor = (key: ApiPrincipal) => ({ id: key.keyId, role: "rep" as const, managesDealTeam: false });

export async function dealActionsApi(
  db: Db,
  key: ApiPrincipal,
  dealId: string,
  locale: Locale,
  now = new Date(),
) {
  const deal = await dealOf(db, key, dealId);
  const program = await loadProgram(db, key.companyId, deal.pipelineVersionId);
  const actions = availableActions(program, {
    stage: deal.stage,
    values: dealValues(deal),
    actor: keyActor(key),
    now,
    checked: deal.checklist[deal.stage] ?? [],
  });
  return {
    stage: deal.stage,
    version: deal.version,
    items: actions.map((a) => ({
      key: a.key,
      name: a.name,
      enabled: a.enabled,
      reasons: reasonsIn(locale, a.reasons),
      missingFields: a.missingFields,
      targets: a.targets,
    })),
  };
}

/** Runs an action through the engine, exactly as deals.applyAction does for a member. */
export async function applyActionApi(
  db: Db,
  key: ApiPrincipal,
  dealId: string,
  action: string,
  expectedVersion: number | null,
  input: { values?: DealValues; checked?: string[]; comment?: string },
) {
  const current = await dealOf(db, key, dealId);
  const result = await applyAction(db, scopeOf(key), null, {
    dealId,
    expectedVersion: expectedVersion ?? current.version,
    action,
    changes: input.values,
    checked: input.checked,
    comment: input.comment,
    apiKeyId: key.keyId,
  });
  const [deal] = await presentDeals(db, key.companyId, [result.deal]);
  return {
    moved: result.moved,
    from: current.stage,
    stage: deal!.stage,
    stageName: deal!.stageName,
    outcome: deal!.outcome,
    deal: deal!,
  };
}

export async function dealEventsApi(
  db: Db,
  key: ApiPrincipal,
  dealId: string,
  q: { limit: number; cursor?: string },
) {
  await dealOf(db, key, dealId);
  const after = q.cursor ? decodeCursor(q.cursor, (v): v is number => Number.isSafeInteger(v)) : null;
  const rows = await db
    .select({ event: dealEvents, userName: users.name, keyName: apiKeys.name })
    .from(dealEvents)
    .leftJoin(users, eq(users.id, dealEvents.actorId))
    .leftJoin(apiKeys, and(eq(apiKeys.companyId, dealEvents.companyId), eq(apiKeys.id, dealEvents.apiKeyId)))
    .where(
      and(
        eq(dealEvents.companyId, key.companyId),
        eq(dealEvents.dealId, dealId),
        after !== null ? gt(dealEvents.id, after) : undefined,
      ),
    )
    .orderBy(asc(dealEvents.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ event: e, userName, keyName }) => ({
      id: e.id,
      type: e.type,
      action: e.action,
      fromStage: e.fromStage,
      toStage: e.toStage,
      actor: e.apiKeyId
        ? { type: "apiKey" as const, id: e.apiKeyId, name: keyName }
        : e.actorId
          ? { type: "user" as const, id: e.actorId, name: userName }
          : { type: "system" as const, id: null, name: null },
      changes: e.changes,
      comment: e.comment,
      at: e.at.toISOString(),
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.event.id) : null,
  };
}

// ── Pipelines ────────────────────────────────────────────────────────────────

async function pipelineRows(db: Db, companyId: string, pipelineId?: string) {
  return db
    .select({
      id: pipelines.id,
      key: pipelines.key,
      name: pipelines.name,
      isDefault: pipelines.isDefault,
      versionId: pipelineVersions.id,
      number: pipelineVersions.number,
      publishedAt: pipelineVersions.publishedAt,
      definition: pipelineVersions.definition,
    })
    .from(pipelines)
    .leftJoin(
      pipelineVersions,
      and(
        eq(pipelineVersions.companyId, pipelines.companyId),
        eq(pipelineVersions.pipelineId, pipelines.id),
        eq(pipelineVersions.status, "published"),
      ),
    )
    .where(and(eq(pipelines.companyId, companyId), pipelineId ? eq(pipelines.id, pipelineId) : undefined))
    .orderBy(asc(pipelines.createdAt), asc(pipelines.id));
}

const summary = (r: Awaited<ReturnType<typeof pipelineRows>>[number]) => ({
  id: r.id,
  key: r.key,
  name: r.name,
  isDefault: r.isDefault,
  publishedVersion: r.versionId
    ? { id: r.versionId, number: r.number!, publishedAt: iso(r.publishedAt) }
    : null,
  stages: r.definition ? stagesOf(r.definition) : [],
});

export async function listPipelinesApi(db: Db, key: ApiPrincipal) {
  return { items: (await pipelineRows(db, key.companyId)).map(summary) };
}

export async function getPipelineApi(db: Db, key: ApiPrincipal, pipelineId: string) {
  const [row] = await pipelineRows(db, key.companyId, pipelineId);
  if (!row) throw appError("NOT_FOUND", "pipelineNotFound");
  return {
    ...summary(row),
    fields: row.definition?.fields ?? [],
    definition: (row.definition ?? {}) as Record<string, unknown>,
  };
}
