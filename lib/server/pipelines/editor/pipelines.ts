import { and, count, desc, eq, like, max } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { deals, pipelines, pipelineVersions } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import type { LocalizedText, PipelineDefinition } from "@/workflows/definition/schema";
import { templateByKey, type TemplateKey } from "@/workflows/templates";
import { blankProcess } from "@/workflows/templates/blank";
import { recordAudit } from "../versions/audit";
import { assertAllowed } from "../versions/lifecycle";
import { creator, findVersion, lockPipeline, person, updater } from "./shared";

/**
 * A pipeline key from its English name: "Tender – public sector" → "tenderPublicSector".
 * Keys start with a lower-case letter and hold letters and digits only.
 */
export function keyFromName(en: string): string {
  const words = en
    .normalize("NFKD")
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean);
  const key = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join("")
    .slice(0, 48);
  if (/^[a-z]/.test(key)) return key;
  return key ? `pipeline${key[0]!.toUpperCase()}${key.slice(1)}` : "pipeline";
}

/** `base`, else `base2`, `base3` … whichever the company does not use yet. */
async function uniqueKey(tx: Tx, companyId: string, base: string) {
  const taken = new Set(
    (
      await tx
        .select({ key: pipelines.key })
        .from(pipelines)
        .where(and(eq(pipelines.companyId, companyId), like(pipelines.key, `${base}%`)))
    ).map((r) => r.key),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

const isUniqueViolation = (e: unknown) =>
  (e as { code?: string; cause?: { code?: string } })?.code === "23505" ||
  (e as { cause?: { code?: string } })?.cause?.code === "23505";

/** A new pipeline (unique key from the English name) whose version 1 is a draft holding `definition`. */
async function insertPipeline(
  db: Db,
  companyId: string,
  userId: string,
  name: LocalizedText,
  definition: PipelineDefinition,
  /** What the first draft started from, for the audit log. */
  origin: Record<string, unknown>,
) {
  // Two pipelines created at once with one name race for the key: the loser retries with the next one.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const key = await uniqueKey(tx, companyId, keyFromName(name.en));
        const [pipeline] = await tx
          .insert(pipelines)
          .values({ companyId, key, name })
          .returning({ id: pipelines.id });
        const [version] = await tx
          .insert(pipelineVersions)
          .values({
            companyId,
            pipelineId: pipeline!.id,
            number: 1,
            status: "draft",
            definition: { ...definition, name },
            createdBy: userId,
            updatedBy: userId,
          })
          .returning({ id: pipelineVersions.id });
        await recordAudit(tx, companyId, [
          {
            pipelineId: pipeline!.id,
            version: { id: version!.id, number: 1 },
            action: "drafted",
            actorId: userId,
            details: origin,
          },
        ]);
        return { pipelineId: pipeline!.id, versionId: version!.id };
      });
    } catch (e) {
      if (attempt < 5 && isUniqueViolation(e)) continue;
      throw e;
    }
  }
}

export function createPipeline(
  db: Db,
  companyId: string,
  userId: string,
  input: { name: LocalizedText; template: TemplateKey },
) {
  return insertPipeline(db, companyId, userId, input.name, templateByKey(input.template).definition, {
    template: input.template,
  });
}

/** The version an editor starts from: the newest draft, else the published version, else the newest. */
async function workingVersion(db: Db | Tx, companyId: string, pipelineId: string) {
  const versions = await db
    .select({
      id: pipelineVersions.id,
      status: pipelineVersions.status,
      number: pipelineVersions.number,
      definition: pipelineVersions.definition,
    })
    .from(pipelineVersions)
    .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.pipelineId, pipelineId)))
    .orderBy(desc(pipelineVersions.number));
  return {
    draft: versions.find((v) => v.status === "draft"),
    base: versions.find((v) => v.status === "published") ?? versions[0],
  };
}

export async function duplicatePipeline(
  db: Db,
  companyId: string,
  userId: string,
  input: { pipelineId: string; name: LocalizedText },
) {
  const [source] = await db
    .select({ id: pipelines.id, name: pipelines.name })
    .from(pipelines)
    .where(and(eq(pipelines.companyId, companyId), eq(pipelines.id, input.pipelineId)));
  if (!source) throw appError("NOT_FOUND", "pipelineNotFound");
  const { draft, base } = await workingVersion(db, companyId, source.id);
  const from = draft ?? base;
  return insertPipeline(db, companyId, userId, input.name, from?.definition ?? blankProcess, {
    copiedFrom: { pipelineId: source.id, number: from?.number ?? null },
  });
}

/** A pipeline with all its versions, newest first, and who made and last changed each. */
export async function getPipeline(db: Db, companyId: string, pipelineId: string) {
  const [pipeline] = await db
    .select({ id: pipelines.id, key: pipelines.key, name: pipelines.name, isDefault: pipelines.isDefault })
    .from(pipelines)
    .where(and(eq(pipelines.companyId, companyId), eq(pipelines.id, pipelineId)));
  if (!pipeline) throw appError("NOT_FOUND", "pipelineNotFound");
  const rows = await db
    .select({
      id: pipelineVersions.id,
      number: pipelineVersions.number,
      status: pipelineVersions.status,
      revision: pipelineVersions.revision,
      createdAt: pipelineVersions.createdAt,
      createdById: pipelineVersions.createdBy,
      createdByName: creator.name,
      updatedAt: pipelineVersions.updatedAt,
      updatedById: pipelineVersions.updatedBy,
      updatedByName: updater.name,
      publishedAt: pipelineVersions.publishedAt,
      changeNote: pipelineVersions.changeNote,
    })
    .from(pipelineVersions)
    .leftJoin(creator, eq(creator.id, pipelineVersions.createdBy))
    .leftJoin(updater, eq(updater.id, pipelineVersions.updatedBy))
    .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.pipelineId, pipelineId)))
    .orderBy(desc(pipelineVersions.number));
  return {
    ...pipeline,
    versions: rows.map(({ createdById, createdByName, updatedById, updatedByName, ...v }) => ({
      ...v,
      createdBy: person(createdById, createdByName),
      updatedBy: person(updatedById, updatedByName),
    })),
  };
}

/**
 * The draft to edit: the pipeline's newest draft, or a new one (number max + 1, revision 1)
 * copied from the published version, else from the newest. The pipeline row is locked, so two
 * admins opening at once get the same draft.
 */
export async function openDraft(db: Db, companyId: string, userId: string, pipelineId: string) {
  return db.transaction(async (tx) => {
    const pipeline = await lockPipeline(tx, companyId, pipelineId);
    const { draft, base } = await workingVersion(tx, companyId, pipelineId);
    if (draft) return { versionId: draft.id };
    const [{ top } = { top: 0 }] = await tx
      .select({ top: max(pipelineVersions.number) })
      .from(pipelineVersions)
      .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.pipelineId, pipelineId)));
    const [version] = await tx
      .insert(pipelineVersions)
      .values({
        companyId,
        pipelineId,
        number: (top ?? 0) + 1,
        status: "draft",
        // A pipeline whose only draft was discarded starts again from the blank process.
        definition: base?.definition ?? { ...blankProcess, name: pipeline.name },
        createdBy: userId,
        updatedBy: userId,
      })
      .returning({ id: pipelineVersions.id });
    await recordAudit(tx, companyId, [
      {
        pipelineId,
        version: { id: version!.id, number: (top ?? 0) + 1 },
        action: "drafted",
        actorId: userId,
        details: { from: base ? { id: base.id, number: base.number } : null },
      },
    ]);
    return { versionId: version!.id };
  });
}

/** Deletes a draft. Deals never run on drafts; should one ever do, the draft is kept. */
export async function discardDraft(db: Db, companyId: string, userId: string, versionId: string) {
  return db.transaction(async (tx) => {
    const version = await findVersion(tx, companyId, versionId, true);
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(deals)
      .where(and(eq(deals.companyId, companyId), eq(deals.pipelineVersionId, versionId)));
    if (n > 0 && version.status === "draft") throw appError("BAD_REQUEST", "versionHasDeals", { count: n });
    assertAllowed(version, "discard", { dealCount: n });
    await tx
      .delete(pipelineVersions)
      .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.id, versionId)));
    await recordAudit(tx, companyId, [
      {
        pipelineId: version.pipelineId,
        version: { id: version.id, number: version.number },
        action: "discarded",
        actorId: userId,
      },
    ]);
    return { pipelineId: version.pipelineId };
  });
}
