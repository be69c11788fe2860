import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/lib/server/api/root";

/** What `board.get` returns: the columns with their totals and the cards. */
export type BoardData = inferRouterOutputs<AppRouter>["board"]["get"];
export type BoardColumnData = BoardData["columns"][number];
export type BoardCardData = BoardData["cards"][number];
