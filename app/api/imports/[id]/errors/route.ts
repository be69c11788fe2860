import { errorReportCsv } from "@/lib/server/imports/error-report";
import { fileResponse, withCaller } from "@/lib/server/http/session-route";

/** The rows an import could not write, and why, as a CSV in the user's language. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withCaller(async (caller, ctx) => {
    const { fileName, errors } = await caller.imports.errors({ importId: id });
    const base = fileName.replace(/\.[^.]+$/, "");
    return fileResponse({
      fileName: `${base}-errors.csv`,
      contentType: "text/csv; charset=utf-8",
      encoding: "utf8",
      body: errorReportCsv(errors, ctx.locale),
    });
  });
}
