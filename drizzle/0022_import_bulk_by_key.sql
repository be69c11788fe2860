-- The facts' insert trigger is not even called while the rebuild (or an import's chunk) writes
-- facts whose monthly counts it adds in one go: the function would only return (drizzle/0016).
DROP TRIGGER deal_facts_rollups_insert ON deal_facts;
--> statement-breakpoint
CREATE TRIGGER deal_facts_rollups_insert AFTER INSERT ON deal_facts
  FOR EACH ROW WHEN (current_setting('pipewright.analytics_rebuild', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION pw_analytics_rollups();
--> statement-breakpoint
-- pw_analytics_add_deals (drizzle/0021) reading only the deals it is given: their rows and events
-- are fetched by key (one index probe per deal: LATERAL … OFFSET 0 keeps the planner from hashing
-- whole tables instead) into arrays, and every later step works on those arrays and on what the
-- steps before returned, planned for each call with the arrays' real sizes. A chunk of an import
-- then costs the same in a company of a hundred deals as in one of a million.
CREATE OR REPLACE FUNCTION pw_analytics_add_deals(p_company uuid, p_deals uuid[]) RETURNS void
LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
  rebuilding text := current_setting('pipewright.analytics_rebuild', true);
  ds deals[];
  evs deal_events[];
  stays deal_stage_visits[];
  facts deal_facts[];
BEGIN
  SELECT array_agg(d) INTO ds
  FROM unnest(p_deals) AS x(id)
  CROSS JOIN LATERAL (SELECT * FROM deals d WHERE d.company_id = p_company AND d.id = x.id OFFSET 0) d;
  SELECT array_agg(e) INTO evs
  FROM unnest(p_deals) AS x(id)
  CROSS JOIN LATERAL (SELECT * FROM deal_events e WHERE e.company_id = p_company AND e.deal_id = x.id OFFSET 0) e;
  IF ds IS NULL THEN RETURN; END IF;

  -- The stays: the rebuild's rules (drizzle/0020), on these deals' events.
  WITH mine AS (
    SELECT * FROM unnest(ds)
  ), raw AS (
    SELECT e.deal_id, e.id, e.type, e.from_stage, e.to_stage, e.pipeline_version_id, e.at
    FROM unnest(evs) e
    WHERE e.to_stage IS NOT NULL
  ), info AS (
    SELECT DISTINCT ON (v.id, n->>'key') v.id AS version_id, n->>'key' AS stage,
           CASE WHEN n->>'kind' = 'approval' THEN 'approval' ELSE n->>'outcome' END AS kind,
           CASE WHEN n->>'kind' = 'stage' THEN round((n->'timeLimit'->>'days')::numeric * 86400)::integer END AS time_limit_s
    FROM pipeline_versions v
    CROSS JOIN LATERAL jsonb_array_elements(v.definition->'nodes') WITH ORDINALITY AS x(node, ord)
    CROSS JOIN LATERAL (SELECT x.node->'data' AS n) d
    WHERE v.company_id = p_company AND n->>'kind' IN ('stage', 'approval')
      AND v.id IN (SELECT pipeline_version_id FROM raw UNION SELECT pipeline_version_id FROM mine)
    ORDER BY v.id, n->>'key', x.ord
  ), firsts AS (
    SELECT DISTINCT ON (deal_id) * FROM raw ORDER BY deal_id, id
  ), synthetic AS (
    -- A log not beginning with its creation: the deal rested in its first move's from-stage since
    -- it was created.
    SELECT f.deal_id, f.id * 2 - 1 AS id, 'created' AS type, f.from_stage AS to_stage,
           f.pipeline_version_id, d.created_at AS at
    FROM firsts f JOIN mine d ON d.id = f.deal_id
    WHERE f.type <> 'created' AND f.from_stage IS NOT NULL
    UNION ALL
    -- No events at all: resting in its stage since it was created.
    SELECT d.id, 0, 'created', d.stage, d.pipeline_version_id, d.created_at
    FROM mine d
    WHERE NOT EXISTS (SELECT 1 FROM firsts f WHERE f.deal_id = d.id)
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
  ), written AS (
    INSERT INTO deal_stage_visits
      (company_id, deal_id, seq, pipeline_id, pipeline_version_id, stage, kind, entered_at, left_at, next_stage,
       time_limit_s, owner_id, team_id, industry, region, source, priority)
    SELECT p_company, w.deal_id, w.seq, d.pipeline_id, w.version_id, w.stage, coalesce(i.kind, 'open'),
           w.entered_at, w.left_at, w.next_stage, i.time_limit_s, d.owner_id, d.team_id,
           d.fields->>'industry', d.fields->>'region', d.fields->>'source', d.priority
    FROM w
    JOIN mine d ON d.id = w.deal_id
    LEFT JOIN info i ON i.version_id = w.version_id AND i.stage = w.stage
    RETURNING *
  )
  SELECT array_agg(written) INTO stays FROM written;

  -- The facts, from the stays (the facts' own trigger stands aside: their counts are added below).
  PERFORM set_config('pipewright.analytics_rebuild', 'on', true);
  WITH s AS (
    SELECT * FROM unnest(stays)
  ), info AS (
    SELECT DISTINCT ON (v.id, n->>'key') v.id AS version_id, n->>'key' AS stage,
           CASE WHEN n->>'kind' = 'stage' THEN (n->>'probability')::double precision END AS probability
    FROM pipeline_versions v
    CROSS JOIN LATERAL jsonb_array_elements(v.definition->'nodes') WITH ORDINALITY AS x(node, ord)
    CROSS JOIN LATERAL (SELECT x.node->'data' AS n) d
    WHERE v.company_id = p_company AND n->>'kind' IN ('stage', 'approval')
      AND v.id IN (SELECT pipeline_version_id FROM s)
    ORDER BY v.id, n->>'key', x.ord
  ), last AS (
    SELECT s.deal_id,
           (array_agg(s.stage ORDER BY s.seq DESC))[1] AS stage,
           (array_agg(s.kind ORDER BY s.seq DESC))[1] AS kind,
           (array_agg(s.entered_at ORDER BY s.seq DESC))[1] AS entered_at,
           (array_agg(i.probability ORDER BY s.seq DESC) FILTER (WHERE s.kind <> 'approval'))[1] AS probability
    FROM s
    LEFT JOIN info i ON i.version_id = s.pipeline_version_id AND i.stage = s.stage
    GROUP BY s.deal_id
  ), act AS (
    SELECT e.deal_id, max(e.at) AS at FROM unnest(evs) e
    WHERE e.type IN ('created', 'action', 'approval', 'update', 'owner', 'comment', 'reopen')
      AND (e.actor_id IS NOT NULL OR e.api_key_id IS NOT NULL)
    GROUP BY e.deal_id
  ), firsts AS (
    SELECT deal_id, array_agg(stage ORDER BY first_seq) AS reached
    FROM (SELECT deal_id, stage, min(seq) AS first_seq FROM s GROUP BY deal_id, stage) x
    GROUP BY deal_id
  ), written AS (
    INSERT INTO deal_facts
      (company_id, deal_id, pipeline_id, pipeline_version_id, created_at, stage, outcome, closed_at,
       stage_entered_at, reached, probability, amount, expected_close, owner_id, team_id, industry, region,
       source, priority, last_activity_at)
    SELECT p_company, d.id, d.pipeline_id, d.pipeline_version_id, d.created_at, last.stage,
           CASE WHEN last.kind IN ('won', 'lost') THEN last.kind ELSE 'open' END,
           CASE WHEN last.kind IN ('won', 'lost') THEN last.entered_at END,
           last.entered_at, firsts.reached, last.probability, d.amount, pw_try_date(d.fields->>'expectedClose'),
           d.owner_id, d.team_id, d.fields->>'industry', d.fields->>'region', d.fields->>'source', d.priority,
           act.at
    FROM unnest(ds) d
    JOIN last ON last.deal_id = d.id
    JOIN firsts ON firsts.deal_id = d.id
    LEFT JOIN act ON act.deal_id = d.id
    RETURNING *
  )
  SELECT array_agg(written) INTO facts FROM written;
  PERFORM set_config('pipewright.analytics_rebuild', coalesce(rebuilding, ''), true);

  -- Their counts added to the monthly tables, rows taken in key order as the triggers take theirs.
  INSERT INTO stage_visit_months AS m
    (company_id, pipeline_id, month, pipeline_version_id, stage, next_stage, bucket, visits, breached, stay_sum)
  SELECT p_company, pipeline_id, pw_beijing_month(left_at), pipeline_version_id, stage, next_stage,
         pw_stay_bucket(stay), count(*), sum((time_limit_s IS NOT NULL AND stay > time_limit_s)::int), sum(stay)
  FROM (SELECT s.*, pw_stay_seconds(s.entered_at, s.left_at) AS stay FROM unnest(stays) s
        WHERE s.left_at IS NOT NULL AND s.kind IN ('open', 'approval')) x
  GROUP BY 2, 3, 4, 5, 6, 7
  ORDER BY 2, 3, 4, 5, 6, 7
  ON CONFLICT (company_id, pipeline_id, month, pipeline_version_id, stage, next_stage, bucket)
  DO UPDATE SET visits = m.visits + excluded.visits, breached = m.breached + excluded.breached,
                stay_sum = m.stay_sum + excluded.stay_sum;

  INSERT INTO deal_funnel_months AS m
    (company_id, pipeline_id, created_month, closed_month, pipeline_version_id, outcome, stage, reached, shard,
     deals, amount)
  SELECT p_company, pipeline_id, pw_beijing_month(created_at), coalesce(pw_beijing_month(closed_at), 'infinity'),
         pipeline_version_id, outcome, stage, reached, pw_shard(deal_id), count(*), coalesce(sum(amount), 0)
  FROM unnest(facts)
  GROUP BY 2, 3, 4, 5, 6, 7, 8, 9
  ORDER BY 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT (company_id, pipeline_id, created_month, closed_month, pipeline_version_id, outcome, stage, reached, shard)
  DO UPDATE SET deals = m.deals + excluded.deals, amount = m.amount + excluded.amount;

  INSERT INTO deal_close_months AS m
    (company_id, pipeline_id, closed_month, pipeline_version_id, outcome, bucket, shard, deals, amount, cycle_sum)
  SELECT p_company, pipeline_id, pw_beijing_month(closed_at), pipeline_version_id, outcome,
         pw_stay_bucket(pw_stay_seconds(created_at, closed_at)), pw_shard(deal_id), count(*),
         coalesce(sum(amount), 0), sum(pw_stay_seconds(created_at, closed_at))
  FROM unnest(facts)
  WHERE outcome IN ('won', 'lost') AND closed_at IS NOT NULL
  GROUP BY 2, 3, 4, 5, 6, 7
  ORDER BY 2, 3, 4, 5, 6, 7
  ON CONFLICT (company_id, pipeline_id, closed_month, pipeline_version_id, outcome, bucket, shard)
  DO UPDATE SET deals = m.deals + excluded.deals, amount = m.amount + excluded.amount,
                cycle_sum = m.cycle_sum + excluded.cycle_sum;
END;
$$;
