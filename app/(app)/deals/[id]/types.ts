import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/lib/server/api/root";

export { isSet } from "@/workflows/rules/values";

type DealsOutputs = inferRouterOutputs<AppRouter>["deals"];

/** What `deals.get` returns: the deal, its values, current stage, history and actions. */
export type DealData = DealsOutputs["get"];
/** What `deals.form` returns: the pipeline version's fields, stages and names. */
export type DealForm = DealsOutputs["form"];
export type FieldDef = DealForm["fields"][number];
export type StageInfo = DealForm["stages"][number];
export type DealAction = DealData["actions"][number];
export type Refusal = DealAction["reasons"][number];
export type DealEvent = DealData["events"][number];
export type FieldValue = string | number | boolean | string[] | null;

/** Refusals a form can fix by asking for the value or the tick. */
export const isFixable = (r: Refusal) => r.kind === "missingField" || r.kind === "checklist";
