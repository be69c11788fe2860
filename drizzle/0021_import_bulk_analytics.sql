-- ─── Set-wise analytics for imports (docs/import-export.md, "The import job") ───────────────────
-- An import writes a chunk of new deals in a few statements. Their rows and events go in with the
-- read model's insert triggers standing aside — while `pipewright.analytics_bulk` is 'on', set
-- local to the import's transaction, so every other writer is untouched — and
-- pw_analytics_add_deals then derives those deals' stays and facts from their events in one go and
-- adds them to the monthly counts. The triggers keep their conditions; only the switch is added.
DROP TRIGGER deals_analytics_insert ON deals;
--> statement-breakpoint
CREATE TRIGGER deals_analytics_insert
  AFTER INSERT ON deals
  FOR EACH ROW WHEN (current_setting('pipewright.analytics_bulk', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION pw_analytics_new_deal();
--> statement-breakpoint
DROP TRIGGER deal_events_analytics ON deal_events;
--> statement-breakpoint
CREATE TRIGGER deal_events_analytics
  AFTER INSERT ON deal_events
  FOR EACH ROW WHEN (NEW.to_stage IS NOT NULL
    AND current_setting('pipewright.analytics_bulk', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION pw_analytics_event();
--> statement-breakpoint
DROP TRIGGER deal_events_last_activity ON deal_events;
--> statement-breakpoint
CREATE TRIGGER deal_events_last_activity
  AFTER INSERT ON deal_events
  FOR EACH ROW WHEN (
    NEW.type IN ('created', 'action', 'approval', 'update', 'owner', 'comment', 'reopen')
    AND (NEW.actor_id IS NOT NULL OR NEW.api_key_id IS NOT NULL)
    AND current_setting('pipewright.analytics_bulk', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION pw_analytics_activity();
--> statement-breakpoint
-- The read model of deals it has not seen yet (written while the switch was on), from their rows
-- and events: pw_analytics_rebuild's rules (drizzle/0020) restricted to these deals — stays and
-- facts inserted, their counts added to the monthly tables (rows taken in key order, as the
-- triggers take theirs). A deal that already has stays or facts is refused by their primary keys.
-- test/integration/imports-bulk.test.ts checks the result equals what the triggers write row by row.
CREATE FUNCTION pw_analytics_add_deals(p_company uuid, p_deals uuid[]) RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
  rebuilding text := current_setting('pipewright.analytics_rebuild', true);
BEGIN
  INSERT INTO deal_stage_visits
    (company_id, deal_id, seq, pipeline_id, pipeline_version_id, stage, kind, entered_at, left_at, next_stage,
     time_limit_s, owner_id, team_id, industry, region, source, priority)
  WITH info AS (
    SELECT DISTINCT ON (v.id, n->>'key') v.id AS version_id, n->>'key' AS stage,
           CASE WHEN n->>'kind' = 'approval' THEN 'approval' ELSE n->>'outcome' END AS kind,
           CASE WHEN n->>'kind' = 'stage' THEN round((n->'timeLimit'->>'days')::numeric * 86400)::integer END AS time_limit_s
    FROM pipeline_versions v
    CROSS JOIN LATERAL jsonb_array_elements(v.definition->'nodes') WITH ORDINALITY AS x(node, ord)
    CROSS JOIN LATERAL (SELECT x.node->'data' AS n) d
    WHERE v.company_id = p_company AND n->>'kind' IN ('stage', 'approval')
      AND v.id IN (SELECT DISTINCT pipeline_version_id FROM deals WHERE company_id = p_company AND id = ANY (p_deals)
                   UNION SELECT DISTINCT pipeline_version_id FROM deal_events
                   WHERE company_id = p_company AND deal_id = ANY (p_deals))
    ORDER BY v.id, n->>'key', x.ord
  ), raw AS (
    SELECT e.deal_id, e.id, e.type, e.from_stage, e.to_stage, e.pipeline_version_id, e.at
    FROM deal_events e
    WHERE e.company_id = p_company AND e.deal_id = ANY (p_deals) AND e.to_stage IS NOT NULL
  ), firsts AS (
    SELECT DISTINCT ON (deal_id) * FROM raw ORDER BY deal_id, id
  ), synthetic AS (
    SELECT f.deal_id, f.id * 2 - 1 AS id, 'created' AS type, f.from_stage AS to_stage,
           f.pipeline_version_id, d.created_at AS at
    FROM firsts f JOIN deals d ON d.company_id = p_company AND d.id = f.deal_id
    WHERE f.type <> 'created' AND f.from_stage IS NOT NULL
    UNION ALL
    SELECT d.id, 0, 'created', d.stage, d.pipeline_version_id, d.created_at
    FROM deals d
    WHERE d.company_id = p_company AND d.id = ANY (p_deals)
      AND NOT EXISTS (SELECT 1 FROM firsts f WHERE f.deal_id = d.id)
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
  LEFT JOIN info i ON i.version_id = w.version_id AND i.stage = w.stage;

  -- The facts' own trigger stands aside: their monthly counts are added below in one go.
  PERFORM set_config('pipewright.analytics_rebuild', 'on', true);
  INSERT INTO deal_facts
    (company_id, deal_id, pipeline_id, pipeline_version_id, created_at, stage, outcome, closed_at,
     stage_entered_at, reached, probability, amount, expected_close, owner_id, team_id, industry, region,
     source, priority, last_activity_at)
  WITH info AS (
    SELECT DISTINCT ON (v.id, n->>'key') v.id AS version_id, n->>'key' AS stage,
           CASE WHEN n->>'kind' = 'stage' THEN (n->>'probability')::double precision END AS probability
    FROM pipeline_versions v
    CROSS JOIN LATERAL jsonb_array_elements(v.definition->'nodes') WITH ORDINALITY AS x(node, ord)
    CROSS JOIN LATERAL (SELECT x.node->'data' AS n) d
    WHERE v.company_id = p_company AND n->>'kind' IN ('stage', 'approval')
      AND v.id IN (SELECT DISTINCT pipeline_version_id FROM deal_stage_visits
                   WHERE company_id = p_company AND deal_id = ANY (p_deals))
    ORDER BY v.id, n->>'key', x.ord
  ), last AS (
    SELECT s.deal_id,
           (array_agg(s.stage ORDER BY s.seq DESC))[1] AS stage,
           (array_agg(s.kind ORDER BY s.seq DESC))[1] AS kind,
           (array_agg(s.entered_at ORDER BY s.seq DESC))[1] AS entered_at,
           (array_agg(i.probability ORDER BY s.seq DESC) FILTER (WHERE s.kind <> 'approval'))[1] AS probability
    FROM deal_stage_visits s
    LEFT JOIN info i ON i.version_id = s.pipeline_version_id AND i.stage = s.stage
    WHERE s.company_id = p_company AND s.deal_id = ANY (p_deals)
    GROUP BY s.deal_id
  ), act AS (
    SELECT deal_id, max(at) AS at FROM deal_events
    WHERE company_id = p_company AND deal_id = ANY (p_deals)
      AND type IN ('created', 'action', 'approval', 'update', 'owner', 'comment', 'reopen')
      AND (actor_id IS NOT NULL OR api_key_id IS NOT NULL)
    GROUP BY deal_id
  ), firsts AS (
    SELECT deal_id, array_agg(stage ORDER BY first_seq) AS reached
    FROM (SELECT deal_id, stage, min(seq) AS first_seq FROM deal_stage_visits
          WHERE company_id = p_company AND deal_id = ANY (p_deals) GROUP BY deal_id, stage) x
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
  WHERE d.company_id = p_company AND d.id = ANY (p_deals);
  PERFORM set_config('pipewright.analytics_rebuild', coalesce(rebuilding, ''), true);

  INSERT INTO stage_visit_months AS m
    (company_id, pipeline_id, month, pipeline_version_id, stage, next_stage, bucket, visits, breached, stay_sum)
  SELECT p_company, pipeline_id, pw_beijing_month(left_at), pipeline_version_id, stage, next_stage,
         pw_stay_bucket(stay), count(*), sum((time_limit_s IS NOT NULL AND stay > time_limit_s)::int), sum(stay)
  FROM (SELECT s.*, pw_stay_seconds(s.entered_at, s.left_at) AS stay FROM deal_stage_visits s
        WHERE s.company_id = p_company AND s.deal_id = ANY (p_deals)
          AND s.left_at IS NOT NULL AND s.kind IN ('open', 'approval')) x
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
  FROM deal_facts WHERE company_id = p_company AND deal_id = ANY (p_deals)
  GROUP BY 2, 3, 4, 5, 6, 7, 8, 9
  ORDER BY 2, 3, 4, 5, 6, 7, 8, 9
  ON CONFLICT (company_id, pipeline_id, created_month, closed_month, pipeline_version_id, outcome, stage, reached, shard)
  DO UPDATE SET deals = m.deals + excluded.deals, amount = m.amount + excluded.amount;

  INSERT INTO deal_close_months AS m
    (company_id, pipeline_id, closed_month, pipeline_version_id, outcome, bucket, shard, deals, amount, cycle_sum)
  SELECT p_company, pipeline_id, pw_beijing_month(closed_at), pipeline_version_id, outcome,
         pw_stay_bucket(pw_stay_seconds(created_at, closed_at)), pw_shard(deal_id), count(*),
         coalesce(sum(amount), 0), sum(pw_stay_seconds(created_at, closed_at))
  FROM deal_facts
  WHERE company_id = p_company AND deal_id = ANY (p_deals) AND outcome IN ('won', 'lost') AND closed_at IS NOT NULL
  GROUP BY 2, 3, 4, 5, 6, 7
  ORDER BY 2, 3, 4, 5, 6, 7
  ON CONFLICT (company_id, pipeline_id, closed_month, pipeline_version_id, outcome, bucket, shard)
  DO UPDATE SET deals = m.deals + excluded.deals, amount = m.amount + excluded.amount,
                cycle_sum = m.cycle_sum + excluded.cycle_sum;
END;
$$;
