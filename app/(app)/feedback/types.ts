import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/lib/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["feedback"];

/** One piece of feedback as the server lets the reader see it (anonymous: no author, no deal). */
export type FeedbackItem = Outputs["inbox"]["items"][number];
export type FeedbackDetail = Outputs["get"];
/** The inbox's filter choices: pipelines, their stages and the versions a change can ship in. */
export type FeedbackPipeline = Outputs["filters"][number];
export type FeedbackForm = Outputs["form"];
