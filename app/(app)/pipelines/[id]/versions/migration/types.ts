import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/lib/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["migrations"];

/** What `migrations.plan` returns: both versions' states, open deals per old state, suggestions. */
export type MigrationPlan = Outputs["plan"];
export type PlanState = MigrationPlan["from"]["states"][number];
/** What `migrations.dryRun` returns. */
export type DryRun = Outputs["dryRun"];
/** A migration as the card and the progress bar show it. */
export type MigrationRow = Outputs["get"];

/** Old state key → new state key. */
export type Mapping = Record<string, string>;

/** What the migration dialog is opened for: a rollout with migration, or a migration on its own. */
export type MigrationTarget = {
  mode: "rollout" | "migrate";
  from: { id: string; number: number };
  to: { id: string; number: number };
};

export const FINAL_STATUSES = new Set(["done", "failed", "cancelled", "rolledBack"]);
