import "server-only";
import { cache } from "react";
import { createCaller } from "@/lib/server/api/root";
import { createRequestContext } from "@/lib/server/api/request-context";

/** Calls procedures from server components, with the same context and rules as the HTTP API. */
export const serverApi = cache(async () => createCaller(await createRequestContext()));
