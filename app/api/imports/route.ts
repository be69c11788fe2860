import { uploadedForm, withCaller } from "@/lib/server/http/session-route";

/** Uploads a file of deals for import (multipart: file, pipelineId); managers and admins. */
export function POST(req: Request) {
  return withCaller(async (caller) => {
    const { file, form } = await uploadedForm(req);
    const created = await caller.imports.create({
      pipelineId: String(form.get("pipelineId") ?? ""),
      fileName: file.name || "upload.csv",
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return Response.json(created, { status: 201 });
  });
}
