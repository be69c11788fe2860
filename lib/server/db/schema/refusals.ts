import {
  bigint,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import type { Refusal } from "@/workflows/runtime";
import { apiKeys } from "./api";
import { deals } from "./deals";

/**
 * Actions the engine refused (docs/analytics.md, Adoption): who tried which action on which deal,
 * in which stage, and why. Written by the deal shell after the refused transaction has rolled back
 * (lib/server/deals/refusal-log.ts), so the attempt is kept although nothing else changed. Only
 * members and API keys are logged — not timers, not practice deals (they never reach the shell).
 */
export const actionRefusals = pgTable(
  "action_refusals",
  {
    companyId: uuid("company_id").notNull(),
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity(),
    dealId: uuid("deal_id").notNull(),
    pipelineId: uuid("pipeline_id").notNull(),
    /** The version the deal ran on when it was refused. */
    pipelineVersionId: uuid("pipeline_version_id").notNull(),
    /** Where the deal was (a stage or an approval). */
    stage: text("stage").notNull(),
    action: text("action").notNull(),
    /** The member who tried; null when an API key did (api_key_id then). */
    actorId: uuid("actor_id"),
    apiKeyId: uuid("api_key_id"),
    /**
     * One code per reason, what the figures group by: `field:<key>`, `checklist:<item>`,
     * `condition:<edge id>`, `notApprover`, `closed`, `unknownAction`.
     */
    reasonCodes: text("reason_codes").array().notNull(),
    /** The reasons as the engine gave them (messages in zh and en), for showing them. */
    reasons: jsonb("reasons").$type<Refusal[]>().notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.id] }),
    foreignKey({
      name: "action_refusals_deal_fk",
      columns: [t.companyId, t.dealId],
      foreignColumns: [deals.companyId, deals.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "action_refusals_api_key_fk",
      columns: [t.companyId, t.apiKeyId],
      foreignColumns: [apiKeys.companyId, apiKeys.id],
    }),
    index("action_refusals_pipeline_at_idx").on(t.companyId, t.pipelineId, t.at),
    index("action_refusals_actor_at_idx").on(t.companyId, t.actorId, t.at),
    index("action_refusals_deal_idx").on(t.companyId, t.dealId),
  ],
);
