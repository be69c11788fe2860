import { fileResponse, withCaller } from "@/lib/server/http/session-route";

/**
 * The deals the user sees under the deals list's filters (?filters=<the list's filters as JSON>),
 * as ?format=csv|xlsx; ?what=history for their histories.
 */
export function GET(req: Request) {
  return withCaller(async (caller) => {
    const url = new URL(req.url);
    let filters: unknown = {};
    try {
      filters = JSON.parse(url.searchParams.get("filters") ?? "{}");
    } catch {
      filters = null; // refused by the procedure's input check as a readable 400
    }
    const file = await caller.exports.deals({
      filters: filters as never,
      format: url.searchParams.get("format") as never,
      what: (url.searchParams.get("what") ?? "deals") as never,
    });
    return fileResponse(file);
  });
}
