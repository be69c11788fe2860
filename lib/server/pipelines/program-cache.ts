import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/lib/server/db/client";
import { pipelineVersions } from "@/lib/server/db/schema";
import { appError } from "@/lib/server/errors";
import { compile } from "@/workflows/compiler";
import { createProgram, type Program } from "@/workflows/runtime";

const MAX_CACHED = 500;
// Versions that run deals are immutable, so a program is cached by version id for good.
const cache = new Map<string, Program>();

/** The runnable program of a pipeline version of the company, compiled once per process. */
export async function loadProgram(db: Db | Tx, companyId: string, versionId: string): Promise<Program> {
  const key = `${companyId}:${versionId}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [version] = await db
    .select({ definition: pipelineVersions.definition })
    .from(pipelineVersions)
    .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.id, versionId)));
  if (!version) throw appError("NOT_FOUND", "versionNotFound");
  const program = createProgram(version.definition, compile(version.definition));
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, program);
  return program;
}
