import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { importMappings } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import type { MappingPreset } from "@/lib/import/mapping";

/** The company's saved import mappings, by name. */
export async function listMappings(db: Db, company: CompanyScope) {
  return db
    .select({
      id: importMappings.id,
      name: importMappings.name,
      preset: importMappings.preset,
      version: importMappings.version,
      updatedAt: importMappings.updatedAt,
    })
    .from(importMappings)
    .where(eq(importMappings.companyId, company.id))
    .orderBy(asc(importMappings.name));
}

type PgError = { code?: string; constraint_name?: string; cause?: PgError };
/** drizzle wraps the driver's error; either may carry the code. */
const isNameTaken = (e: unknown) => {
  const err = e as PgError | undefined;
  const pg = err?.code ? err : err?.cause;
  return pg?.code === "23505" && pg.constraint_name === "import_mappings_name_key";
};

/**
 * Saves a mapping under a name: a new one, or over an existing one at the version the user
 * loaded (someone else's save in between is a CONFLICT, not lost). Names are unique per company.
 */
export async function saveMapping(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: { name: string; preset: MappingPreset; mappingId?: string; expectedVersion?: number },
) {
  try {
    if (!input.mappingId) {
      const [row] = await db
        .insert(importMappings)
        .values({ companyId: company.id, name: input.name, preset: input.preset, createdBy: userId })
        .returning({ id: importMappings.id, version: importMappings.version });
      return row!;
    }
    const [row] = await db
      .update(importMappings)
      .set({
        name: input.name,
        preset: input.preset,
        version: sql`${importMappings.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(importMappings.companyId, company.id),
          eq(importMappings.id, input.mappingId),
          eq(importMappings.version, input.expectedVersion ?? -1),
        ),
      )
      .returning({ id: importMappings.id, version: importMappings.version });
    if (row) return row;
    const [exists] = await db
      .select({ id: importMappings.id })
      .from(importMappings)
      .where(and(eq(importMappings.companyId, company.id), eq(importMappings.id, input.mappingId)));
    throw exists
      ? appError("CONFLICT", "importMappingChanged")
      : appError("NOT_FOUND", "importMappingNotFound");
  } catch (e) {
    if (isNameTaken(e)) throw appError("CONFLICT", "importMappingNameTaken");
    throw e;
  }
}

export async function deleteMapping(db: Db, company: CompanyScope, mappingId: string) {
  const [row] = await db
    .delete(importMappings)
    .where(and(eq(importMappings.companyId, company.id), eq(importMappings.id, mappingId)))
    .returning({ id: importMappings.id });
  if (!row) throw appError("NOT_FOUND", "importMappingNotFound");
  return { ok: true as const };
}
