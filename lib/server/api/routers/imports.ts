import { z } from "zod";
import { ImportMapping, MappingPreset, MAX_COLUMNS, TargetKey } from "@/lib/import/mapping";
import { dryRun } from "@/lib/server/imports/dry-run";
import {
  analyzeValues,
  cancelImport,
  getImport,
  importErrorList,
  resumeImport,
  startImport,
} from "@/lib/server/imports/imports";
import { deleteMapping, listMappings, saveMapping } from "@/lib/server/imports/mappings";
import { MAX_FILE_BYTES } from "@/lib/server/imports/read-file";
import { createImport, importProgress, listImports } from "@/lib/server/imports/records";
import { createTRPCRouter, managerProcedure } from "../trpc";

const ImportId = z.object({ importId: z.uuid() });

/**
 * Importing deals from CSV and XLSX: managers and admins (an import creates and changes many
 * deals at once; a manager's import gives deals only to their teams). The upload itself arrives
 * through app/api/imports (multipart), which calls `create` with the file's bytes.
 */
export const importsRouter = createTRPCRouter({
  create: managerProcedure
    .input(
      z.object({
        pipelineId: z.uuid(),
        fileName: z.string().trim().min(1).max(255),
        bytes: z
          .custom<Uint8Array>((v) => v instanceof Uint8Array)
          .refine((b) => b.byteLength > 0 && b.byteLength <= MAX_FILE_BYTES, { error: "importFileSize" }),
      }),
    )
    .mutation(({ ctx, input }) => createImport(ctx.db, ctx.company, ctx.userId, input)),
  list: managerProcedure.query(({ ctx }) => listImports(ctx.db, ctx.company, ctx.userId)),
  get: managerProcedure
    .input(ImportId)
    .query(({ ctx, input }) => getImport(ctx.db, ctx.company, ctx.userId, input.importId)),
  /** Distinct values of the value-mapped columns, with suggestions. */
  analyze: managerProcedure
    .input(ImportId.extend({ columns: z.array(TargetKey.nullable()).max(MAX_COLUMNS) }))
    .query(({ ctx, input }) => analyzeValues(ctx.db, ctx.company, ctx.userId, input)),
  /** What the import would do, row by row, writing nothing. */
  dryRun: managerProcedure
    .input(ImportId.extend({ mapping: ImportMapping }))
    .mutation(({ ctx, input }) => dryRun(ctx.db, ctx.company, ctx.userId, input.importId, input.mapping)),
  start: managerProcedure
    .input(ImportId.extend({ mapping: ImportMapping }))
    .mutation(({ ctx, input }) => startImport(ctx.db, ctx.company, ctx.userId, input)),
  progress: managerProcedure
    .input(ImportId)
    .query(({ ctx, input }) => importProgress(ctx.db, ctx.company, ctx.userId, input.importId)),
  cancel: managerProcedure
    .input(ImportId)
    .mutation(({ ctx, input }) => cancelImport(ctx.db, ctx.company, ctx.userId, input.importId)),
  resume: managerProcedure
    .input(ImportId)
    .mutation(({ ctx, input }) => resumeImport(ctx.db, ctx.company, ctx.userId, input.importId)),
  errors: managerProcedure
    .input(ImportId)
    .query(({ ctx, input }) => importErrorList(ctx.db, ctx.company, ctx.userId, input.importId)),
  mappings: managerProcedure.query(({ ctx }) => listMappings(ctx.db, ctx.company)),
  saveMapping: managerProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(80),
        preset: MappingPreset,
        mappingId: z.uuid().optional(),
        expectedVersion: z.number().int().min(1).optional(),
      }),
    )
    .mutation(({ ctx, input }) => saveMapping(ctx.db, ctx.company, ctx.userId, input)),
  deleteMapping: managerProcedure
    .input(z.object({ mappingId: z.uuid() }))
    .mutation(({ ctx, input }) => deleteMapping(ctx.db, ctx.company, input.mappingId)),
});
