import { fileResponse, uploadedForm, withCaller } from "@/lib/server/http/session-route";

/** The whole company as a JSON archive (admins). */
export function GET() {
  return withCaller(async (caller) => fileResponse(await caller.archive.export()));
}

/** Restores an archive (multipart: file) into the admin's company, which must be empty. */
export function POST(req: Request) {
  return withCaller(async (caller) => {
    const { file } = await uploadedForm(req);
    const result = await caller.archive.restore({ bytes: new Uint8Array(await file.arrayBuffer()) });
    return Response.json(result);
  });
}
