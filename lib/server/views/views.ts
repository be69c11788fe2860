import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { savedViews } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";

/** What a saved view keeps: the list's filters, sort and visible columns in their order. */
export type ViewState = {
  filters: Record<string, unknown>;
  sort: { key: string; dir: "asc" | "desc" } | null;
  columns: string[];
};

/** A member keeps at most this many views of their own. */
export const MAX_VIEWS = 50;

const columns = {
  id: savedViews.id,
  name: savedViews.name,
  state: savedViews.state,
  position: savedViews.position,
  updatedAt: savedViews.updatedAt,
};

/** The member's own views in the company, in the order they made them. */
export async function listViews(db: Db, companyId: string, userId: string) {
  const rows = await db
    .select(columns)
    .from(savedViews)
    .where(and(eq(savedViews.companyId, companyId), eq(savedViews.userId, userId)))
    .orderBy(asc(savedViews.position), asc(savedViews.createdAt));
  return rows.map((r) => ({ ...r, state: r.state as ViewState }));
}

export async function createView(
  db: Db,
  companyId: string,
  userId: string,
  input: { name: string; state: ViewState },
) {
  return db.transaction(async (tx) => {
    // One member's views are numbered in order; the lock keeps two saves from sharing a number.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`views:${companyId}:${userId}`}))`);
    const [stats] = await tx
      .select({
        n: sql<number>`count(*)::int`,
        next: sql<number>`coalesce(max(${savedViews.position}) + 1, 0)::int`,
      })
      .from(savedViews)
      .where(and(eq(savedViews.companyId, companyId), eq(savedViews.userId, userId)));
    if ((stats?.n ?? 0) >= MAX_VIEWS) throw appError("BAD_REQUEST", "viewLimit", { max: MAX_VIEWS });
    const [row] = await tx
      .insert(savedViews)
      .values({ companyId, userId, name: input.name, state: input.state, position: stats?.next ?? 0 })
      .returning(columns);
    return { ...row!, state: row!.state as ViewState };
  });
}

/** Renames a view or replaces what it keeps; only its owner can, anyone else gets NOT_FOUND. */
export async function updateView(
  db: Db,
  companyId: string,
  userId: string,
  input: { viewId: string; name?: string; state?: ViewState },
) {
  const [row] = await db
    .update(savedViews)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.state !== undefined ? { state: input.state } : {}),
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(savedViews.companyId, companyId),
        eq(savedViews.userId, userId),
        eq(savedViews.id, input.viewId),
      ),
    )
    .returning(columns);
  if (!row) throw appError("NOT_FOUND", "viewNotFound");
  return { ...row, state: row.state as ViewState };
}

export async function deleteView(db: Db, companyId: string, userId: string, viewId: string) {
  const rows = await db
    .delete(savedViews)
    .where(and(eq(savedViews.companyId, companyId), eq(savedViews.userId, userId), eq(savedViews.id, viewId)))
    .returning({ id: savedViews.id });
  if (rows.length === 0) throw appError("NOT_FOUND", "viewNotFound");
  return { id: viewId };
}
