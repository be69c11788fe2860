import "server-only";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { createCaller } from "@/lib/server/api/root";
import { createRequestContext } from "@/lib/server/api/request-context";
import type { Context } from "@/lib/server/api/context";
import { UserMessage } from "@/lib/server/errors";
import { translator } from "@/lib/i18n/translate";
import type { ExportFile } from "@/lib/server/exports/workbook";

type Caller = ReturnType<typeof createCaller>;

/** An error as the tRPC endpoint would answer it: its status and a message in the user's language. */
function errorResponse(error: unknown, ctx: Context): Response {
  const trpc =
    error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
  const tr = translator(ctx.locale);
  let message: string;
  if (trpc.cause instanceof UserMessage)
    message = tr(`errors.${trpc.cause.key}` as never, trpc.cause.values as never);
  else if (trpc.cause instanceof ZodError) message = tr("errors.invalidInput");
  else if (trpc.code === "INTERNAL_SERVER_ERROR") {
    console.error("route failed:", trpc.cause ?? trpc);
    message = tr("errors.internal");
  } else message = tr(`errors.code.${trpc.code}` as never);
  return Response.json(
    { message, code: trpc.code, key: trpc.cause instanceof UserMessage ? trpc.cause.key : undefined },
    { status: getHTTPStatusCodeFromError(trpc) },
  );
}

/**
 * Runs a route handler (uploads, downloads) with the tRPC caller of the signed-in user: the
 * procedures' own role rules and company scope apply, and errors answer as the API's do.
 */
export async function withCaller(
  run: (caller: Caller, ctx: Context) => Promise<Response>,
): Promise<Response> {
  const ctx = await createRequestContext();
  try {
    return await run(createCaller(ctx), ctx);
  } catch (e) {
    return errorResponse(e, ctx);
  }
}

/** A file as a download: `attachment` with its name (RFC 6266, UTF-8 names too). */
export function fileResponse(file: ExportFile): Response {
  const body = file.encoding === "base64" ? Buffer.from(file.body, "base64") : file.body;
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}

/** The uploaded file of a multipart form (and the form), or a translated 400. */
export async function uploadedForm(req: Request, field = "file"): Promise<{ file: File; form: FormData }> {
  const form = await req.formData().catch(() => null);
  const file = form?.get(field);
  if (!form || !(file instanceof File))
    throw new TRPCError({ code: "BAD_REQUEST", cause: new UserMessage("uploadMissing") });
  return { file, form };
}
