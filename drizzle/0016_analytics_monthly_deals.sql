CREATE TABLE "deal_close_months" (
	"company_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"pipeline_version_id" uuid NOT NULL,
	"closed_month" date NOT NULL,
	"outcome" text NOT NULL,
	"bucket" smallint NOT NULL,
	"shard" smallint NOT NULL,
	"deals" integer NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"cycle_sum" bigint NOT NULL,
	CONSTRAINT "deal_close_months_pk" PRIMARY KEY("company_id","pipeline_id","closed_month","pipeline_version_id","outcome","bucket","shard")
);
--> statement-breakpoint
CREATE TABLE "deal_funnel_months" (
	"company_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"pipeline_version_id" uuid NOT NULL,
	"created_month" date NOT NULL,
	"closed_month" date NOT NULL,
	"reached" text[] NOT NULL,
	"outcome" text NOT NULL,
	"stage" text NOT NULL,
	"shard" smallint NOT NULL,
	"deals" integer NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	CONSTRAINT "deal_funnel_months_pk" PRIMARY KEY("company_id","pipeline_id","created_month","closed_month","pipeline_version_id","outcome","stage","reached","shard")
);
--> statement-breakpoint
ALTER TABLE "deal_close_months" ADD CONSTRAINT "deal_close_months_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_funnel_months" ADD CONSTRAINT "deal_funnel_months_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- ─── Monthly deal counts for the funnel and win rate (docs/analytics.md, Scale) ─────────────────
-- Whole seconds between two instants, never below zero: written so that Postgres inlines it
-- (the timestamptz epoch extract is only stable; an interval's is immutable).
CREATE OR REPLACE FUNCTION pw_stay_seconds(entered timestamptz, left_at timestamptz) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT greatest(0, floor(extract(epoch FROM left_at - entered)))::bigint $$;
--> statement-breakpoint
-- Spreads a deal's counts over four rows, so concurrent moves of deals alike rarely wait on one.
CREATE FUNCTION pw_shard(deal uuid) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (get_byte(uuid_send(deal), 15) % 4)::smallint $$;
--> statement-breakpoint
-- A deal's facts row changed: its old counts out, its new ones in, each table's two rows taken in
-- key order (so two moves never wait on each other crosswise).
CREATE FUNCTION pw_analytics_rollups() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF current_setting('pipewright.analytics_rebuild', true) = 'on' THEN RETURN NULL; END IF;
  -- OLD is null on insert and NEW on delete: their row is left out.
  INSERT INTO deal_funnel_months AS m
    (company_id, pipeline_id, created_month, closed_month, pipeline_version_id, outcome, stage, reached, shard,
     deals, amount)
  SELECT company_id, pipeline_id, pw_beijing_month(created_at), coalesce(pw_beijing_month(closed_at), 'infinity'),
         pipeline_version_id, outcome, stage, reached, pw_shard(deal_id), sum(sign), sum(sign * amount)
  FROM (VALUES
    (OLD.company_id, OLD.pipeline_id, OLD.pipeline_version_id, OLD.created_at, OLD.closed_at, OLD.reached,
     OLD.outcome, OLD.stage, OLD.deal_id, coalesce(OLD.amount, 0), -1),
    (NEW.company_id, NEW.pipeline_id, NEW.pipeline_version_id, NEW.created_at, NEW.closed_at, NEW.reached,
     NEW.outcome, NEW.stage, NEW.deal_id, coalesce(NEW.amount, 0), 1)
  ) AS v(company_id, pipeline_id, pipeline_version_id, created_at, closed_at, reached, outcome, stage, deal_id,
         amount, sign)
  WHERE company_id IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT (company_id, pipeline_id, created_month, closed_month, pipeline_version_id, outcome, stage, reached, shard)
  DO UPDATE SET deals = m.deals + excluded.deals, amount = m.amount + excluded.amount;
  INSERT INTO deal_close_months AS m
    (company_id, pipeline_id, closed_month, pipeline_version_id, outcome, bucket, shard, deals, amount, cycle_sum)
  SELECT company_id, pipeline_id, pw_beijing_month(closed_at), pipeline_version_id, outcome,
         pw_stay_bucket(pw_stay_seconds(created_at, closed_at)), pw_shard(deal_id), sum(sign), sum(sign * amount),
         sum(sign * pw_stay_seconds(created_at, closed_at))
  FROM (VALUES
    (OLD.company_id, OLD.pipeline_id, OLD.pipeline_version_id, OLD.created_at, OLD.closed_at, OLD.outcome,
     OLD.deal_id, coalesce(OLD.amount, 0), -1),
    (NEW.company_id, NEW.pipeline_id, NEW.pipeline_version_id, NEW.created_at, NEW.closed_at, NEW.outcome,
     NEW.deal_id, coalesce(NEW.amount, 0), 1)
  ) AS v(company_id, pipeline_id, pipeline_version_id, created_at, closed_at, outcome, deal_id, amount, sign)
  WHERE company_id IS NOT NULL AND outcome IN ('won', 'lost') AND closed_at IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (company_id, pipeline_id, closed_month, pipeline_version_id, outcome, bucket, shard)
  DO UPDATE SET deals = m.deals + excluded.deals, amount = m.amount + excluded.amount,
                cycle_sum = m.cycle_sum + excluded.cycle_sum;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER deal_facts_rollups_insert AFTER INSERT ON deal_facts
  FOR EACH ROW EXECUTE FUNCTION pw_analytics_rollups();
--> statement-breakpoint
CREATE TRIGGER deal_facts_rollups_delete AFTER DELETE ON deal_facts
  FOR EACH ROW EXECUTE FUNCTION pw_analytics_rollups();
--> statement-breakpoint
CREATE TRIGGER deal_facts_rollups_update AFTER UPDATE ON deal_facts
  FOR EACH ROW WHEN (
    (OLD.pipeline_id, OLD.pipeline_version_id, OLD.created_at, OLD.closed_at, OLD.reached, OLD.outcome,
     OLD.stage, OLD.amount)
    IS DISTINCT FROM
    (NEW.pipeline_id, NEW.pipeline_version_id, NEW.created_at, NEW.closed_at, NEW.reached, NEW.outcome,
     NEW.stage, NEW.amount))
  EXECUTE FUNCTION pw_analytics_rollups();
--> statement-breakpoint
-- The rebuild fills the monthly deal counts too.
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
     source, priority)
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
         d.owner_id, d.team_id, d.fields->>'industry', d.fields->>'region', d.fields->>'source', d.priority
  FROM deals d
  JOIN last ON last.deal_id = d.id
  JOIN firsts ON firsts.deal_id = d.id
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
SELECT pw_analytics_rebuild(id) FROM companies;
