import { fileResponse, withCaller } from "@/lib/server/http/session-route";

/** A pipeline's definition as ?format=json|csv|xlsx (admins and trainers). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withCaller(async (caller) => {
    const format = new URL(req.url).searchParams.get("format") ?? "xlsx";
    return fileResponse(await caller.exports.pipeline({ pipelineId: id, format: format as never }));
  });
}
