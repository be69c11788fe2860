import { loadRulebook, rulebookLang } from "../load";
import { rulebookFileName, rulebookPdf } from "../pdf-document";
import { renderPdf } from "@/lib/server/pdf/render";
import { fileResponse, withCaller } from "@/lib/server/http/session-route";

/**
 * The rulebook as a PDF download (?lang=zh|en, else the reader's language): what the page
 * shows, through the same procedures, so the same admins and trainers of the same company.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string; versionId: string }> }) {
  const { id, versionId } = await params;
  return withCaller(async (caller, ctx) => {
    const lang = rulebookLang(new URL(req.url).searchParams.get("lang"), ctx.locale);
    const loaded = await loadRulebook(caller, { pipelineId: id, versionId, lang });
    const pdf = await renderPdf(rulebookPdf(loaded, new Date()));
    return fileResponse({
      fileName: rulebookFileName(loaded),
      contentType: "application/pdf",
      encoding: "base64",
      body: pdf.toString("base64"),
    });
  });
}
