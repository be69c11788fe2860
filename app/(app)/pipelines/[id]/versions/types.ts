import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/lib/server/api/root";

/** What `versions.overview` returns: the pipeline's versions, pilots, teams and audit log. */
export type Overview = inferRouterOutputs<AppRouter>["versions"]["overview"];
export type VersionRow = Overview["versions"][number];
export type PilotRow = Overview["pilots"][number];
export type AuditRow = Overview["audit"][number];
export type TeamRow = Overview["teams"][number];
