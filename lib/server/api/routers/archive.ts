import { z } from "zod";
import { appError } from "@/lib/server/errors";
import { exportArchive, restoreArchive } from "@/lib/server/exports/archive";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** The largest archive a restore reads. */
export const MAX_ARCHIVE_BYTES = 512 * 1024 * 1024;

/** The whole company as a JSON archive, and its restore into an empty company: admins only. */
export const archiveRouter = createTRPCRouter({
  export: adminProcedure.query(({ ctx }) => exportArchive(ctx.db, ctx.company)),
  restore: adminProcedure
    .input(
      z.object({
        bytes: z
          .custom<Uint8Array>((v) => v instanceof Uint8Array)
          .refine((b) => b.byteLength > 0 && b.byteLength <= MAX_ARCHIVE_BYTES, { error: "archiveFileSize" }),
      }),
    )
    .mutation(({ ctx, input }) => {
      let archive: unknown;
      try {
        archive = JSON.parse(new TextDecoder("utf-8").decode(input.bytes));
      } catch {
        throw appError("BAD_REQUEST", "archiveInvalid");
      }
      return restoreArchive(ctx.db, ctx.company, ctx.userId, archive);
    }),
});
