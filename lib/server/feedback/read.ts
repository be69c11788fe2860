import "server-only";
import { aliasedTable, and, asc, count, desc, eq, inArray, ne, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import {
  deals,
  pipelines,
  pipelineVersions,
  processFeedback,
  processFeedbackEvents,
  users,
} from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { visibleDeals } from "@/lib/server/deals/visibility";
import { appError } from "@/lib/server/errors";
import { loadProgram } from "@/lib/server/pipelines/program-cache";
import { FEEDBACK_STATUSES, type FeedbackStatus, type FeedbackSubjectKind } from "@/lib/feedback/status";
import { feedbackSubjects, pointName, subjectName } from "@/lib/feedback/subjects";
import type { LocalizedText } from "@/workflows/definition/schema";

/*
 * Reading feedback. Who reads what: the author their own; admins, trainers and managers the
 * company's (the inbox; managers only read). Anonymous feedback names its author — and its deal,
 * whose owner would name them — to admins and to the author only; this is decided here, on the
 * server, so no client ever receives the name.
 */

export const PAGE_SIZE = 30;
const author = aliasedTable(users, "author");
const decider = aliasedTable(users, "decider");
const given = aliasedTable(pipelineVersions, "given");
const shipped = aliasedTable(pipelineVersions, "shipped");

/** Roles that read the company's feedback (the inbox); of them, admins and trainers triage. */
export const INBOX_ROLES = new Set(["admin", "trainer", "manager"]);

/** One row as read, before it is presented to a reader. */
type Selected = {
  row: typeof processFeedback.$inferSelect;
  pipelineName: LocalizedText;
  versionNumber: number;
  shippedNumber: number | null;
  authorName: string;
  deciderName: string | null;
  dealTitle: string | null;
};
async function selectFeedback(
  db: Db,
  company: CompanyScope,
  userId: string,
  where: SQL | undefined,
  page?: { offset: number; order: "created" | "updated" },
): Promise<Selected[]> {
  const visible = await visibleDeals(db, company, userId);
  const query = db
    .select({
      row: processFeedback,
      pipelineName: pipelines.name,
      versionNumber: given.number,
      shippedNumber: shipped.number,
      authorName: author.name,
      deciderName: decider.name,
      dealTitle: deals.title,
    })
    .from(processFeedback)
    .innerJoin(
      pipelines,
      and(eq(pipelines.companyId, processFeedback.companyId), eq(pipelines.id, processFeedback.pipelineId)),
    )
    .innerJoin(
      given,
      and(eq(given.companyId, processFeedback.companyId), eq(given.id, processFeedback.pipelineVersionId)),
    )
    .leftJoin(
      shipped,
      and(eq(shipped.companyId, processFeedback.companyId), eq(shipped.id, processFeedback.shippedVersionId)),
    )
    .innerJoin(author, eq(author.id, processFeedback.authorId))
    .leftJoin(decider, eq(decider.id, processFeedback.decidedBy))
    // Only a deal the reader may see is named.
    .leftJoin(
      deals,
      and(eq(deals.companyId, processFeedback.companyId), eq(deals.id, processFeedback.dealId), visible),
    )
    .where(and(eq(processFeedback.companyId, company.id), where))
    .$dynamic();
  if (!page) return await query;
  const newest =
    page.order === "created"
      ? [desc(processFeedback.createdAt), desc(processFeedback.id)]
      : [desc(processFeedback.updatedAt), desc(processFeedback.id)];
  return await query
    .orderBy(...newest)
    .limit(PAGE_SIZE + 1)
    .offset(page.offset);
}

/** Names of stages and subjects, from the version each piece of feedback was given on. */
async function namesFor(db: Db, companyId: string, rows: Selected[]) {
  const definitions = new Map<string, Awaited<ReturnType<typeof loadProgram>>["definition"]>();
  for (const id of new Set(rows.map((r) => r.row.pipelineVersionId)))
    definitions.set(id, (await loadProgram(db, companyId, id)).definition);
  return (r: Selected["row"]) => {
    const definition = definitions.get(r.pipelineVersionId)!;
    const subject =
      r.subjectKind && r.subjectKey
        ? {
            kind: r.subjectKind as FeedbackSubjectKind,
            key: r.subjectKey,
            name: subjectName(definition, r.subjectKind as FeedbackSubjectKind, r.subjectKey),
          }
        : null;
    return { stageName: pointName(definition, r.stageKey), subject };
  };
}

/** One piece of feedback as `reader` may see it. */
function present(
  s: Selected,
  names: {
    stageName: LocalizedText | null;
    subject: { kind: FeedbackSubjectKind; key: string; name: LocalizedText | null } | null;
  },
  company: CompanyScope,
  userId: string,
) {
  const r = s.row;
  const mine = r.authorId === userId;
  const named = !r.anonymous || mine || company.role === "admin";
  return {
    id: r.id,
    version: r.version,
    status: r.status as FeedbackStatus,
    pipeline: { id: r.pipelineId, name: s.pipelineName },
    givenOn: { id: r.pipelineVersionId, number: s.versionNumber },
    stage: { key: r.stageKey, name: names.stageName },
    subject: names.subject,
    deal: named && r.dealId && s.dealTitle !== null ? { id: r.dealId, title: s.dealTitle } : null,
    author: named ? { id: r.authorId, name: s.authorName } : null,
    anonymous: r.anonymous,
    mine,
    problem: r.problem,
    suggestion: r.suggestion,
    reply: r.reply,
    shippedIn:
      r.shippedVersionId && s.shippedNumber !== null
        ? { id: r.shippedVersionId, number: s.shippedNumber }
        : null,
    decidedBy: s.deciderName,
    decidedAt: r.decidedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
export type FeedbackItem = ReturnType<typeof present>;

async function presentAll(db: Db, company: CompanyScope, userId: string, rows: Selected[]) {
  const name = await namesFor(db, company.id, rows);
  return rows.map((s) => present(s, name(s.row), company, userId));
}

/**
 * The company's feedback (newest first) under the inbox's filters, a page at a time, with how many
 * there are in each status under the same filters (pipeline and stage) whatever statuses are picked.
 */
export async function feedbackInbox(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: { pipelineId?: string; stageKey?: string; statuses?: FeedbackStatus[]; cursor?: number | null },
) {
  const scope = and(
    input.pipelineId ? eq(processFeedback.pipelineId, input.pipelineId) : undefined,
    input.stageKey ? eq(processFeedback.stageKey, input.stageKey) : undefined,
  );
  const rows = await selectFeedback(
    db,
    company,
    userId,
    and(scope, input.statuses ? inArray(processFeedback.status, input.statuses) : undefined),
    { offset: input.cursor ?? 0, order: "created" },
  );
  const counted = await db
    .select({ status: processFeedback.status, n: count() })
    .from(processFeedback)
    .where(and(eq(processFeedback.companyId, company.id), scope))
    .groupBy(processFeedback.status);
  const counts = Object.fromEntries(FEEDBACK_STATUSES.map((s) => [s, 0])) as Record<FeedbackStatus, number>;
  for (const c of counted) counts[c.status as FeedbackStatus] = c.n;
  return {
    items: await presentAll(db, company, userId, rows.slice(0, PAGE_SIZE)),
    nextCursor: rows.length > PAGE_SIZE ? (input.cursor ?? 0) + PAGE_SIZE : null,
    counts,
  };
}

/** The member's own feedback, the most recently changed first. */
export async function myFeedback(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: { cursor?: number | null },
) {
  const rows = await selectFeedback(db, company, userId, eq(processFeedback.authorId, userId), {
    offset: input.cursor ?? 0,
    order: "updated",
  });
  return {
    items: await presentAll(db, company, userId, rows.slice(0, PAGE_SIZE)),
    nextCursor: rows.length > PAGE_SIZE ? (input.cursor ?? 0) + PAGE_SIZE : null,
  };
}

/**
 * One piece of feedback with what happened to it (each change of status: who, when, the note, the
 * version shipped in). The author and the inbox's readers may open it; anyone else gets NOT_FOUND.
 */
export async function getFeedback(db: Db, company: CompanyScope, userId: string, feedbackId: string) {
  const [row] = await selectFeedback(db, company, userId, eq(processFeedback.id, feedbackId));
  if (!row || (row.row.authorId !== userId && !INBOX_ROLES.has(company.role)))
    throw appError("NOT_FOUND", "feedback.notFound");
  const [item] = await presentAll(db, company, userId, [row]);
  const history = await db
    .select({
      id: processFeedbackEvents.id,
      from: processFeedbackEvents.fromStatus,
      to: processFeedbackEvents.toStatus,
      note: processFeedbackEvents.note,
      shippedNumber: shipped.number,
      actorName: users.name,
      at: processFeedbackEvents.at,
    })
    .from(processFeedbackEvents)
    .innerJoin(users, eq(users.id, processFeedbackEvents.actorId))
    .leftJoin(
      shipped,
      and(
        eq(shipped.companyId, processFeedbackEvents.companyId),
        eq(shipped.id, processFeedbackEvents.shippedVersionId),
      ),
    )
    .where(
      and(eq(processFeedbackEvents.companyId, company.id), eq(processFeedbackEvents.feedbackId, feedbackId)),
    )
    .orderBy(asc(processFeedbackEvents.at), asc(processFeedbackEvents.id));
  return {
    ...item!,
    history: history.map((h) => ({ ...h, from: h.from as FeedbackStatus, to: h.to as FeedbackStatus })),
  };
}

/**
 * Open and accepted feedback per stage of a pipeline (whatever version it was given on): the
 * badges on the editor's nodes.
 */
export async function stageCounts(db: Db, companyId: string, pipelineId: string) {
  const rows = await db
    .select({ stageKey: processFeedback.stageKey, status: processFeedback.status, n: count() })
    .from(processFeedback)
    .where(
      and(
        eq(processFeedback.companyId, companyId),
        eq(processFeedback.pipelineId, pipelineId),
        inArray(processFeedback.status, ["open", "accepted"]),
      ),
    )
    .groupBy(processFeedback.stageKey, processFeedback.status);
  const out: Record<string, { open: number; accepted: number }> = {};
  for (const r of rows) {
    const entry = (out[r.stageKey] ??= { open: 0, accepted: 0 });
    entry[r.status as "open" | "accepted"] = r.n;
  }
  return out;
}

/** How much feedback waits to be triaged (the navigation's count for admins and trainers). */
export async function openCount(db: Db, companyId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(processFeedback)
    .where(and(eq(processFeedback.companyId, companyId), eq(processFeedback.status, "open")));
  return row?.n ?? 0;
}

/**
 * What the inbox filters and the triage form pick from: each pipeline, its stages (by the newest
 * version that has each key) and the versions a change can ship in (not drafts), newest first.
 */
export async function feedbackFilters(db: Db, companyId: string) {
  const rows = await db
    .select({
      pipelineId: pipelines.id,
      pipelineName: pipelines.name,
      versionId: pipelineVersions.id,
      number: pipelineVersions.number,
      status: pipelineVersions.status,
      publishedAt: pipelineVersions.publishedAt,
    })
    .from(pipelines)
    .innerJoin(
      pipelineVersions,
      and(eq(pipelineVersions.companyId, pipelines.companyId), eq(pipelineVersions.pipelineId, pipelines.id)),
    )
    .where(and(eq(pipelines.companyId, companyId), ne(pipelineVersions.status, "draft")))
    .orderBy(asc(pipelines.createdAt), desc(pipelineVersions.number));
  const byPipeline = new Map<
    string,
    {
      id: string;
      name: LocalizedText;
      versions: { id: string; number: number; status: string; publishedAt: Date | null }[];
      stages: { key: string; name: LocalizedText }[];
    }
  >();
  for (const r of rows) {
    const p = byPipeline.get(r.pipelineId) ?? {
      id: r.pipelineId,
      name: r.pipelineName,
      versions: [],
      stages: [],
    };
    p.versions.push({ id: r.versionId, number: r.number, status: r.status, publishedAt: r.publishedAt });
    byPipeline.set(r.pipelineId, p);
  }
  // Stage names from the newest version, then older ones only while feedback names a key they lack.
  const keysInUse = await db
    .selectDistinct({ pipelineId: processFeedback.pipelineId, stageKey: processFeedback.stageKey })
    .from(processFeedback)
    .where(eq(processFeedback.companyId, companyId));
  for (const p of byPipeline.values()) {
    const wanted = new Set(keysInUse.filter((k) => k.pipelineId === p.id).map((k) => k.stageKey));
    const seen = new Set<string>();
    for (const [i, v] of p.versions.entries()) {
      if (i > 0 && [...wanted].every((k) => seen.has(k))) break;
      const { points } = feedbackSubjects((await loadProgram(db, companyId, v.id)).definition);
      for (const point of points)
        if (!seen.has(point.key)) {
          seen.add(point.key);
          p.stages.push({ key: point.key, name: point.name });
        }
    }
  }
  return [...byPipeline.values()];
}
