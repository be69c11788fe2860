-- Adoption at a million deals (docs/analytics.md, Adoption; measured in test/bench/analytics-1m.ts).
-- Open deals per owner with their last activity (open and stale deals), index-only: the expression
-- index of drizzle/0020 could not answer from the index alone (Postgres wants the expression's
-- columns themselves), so a week's figures read every open deal's row.
DROP INDEX deal_facts_open_activity_idx;
--> statement-breakpoint
CREATE INDEX deal_facts_open_owner_idx ON deal_facts (company_id, pipeline_id, owner_id)
  INCLUDE (last_activity_at, created_at, team_id, pipeline_version_id) WHERE outcome = 'open';
--> statement-breakpoint
-- Stays that ended in a period, now with their deal: stages left on time join the period's stays
-- to the members' moves on (deal, time, stage) from two index-only range scans, instead of reading
-- every stay of the company. Otherwise as drizzle/0013's (time in stage reads it as before).
DROP INDEX deal_stage_visits_left_idx;
--> statement-breakpoint
CREATE INDEX deal_stage_visits_left_idx ON deal_stage_visits (company_id, pipeline_id, left_at)
  INCLUDE (pipeline_version_id, stage, next_stage, kind, entered_at, time_limit_s, deal_id) WHERE left_at IS NOT NULL;
