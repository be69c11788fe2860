import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/lib/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["imports"];
export type Opened = Outputs["get"];
export type Target = Opened["targets"][number];
export type ValueGroup = Outputs["analyze"][number];
export type DryRun = Outputs["dryRun"];
export type Progress = Outputs["progress"];

/** Near-miss value suggestions waiting for the user's confirmation: target → value key → choice. */
export type Pending = Record<string, Record<string, string>>;
