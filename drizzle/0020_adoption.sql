CREATE TABLE "action_refusals" (
	"company_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "action_refusals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"deal_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"pipeline_version_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"api_key_id" uuid,
	"reason_codes" text[] NOT NULL,
	"reasons" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_refusals_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "deal_facts" ADD COLUMN "last_activity_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "action_refusals" ADD CONSTRAINT "action_refusals_deal_fk" FOREIGN KEY ("company_id","deal_id") REFERENCES "public"."deals"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_refusals" ADD CONSTRAINT "action_refusals_api_key_fk" FOREIGN KEY ("company_id","api_key_id") REFERENCES "public"."api_keys"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_refusals_pipeline_at_idx" ON "action_refusals" USING btree ("company_id","pipeline_id","at");--> statement-breakpoint
CREATE INDEX "action_refusals_actor_at_idx" ON "action_refusals" USING btree ("company_id","actor_id","at");--> statement-breakpoint
CREATE INDEX "action_refusals_deal_idx" ON "action_refusals" USING btree ("company_id","deal_id");
--> statement-breakpoint
-- Adoption (docs/analytics.md): a deal's last activity — an event a member or an API key wrote
-- that works the deal (created, action, approval, update, owner, comment, reopen; not a timer, a
-- migration or an import's placing) — kept on its facts in the event's transaction. Fires after
-- deal_events_analytics (triggers run in name order), which (re)creates the facts of a new deal.
CREATE FUNCTION pw_analytics_activity() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE deal_facts SET last_activity_at = NEW.at
  WHERE company_id = NEW.company_id AND deal_id = NEW.deal_id
    AND (last_activity_at IS NULL OR last_activity_at < NEW.at);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER deal_events_last_activity
  AFTER INSERT ON deal_events
  FOR EACH ROW WHEN (
    NEW.type IN ('created', 'action', 'approval', 'update', 'owner', 'comment', 'reopen')
    AND (NEW.actor_id IS NOT NULL OR NEW.api_key_id IS NOT NULL))
  EXECUTE FUNCTION pw_analytics_activity();
--> statement-breakpoint
-- A member's events in a period (deals touched, stages left on time), read through the index
-- alone: one range per person of the figures' rows.
CREATE INDEX deal_events_actor_at_idx ON deal_events (company_id, actor_id, at)
  INCLUDE (deal_id, type, pipeline_version_id, from_stage, to_stage) WHERE actor_id IS NOT NULL;
--> statement-breakpoint
-- Open deals by last activity (stale deals, open deals per owner), index-only.
CREATE INDEX deal_facts_open_activity_idx ON deal_facts (company_id, pipeline_id, (coalesce(last_activity_at, created_at)))
  INCLUDE (owner_id, team_id, pipeline_version_id) WHERE outcome = 'open';
--> statement-breakpoint
-- The rebuild computes the last activity too (otherwise as drizzle/0016's).
CREATE OR REPLACE FUNCTION pw_analytics_rebuild(p_company uuid) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
  -- The facts' own trigger stands aside: the monthly deal counts are rebuilt at the end in one go.
  PERFORM set_config('pipewright.analytics_rebuild', 'on', true);
  DELETE FROM deal_funnel_months WHERE company_id = p_company;
  DELETE FROM deal_close_months WHERE company_id = p_company;
  DELETE FROM stage_visit_months WHERE company_id = p_company;
  DELETE FROM deal_stage_visits WHERE company_id = p_company;
  DELETE FROM deal_facts WHERE company_id = p_company;
  IF to_regclass('pg_temp.pw_rebuild_info') IS NOT NULL THEN DROP TABLE pw_rebuild_info; END IF;
  CREATE TEMP TABLE pw_rebuild_info AS
    SELECT DISTINCT ON (v.id, n->>'key') v.id AS version_id, n->>'key' AS stage,
           CASE WHEN n->>'kind' = 'approval' THEN 'approval' ELSE n->>'outcome' END AS kind,
           CASE WHEN n->>'kind' = 'stage' THEN (n->>'probability')::double precision END AS probability,
           CASE WHEN n->>'kind' = 'stage' THEN round((n->'timeLimit'->>'days')::numeric * 86400)::integer END AS time_limit_s
    FROM pipeline_versions v
    CROSS JOIN LATERAL jsonb_array_elements(v.definition->'nodes') WITH ORDINALITY AS x(node, ord)
    CROSS JOIN LATERAL (SELECT x.node->'data' AS n) d
    WHERE v.company_id = p_company AND n->>'kind' IN ('stage', 'approval')
    ORDER BY v.id, n->>'key', x.ord;

  INSERT INTO deal_stage_visits
    (company_id, deal_id, seq, pipeline_id, pipeline_version_id, stage, kind, entered_at, left_at, next_stage,
     time_limit_s, owner_id, team_id, industry, region, source, priority)
  WITH raw AS (
    SELECT e.deal_id, e.id, e.type, e.from_stage, e.to_stage, e.pipeline_version_id, e.at
    FROM deal_events e
    WHERE e.company_id = p_company AND e.to_stage IS NOT NULL
  ), firsts AS (
    SELECT DISTINCT ON (deal_id) * FROM raw ORDER BY deal_id, id
  ), synthetic AS (
    -- A log not beginning with its creation: the deal rested in its first move's from-stage since
    -- it was created.
    SELECT f.deal_id, f.id * 2 - 1 AS id, 'created' AS type, f.from_stage AS to_stage,
           f.pipeline_version_id, d.created_at AS at
    FROM firsts f JOIN deals d ON d.company_id = p_company AND d.id = f.deal_id
    WHERE f.type <> 'created' AND f.from_stage IS NOT NULL
    UNION ALL
    -- No events at all: resting in its stage since it was created.
    SELECT d.id, 0, 'created', d.stage, d.pipeline_version_id, d.created_at
    FROM deals d
    WHERE d.company_id = p_company AND NOT EXISTS (SELECT 1 FROM firsts f WHERE f.deal_id = d.id)
  ), ev0 AS (
    SELECT deal_id, id * 2 AS id, type, to_stage, pipeline_version_id, at FROM raw
    UNION ALL
    SELECT deal_id, id, type, to_stage, pipeline_version_id, at FROM synthetic
  ), ev AS (
    SELECT ev0.*, max(id) FILTER (WHERE type = 'created') OVER (PARTITION BY deal_id) AS created_id
    FROM ev0
  ), kept AS (
    SELECT ev.*, lag(to_stage) OVER (PARTITION BY deal_id ORDER BY id) AS prev_stage,
           type IN ('migrated', 'migration', 'migrationRolledBack') AS remap
    FROM ev WHERE id >= coalesce(created_id, 0)
  ), seg AS (
    SELECT kept.*, starts, sum(starts::int) OVER (PARTITION BY deal_id ORDER BY id) AS seq
    FROM kept
    CROSS JOIN LATERAL (SELECT type = 'created' OR (NOT remap AND prev_stage IS DISTINCT FROM to_stage) AS starts) s
    WHERE starts OR remap
  ), v AS (
    SELECT deal_id, seq::int AS seq,
           min(at) FILTER (WHERE starts) AS entered_at,
           min(to_stage) FILTER (WHERE starts) AS start_stage,
           (array_agg(to_stage ORDER BY id DESC))[1] AS stage,
           (array_agg(pipeline_version_id ORDER BY id DESC))[1] AS version_id
    FROM seg WHERE seq > 0
    GROUP BY deal_id, seq
  ), w AS (
    SELECT v.*, lead(entered_at) OVER (PARTITION BY deal_id ORDER BY seq) AS left_at,
           lead(start_stage) OVER (PARTITION BY deal_id ORDER BY seq) AS next_stage
    FROM v
  )
  SELECT p_company, w.deal_id, w.seq, d.pipeline_id, w.version_id, w.stage, coalesce(i.kind, 'open'),
         w.entered_at, w.left_at, w.next_stage, i.time_limit_s, d.owner_id, d.team_id,
         d.fields->>'industry', d.fields->>'region', d.fields->>'source', d.priority
  FROM w
  JOIN deals d ON d.company_id = p_company AND d.id = w.deal_id
  LEFT JOIN pw_rebuild_info i ON i.version_id = w.version_id AND i.stage = w.stage;

  INSERT INTO deal_facts
    (company_id, deal_id, pipeline_id, pipeline_version_id, created_at, stage, outcome, closed_at,
     stage_entered_at, reached, probability, amount, expected_close, owner_id, team_id, industry, region,
     source, priority, last_activity_at)
  WITH last AS (
    SELECT s.deal_id,
           (array_agg(s.stage ORDER BY s.seq DESC))[1] AS stage,
           (array_agg(s.kind ORDER BY s.seq DESC))[1] AS kind,
           (array_agg(s.entered_at ORDER BY s.seq DESC))[1] AS entered_at,
           (array_agg(i.probability ORDER BY s.seq DESC) FILTER (WHERE s.kind <> 'approval'))[1] AS probability
    FROM deal_stage_visits s
    LEFT JOIN pw_rebuild_info i ON i.version_id = s.pipeline_version_id AND i.stage = s.stage
    WHERE s.company_id = p_company
    GROUP BY s.deal_id
  ), act AS (
    SELECT deal_id, max(at) AS at FROM deal_events
    WHERE company_id = p_company AND type IN ('created', 'action', 'approval', 'update', 'owner', 'comment', 'reopen')
      AND (actor_id IS NOT NULL OR api_key_id IS NOT NULL)
    GROUP BY deal_id
  ), firsts AS (
    SELECT deal_id, array_agg(stage ORDER BY first_seq) AS reached
    FROM (SELECT deal_id, stage, min(seq) AS first_seq FROM deal_stage_visits
          WHERE company_id = p_company GROUP BY deal_id, stage) x
    GROUP BY deal_id
  )
  SELECT p_company, d.id, d.pipeline_id, d.pipeline_version_id, d.created_at, last.stage,
         CASE WHEN last.kind IN ('won', 'lost') THEN last.kind ELSE 'open' END,
         CASE WHEN last.kind IN ('won', 'lost') THEN last.entered_at END,
         last.entered_at, firsts.reached, last.probability, d.amount, pw_try_date(d.fields->>'expectedClose'),
         d.owner_id, d.team_id, d.fields->>'industry', d.fields->>'region', d.fields->>'source', d.priority,
         act.at
  FROM deals d
  JOIN last ON last.deal_id = d.id
  JOIN firsts ON firsts.deal_id = d.id
  LEFT JOIN act ON act.deal_id = d.id
  WHERE d.company_id = p_company;

  INSERT INTO stage_visit_months
    (company_id, pipeline_id, month, pipeline_version_id, stage, next_stage, bucket, visits, breached, stay_sum)
  SELECT p_company, pipeline_id, pw_beijing_month(left_at), pipeline_version_id, stage, next_stage,
         pw_stay_bucket(stay), count(*), sum((time_limit_s IS NOT NULL AND stay > time_limit_s)::int), sum(stay)
  FROM (SELECT s.*, pw_stay_seconds(s.entered_at, s.left_at) AS stay FROM deal_stage_visits s
        WHERE s.company_id = p_company AND s.left_at IS NOT NULL AND s.kind IN ('open', 'approval')) x
  GROUP BY 2, 3, 4, 5, 6, 7;

  INSERT INTO deal_funnel_months
    (company_id, pipeline_id, created_month, closed_month, pipeline_version_id, outcome, stage, reached, shard,
     deals, amount)
  SELECT p_company, pipeline_id, pw_beijing_month(created_at), coalesce(pw_beijing_month(closed_at), 'infinity'),
         pipeline_version_id, outcome, stage, reached, pw_shard(deal_id), count(*), coalesce(sum(amount), 0)
  FROM deal_facts WHERE company_id = p_company
  GROUP BY 2, 3, 4, 5, 6, 7, 8, 9;

  INSERT INTO deal_close_months
    (company_id, pipeline_id, closed_month, pipeline_version_id, outcome, bucket, shard, deals, amount, cycle_sum)
  SELECT p_company, pipeline_id, pw_beijing_month(closed_at), pipeline_version_id, outcome,
         pw_stay_bucket(pw_stay_seconds(created_at, closed_at)), pw_shard(deal_id), count(*),
         coalesce(sum(amount), 0), sum(pw_stay_seconds(created_at, closed_at))
  FROM deal_facts WHERE company_id = p_company AND outcome IN ('won', 'lost') AND closed_at IS NOT NULL
  GROUP BY 2, 3, 4, 5, 6, 7;

  DROP TABLE pw_rebuild_info;
  PERFORM set_config('pipewright.analytics_rebuild', 'off', true);
END;
$$;
--> statement-breakpoint
UPDATE deal_facts f SET last_activity_at = a.at
FROM (
  SELECT company_id, deal_id, max(at) AS at FROM deal_events
  WHERE type IN ('created', 'action', 'approval', 'update', 'owner', 'comment', 'reopen')
    AND (actor_id IS NOT NULL OR api_key_id IS NOT NULL)
  GROUP BY company_id, deal_id
) a
WHERE f.company_id = a.company_id AND f.deal_id = a.deal_id;
