import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { users, versionAuditEvents } from "@/lib/server/db/schema";

/** What the versions' audit log records. */
export const AUDIT_ACTIONS = [
  "drafted",
  "piloted",
  "pilotEnded",
  "published",
  "rolledOut",
  "retired",
  "discarded",
  // Version migrations (lib/server/migrations): open deals moved from one version to another.
  "migrationStarted",
  "migrationFinished",
  "migrationRolledBack",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
  pipelineId: string;
  version: { id: string; number: number };
  action: AuditAction;
  actorId: string | null;
  note?: string | null;
  details?: Record<string, unknown>;
};

/**
 * Appends to the audit log, in the transaction of the change it records (a change and its entry
 * commit together or not at all). The time is the transaction's, so entries of one change share it.
 */
export async function recordAudit(tx: Tx, companyId: string, entries: AuditEntry[]) {
  if (entries.length === 0) return;
  await tx.insert(versionAuditEvents).values(
    entries.map((e) => ({
      companyId,
      pipelineId: e.pipelineId,
      versionId: e.version.id,
      versionNumber: e.version.number,
      action: e.action,
      actorId: e.actorId,
      note: e.note ?? null,
      details: e.details ?? null,
    })),
  );
}

/** A pipeline's audit log, newest first, with who acted. */
export async function listAudit(db: Db, companyId: string, pipelineId: string, limit = 200) {
  const rows = await db
    .select({
      id: versionAuditEvents.id,
      versionId: versionAuditEvents.versionId,
      versionNumber: versionAuditEvents.versionNumber,
      action: versionAuditEvents.action,
      note: versionAuditEvents.note,
      details: versionAuditEvents.details,
      at: versionAuditEvents.at,
      actorId: versionAuditEvents.actorId,
      actorName: users.name,
    })
    .from(versionAuditEvents)
    .leftJoin(users, eq(users.id, versionAuditEvents.actorId))
    .where(and(eq(versionAuditEvents.companyId, companyId), eq(versionAuditEvents.pipelineId, pipelineId)))
    .orderBy(desc(versionAuditEvents.at), desc(versionAuditEvents.id))
    .limit(limit);
  return rows.map(({ actorId, actorName, ...r }) => ({
    ...r,
    action: r.action as AuditAction,
    actor: actorId ? { id: actorId, name: actorName ?? "" } : null,
  }));
}
