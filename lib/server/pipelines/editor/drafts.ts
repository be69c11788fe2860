import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { pipelineVersions, users } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { checkDefinition } from "@/workflows/definition/parse-json";
import { publishDraft } from "../versions/lifecycle";
import { findVersion, lockPipeline, person, stamp, updater } from "./shared";

/** One version with its definition, for the editor (drafts) or read-only viewing (the rest). */
export async function getVersion(db: Db, companyId: string, versionId: string) {
  const [row] = await db
    .select({
      id: pipelineVersions.id,
      pipelineId: pipelineVersions.pipelineId,
      number: pipelineVersions.number,
      status: pipelineVersions.status,
      revision: pipelineVersions.revision,
      definition: pipelineVersions.definition,
      updatedAt: pipelineVersions.updatedAt,
      updatedById: pipelineVersions.updatedBy,
      updatedByName: updater.name,
    })
    .from(pipelineVersions)
    .leftJoin(updater, eq(updater.id, pipelineVersions.updatedBy))
    .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.id, versionId)));
  if (!row) throw appError("NOT_FOUND", "versionNotFound");
  const { updatedById, updatedByName, ...version } = row;
  return { ...version, updatedBy: person(updatedById, updatedByName) };
}

async function nameOf(tx: Tx, userId: string | null) {
  if (!userId) return null;
  const [row] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

/**
 * Locks a draft of the company and checks the revision the editor saw. A stale revision is a
 * CONFLICT naming who saved last and when, with their definition, so the editor can show it
 * and let the user load it or overwrite it (save again with their revision).
 */
async function lockDraft(tx: Tx, companyId: string, versionId: string, expectedRevision: number) {
  const version = await findVersion(tx, companyId, versionId, true);
  if (version.status !== "draft") throw appError("BAD_REQUEST", "versionNotDraft");
  if (version.revision !== expectedRevision) {
    const by = await nameOf(tx, version.updatedBy);
    throw appError(
      "CONFLICT",
      "draftConflict",
      { name: by?.name ?? "?", time: stamp(version.updatedAt) },
      {
        revision: version.revision,
        updatedAt: version.updatedAt,
        updatedBy: by,
        definition: version.definition,
      },
    );
  }
  return version;
}

/** Checks a definition the client sent; a malformed one is a BAD_REQUEST listing each problem. */
function validDefinition(definition: unknown): PipelineDefinition {
  const checked = checkDefinition(definition);
  if (!checked.ok) throw appError("BAD_REQUEST", "invalidDefinition", {}, { errors: checked.errors });
  return checked.definition;
}

/**
 * Saves a draft. The definition must be well formed; compile errors do not block saving (a
 * draft is work in progress), only publishing. Bumps the revision.
 */
export async function saveDraft(
  db: Db,
  companyId: string,
  userId: string,
  input: { versionId: string; expectedRevision: number; definition: unknown },
) {
  const definition = validDefinition(input.definition);
  return db.transaction(async (tx) => {
    await lockDraft(tx, companyId, input.versionId, input.expectedRevision);
    const [saved] = await tx
      .update(pipelineVersions)
      .set({
        definition,
        revision: sql`${pipelineVersions.revision} + 1`,
        updatedBy: userId,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(pipelineVersions.companyId, companyId),
          eq(pipelineVersions.id, input.versionId),
          eq(pipelineVersions.revision, input.expectedRevision),
        ),
      )
      .returning({ revision: pipelineVersions.revision, updatedAt: pipelineVersions.updatedAt });
    return saved!;
  });
}

/**
 * Publishes a draft: compiles it on the server, and when nothing blocks it stores the machine
 * and its hash and makes it the version new deals start on. The version published before is
 * retired: deals already on it keep running on it (versions that run deals never change).
 * One transaction with the pipeline row locked, so two publishes of a pipeline take turns. The
 * lifecycle rules and the audit entries are those of `lib/server/pipelines/versions/lifecycle.ts`.
 */
export async function publish(
  db: Db,
  companyId: string,
  userId: string,
  input: { versionId: string; expectedRevision: number; changeNote: string },
) {
  return db.transaction(async (tx) => {
    const { pipelineId } = await findVersion(tx, companyId, input.versionId);
    await lockPipeline(tx, companyId, pipelineId);
    const version = await lockDraft(tx, companyId, input.versionId, input.expectedRevision);
    const published = await publishDraft(tx, companyId, userId, version, input.changeNote);
    return { versionId: published.versionId, number: published.number };
  });
}
