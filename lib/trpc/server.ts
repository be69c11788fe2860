import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { createCaller } from "@/lib/server/api/root";
import { createRequestContext } from "@/lib/server/api/request-context";

const callerForRequest = cache(async () => {
  const ctx = await createRequestContext();
  return { ctx, caller: createCaller(ctx) };
});

/**
 * Calls procedures from server components, with the same context and rules as the
 * HTTP API. Pages render alongside their layout, so a signed-out visitor is sent to
 * the sign-in page here too, before any procedure can refuse them.
 */
export async function serverApi() {
  const { ctx, caller } = await callerForRequest();
  if (!ctx.userId) redirect("/signin");
  return caller;
}

/** For the few pages a signed-out visitor may see (an invitation). */
export async function publicServerApi() {
  return (await callerForRequest()).caller;
}
