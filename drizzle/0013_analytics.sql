CREATE TABLE "deal_facts" (
	"company_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"pipeline_version_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"stage" text NOT NULL,
	"outcome" text NOT NULL,
	"closed_at" timestamp with time zone,
	"stage_entered_at" timestamp with time zone NOT NULL,
	"reached" text[] NOT NULL,
	"probability" double precision,
	"amount" numeric(16, 2),
	"expected_close" date,
	"owner_id" uuid,
	"team_id" uuid,
	"industry" text,
	"region" text,
	"source" text,
	"priority" text,
	CONSTRAINT "deal_facts_company_id_deal_id_pk" PRIMARY KEY("company_id","deal_id")
);
--> statement-breakpoint
CREATE TABLE "deal_stage_visits" (
	"company_id" uuid NOT NULL,
	"deal_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"pipeline_version_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"kind" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"next_stage" text,
	"time_limit_s" integer,
	"owner_id" uuid,
	"team_id" uuid,
	"industry" text,
	"region" text,
	"source" text,
	"priority" text,
	CONSTRAINT "deal_stage_visits_company_id_deal_id_seq_pk" PRIMARY KEY("company_id","deal_id","seq")
);
--> statement-breakpoint
CREATE TABLE "stage_visit_months" (
	"company_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"pipeline_version_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"next_stage" text NOT NULL,
	"month" date NOT NULL,
	"bucket" smallint NOT NULL,
	"visits" integer NOT NULL,
	"breached" integer NOT NULL,
	"stay_sum" bigint NOT NULL,
	CONSTRAINT "stage_visit_months_pk" PRIMARY KEY("company_id","pipeline_id","month","pipeline_version_id","stage","next_stage","bucket")
);
--> statement-breakpoint
ALTER TABLE "deal_facts" ADD CONSTRAINT "deal_facts_deal_fk" FOREIGN KEY ("company_id","deal_id") REFERENCES "public"."deals"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_stage_visits" ADD CONSTRAINT "deal_stage_visits_deal_fk" FOREIGN KEY ("company_id","deal_id") REFERENCES "public"."deals"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_visit_months" ADD CONSTRAINT "stage_visit_months_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deal_facts_team_idx" ON "deal_facts" USING btree ("company_id","team_id");--> statement-breakpoint
CREATE INDEX "deal_facts_owner_idx" ON "deal_facts" USING btree ("company_id","owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_stage_visits_current_key" ON "deal_stage_visits" USING btree ("company_id","deal_id") WHERE "deal_stage_visits"."left_at" is null;--> statement-breakpoint
CREATE INDEX "deal_stage_visits_now_idx" ON "deal_stage_visits" USING btree ("company_id","pipeline_id","stage") WHERE "deal_stage_visits"."left_at" is null;--> statement-breakpoint
CREATE INDEX "deal_stage_visits_team_idx" ON "deal_stage_visits" USING btree ("company_id","team_id","left_at");--> statement-breakpoint
CREATE INDEX "deal_stage_visits_owner_idx" ON "deal_stage_visits" USING btree ("company_id","owner_id","left_at");--> statement-breakpoint
-- ─── Analytics read model (docs/analytics.md) ───────────────────────────────────────────────
-- Stay buckets 2^(1/32) wide from one minute on: lib/analytics/buckets.ts holds the same bounds
-- (a unit test reads them from here).
CREATE FUNCTION pw_stay_bucket(seconds bigint) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT width_bucket(seconds, '{60,61,63,64,65,67,68,70,71,73,75,76,78,80,81,83,85,87,89,91,93,95,97,99,101,103,105,108,110,112,115,117,120,123,125,128,131,134,137,140,143,146,149,152,156,159,163,166,170,173,177,181,185,189,193,197,202,206,211,215,220,225,230,235,240,245,251,256,262,267,273,279,285,292,298,305,311,318,325,332,339,347,354,362,370,378,387,395,404,412,422,431,440,450,460,470,480,491,501,512,523,535,547,559,571,583,596,609,622,636,650,664,679,694,709,724,740,756,773,790,807,825,843,861,880,900,919,939,960,981,1003,1024,1047,1070,1093,1117,1142,1167,1192,1218,1245,1272,1300,1329,1358,1387,1418,1449,1481,1513,1546,1580,1615,1650,1686,1723,1761,1799,1839,1879,1920,1962,2005,2049,2094,2140,2186,2234,2283,2333,2384,2437,2490,2544,2600,2657,2715,2775,2836,2898,2961,3026,3092,3160,3229,3300,3372,3446,3521,3598,3677,3758,3840,3924,4010,4098,4188,4279,4373,4469,4567,4667,4769,4873,4980,5089,5200,5314,5431,5549,5671,5795,5922,6052,6184,6320,6458,6599,6744,6892,7043,7197,7354,7515,7680,7848,8020,8196,8375,8558,8746,8937,9133,9333,9537,9746,9960,10178,10401,10628,10861,11099,11342,11590,11844,12104,12369,12639,12916,13199,13488,13783,14085,14394,14709,15031,15360,15696,16040,16391,16750,17117,17492,17875,18266,18666,19075,19493,19919,20356,20801,21257,21722,22198,22684,23181,23688,24207,24737,25279,25832,26398,26976,27567,28170,28787,29418,30062,30720,31393,32080,32783,33500,34234,34984,35750,36532,37332,38150,38985,39839,40711,41603,42514,43445,44396,45368,46362,47377,48414,49474,50558,51665,52796,53952,55133,56341,57574,58835,60123,61440,62785,64160,65565,67001,68468,69967,71499,73065,74665,76300,77970,79678,81423,83205,85027,86889,88792,90736,92723,94753,96828,98949,101115,103329,105592,107904,110267,112681,115149,117670,120247,122880,125571,128320,131130,134002,136936,139934,142999,146130,149330,152599,155941,159356,162845,166411,170055,173779,177584,181472,185446,189507,193657,197897,202230,206659,211184,215808,220534,225363,230298,235341,240494,245760,251141,256641,262260,268003,273872,279869,285997,292260,298659,305199,311882,318711,325690,332822,340110,347557,355168,362945,370892,379014,387313,395794,404461,413317,422368,431617,441068,450726,460595,470681,480988,491520,502283,513281,524521,536006,547743,559737,571994,584519,597318,610398,623764,637423,651380,665644,680219,695114,710335,725890,741784,758027,774626,791588,808922,826635,844736,863233,882135,901452,921191,941362,961975,983040,1004566,1026563,1049042,1072013,1095487,1119475,1143988,1169038,1194637,1220796,1247528,1274845,1302761,1331287,1360439,1390229,1420671,1451779,1483569,1516055,1549252,1583176,1617843,1653270,1689472,1726466,1764271,1802903,1842382,1882725,1923951,1966080,2009132,2053126,2098083,2144025,2190973,2238950,2287976,2338076,2389274,2441592,2495056,2549690,2605521,2662575,2720878,2780457,2841341,2903558,2967138,3032110,3098504,3166353,3235687,3306539,3378943,3452932,3528542,3605807,3684764,3765449,3847902,3932160,4018263,4106252,4196167,4288051,4381947,4477899,4575952,4676153,4778547,4883184,4990111,5099381,5211043,5325149,5441755,5560914,5682682,5807117,5934276,6064220,6197009,6332706,6471374,6613078,6757886,6905864,7057083,7211613,7369527,7530899,7695804,7864320,8036526,8212503,8392334,8576102,8763894,8955798,9151905,9352305,9557094,9766367,9980223,10198761,10422085,10650299,10883510,11121828,11365364,11614233,11868552,12128439,12394018,12665411,12942748,13226157,13515772,13811729,14114166,14423226,14739054,15061797,15391608,15728640,16073052,16425006,16784667,17152204,17527788,17911596,18303809,18704611,19114188,19532734,19960446,20397522,20844170,21300598,21767020,22243656,22730729,23228467,23737104,24256879,24788035,25330823,25885495,26452314,27031544,27623458,28228333,28846453,29478108,30123595,30783215,31457280,32146105,32850013,33569334,34304407,35055576,35823193,36607619,37409221,38228376,39065469,39920891,40795045,41688340,42601196,43534041,44487312,45461457,46456934,47474208,48513758,49576071,50661645,51770991,52904628,54063088,55246916,56456666,57692906,58956216,60247189,61566431,62914560,64292209,65700026,67138669,68608814,70111152,71646386,73215237,74818442,76456753,78130938,79841783,81590090,83376680,85202392,87068081,88974624,90922915,92913867,94948416,97027516,99152141,101323291,103541982,105809256,108126177,110493832,112913332,115385812,117912432,120494378,123132861,125829120,128584419,131400051,134277338,137217628,140222303,143292772,146430475,149636885,152913506,156261876,159683565,163180180,166753361,170404784,174136163,177949248,181845829,185827734,189896832,194055031,198304283,202646581,207083964,211618512,216252354,220987664,225826664,230771624,235824864,240988756,246265723,251658240,257168838,262800102,268554675,274435257,280444606,286585544,292860950,299273770,305827012,312523751,319367130,326360360,333506721,340809567,348272325,355898496,363691658,371655469,379793664,388110062,396608566,405293162,414167927,423237024,432504708,441975328,451653327,461543247,471649728,481977512,492531446,503316480,514337676,525600204,537109350,548870513,560889213,573171087,585721900,598547539,611654024,625047503,638734261,652720720}'::bigint[]) $$;
--> statement-breakpoint
-- Whole seconds from one instant to another, never below zero.
CREATE FUNCTION pw_stay_seconds(entered timestamptz, left_at timestamptz) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT greatest(0, floor(extract(epoch FROM left_at) - extract(epoch FROM entered)))::bigint $$;
--> statement-breakpoint
-- First day of the Beijing month (UTC+8 all year) an instant falls in.
CREATE FUNCTION pw_beijing_month(at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT date_trunc('month', (at AT TIME ZONE 'UTC') + interval '8 hours')::date $$;
--> statement-breakpoint
-- A date field's value as a date; anything else (empty, malformed) as null, never an error.
CREATE FUNCTION pw_try_date(value text) RETURNS date
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
  IF value IS NULL OR value !~ '^\d{4}-\d{2}-\d{2}' THEN RETURN NULL; END IF;
  RETURN substr(value, 1, 10)::date;
EXCEPTION WHEN others THEN
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- What a state of a version is to analytics: open / won / lost stage or approval, the stage's win
-- probability and its time limit in seconds (lib/analytics/stages.ts statesOf).
CREATE FUNCTION pw_state_info(p_company uuid, p_version uuid, p_stage text,
  OUT kind text, OUT probability double precision, OUT time_limit_s integer)
LANGUAGE sql STABLE
AS $$
  SELECT CASE WHEN n->>'kind' = 'approval' THEN 'approval' ELSE n->>'outcome' END,
         CASE WHEN n->>'kind' = 'stage' THEN (n->>'probability')::double precision END,
         CASE WHEN n->>'kind' = 'stage' THEN round((n->'timeLimit'->>'days')::numeric * 86400)::integer END
  FROM pipeline_versions v
  CROSS JOIN LATERAL jsonb_array_elements(v.definition->'nodes') WITH ORDINALITY AS x(node, ord)
  CROSS JOIN LATERAL (SELECT x.node->'data' AS n) d
  WHERE v.company_id = p_company AND v.id = p_version
    AND n->>'key' = p_stage AND n->>'kind' IN ('stage', 'approval')
  ORDER BY x.ord
  LIMIT 1
$$;
--> statement-breakpoint
-- Forgets a deal's visits (a second "created" event starts its history again), taking the ended
-- ones back out of the monthly counts.
CREATE FUNCTION pw_analytics_forget(p_company uuid, p_deal uuid) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
  WITH gone AS (
    DELETE FROM deal_stage_visits
    WHERE company_id = p_company AND deal_id = p_deal
    RETURNING pipeline_id, pipeline_version_id, stage, next_stage, kind, left_at, time_limit_s,
              pw_stay_seconds(entered_at, left_at) AS stay
  ), counted AS (
    SELECT pipeline_id, pw_beijing_month(left_at) AS month, pipeline_version_id, stage, next_stage,
           pw_stay_bucket(stay) AS bucket, count(*)::int AS n,
           sum((time_limit_s IS NOT NULL AND stay > time_limit_s)::int)::int AS breached, sum(stay)::bigint AS stay
    FROM gone WHERE left_at IS NOT NULL AND kind IN ('open', 'approval')
    GROUP BY 1, 2, 3, 4, 5, 6
  )
  UPDATE stage_visit_months m
  SET visits = m.visits - c.n, breached = m.breached - c.breached, stay_sum = m.stay_sum - c.stay
  FROM counted c
  WHERE m.company_id = p_company AND m.pipeline_id = c.pipeline_id AND m.month = c.month
    AND m.pipeline_version_id = c.pipeline_version_id AND m.stage = c.stage
    AND m.next_stage = c.next_stage AND m.bucket = c.bucket;
  DELETE FROM stage_visit_months WHERE company_id = p_company AND visits <= 0;
END;
$$;
--> statement-breakpoint
-- Every event with a stage, as it is written (the same rules as lib/analytics/visits.ts): created
-- starts the history, a move ends the current visit and starts the next (counted in the month it
-- ended), a migration re-maps the current visit, an event that leaves the deal where it is does
-- nothing. The deal's facts follow; its attributes are read from its row.
CREATE FUNCTION pw_analytics_event() RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  cur deal_stage_visits%ROWTYPE;
  has_cur boolean := false;
  info record;
  d record;
  stay bigint;
  prob double precision;
  entered timestamptz;
BEGIN
  SELECT * INTO info FROM pw_state_info(NEW.company_id, NEW.pipeline_version_id, NEW.to_stage);
  IF NEW.type = 'created' THEN
    PERFORM pw_analytics_forget(NEW.company_id, NEW.deal_id);
  ELSE
    SELECT * INTO cur FROM deal_stage_visits
    WHERE company_id = NEW.company_id AND deal_id = NEW.deal_id AND left_at IS NULL;
    has_cur := FOUND;
    IF NEW.type IN ('migrated', 'migration', 'migrationRolledBack') THEN
      IF NOT has_cur THEN RETURN NULL; END IF;
      UPDATE deal_stage_visits
      SET pipeline_version_id = NEW.pipeline_version_id, stage = NEW.to_stage,
          kind = coalesce(info.kind, 'open'), time_limit_s = info.time_limit_s
      WHERE company_id = NEW.company_id AND deal_id = NEW.deal_id AND seq = cur.seq;
      IF info.kind = 'approval' THEN
        -- Waiting at an approval: the probability of the last stage before it.
        SELECT (pw_state_info(NEW.company_id, s.pipeline_version_id, s.stage)).probability INTO prob
        FROM deal_stage_visits s
        WHERE s.company_id = NEW.company_id AND s.deal_id = NEW.deal_id AND s.seq < cur.seq AND s.kind <> 'approval'
        ORDER BY s.seq DESC LIMIT 1;
      ELSE
        prob := info.probability;
      END IF;
      UPDATE deal_facts
      SET stage = NEW.to_stage,
          outcome = CASE WHEN info.kind IN ('won', 'lost') THEN info.kind ELSE 'open' END,
          closed_at = CASE WHEN info.kind IN ('won', 'lost') THEN cur.entered_at END,
          reached = CASE WHEN NEW.to_stage = ANY (reached) THEN reached ELSE reached || NEW.to_stage END,
          probability = prob
      WHERE company_id = NEW.company_id AND deal_id = NEW.deal_id;
      RETURN NULL;
    END IF;
    IF has_cur AND cur.stage = NEW.to_stage THEN RETURN NULL; END IF;
  END IF;

  IF has_cur THEN
    UPDATE deal_stage_visits SET left_at = NEW.at, next_stage = NEW.to_stage
    WHERE company_id = NEW.company_id AND deal_id = NEW.deal_id AND seq = cur.seq;
    IF cur.kind IN ('open', 'approval') THEN
      stay := pw_stay_seconds(cur.entered_at, NEW.at);
      INSERT INTO stage_visit_months AS m
        (company_id, pipeline_id, month, pipeline_version_id, stage, next_stage, bucket, visits, breached, stay_sum)
      VALUES (NEW.company_id, cur.pipeline_id, pw_beijing_month(NEW.at), cur.pipeline_version_id, cur.stage,
              NEW.to_stage, pw_stay_bucket(stay), 1,
              (cur.time_limit_s IS NOT NULL AND stay > cur.time_limit_s)::int, stay)
      ON CONFLICT (company_id, pipeline_id, month, pipeline_version_id, stage, next_stage, bucket)
      DO UPDATE SET visits = m.visits + 1, breached = m.breached + excluded.breached,
                    stay_sum = m.stay_sum + excluded.stay_sum;
    END IF;
  END IF;

  SELECT * INTO d FROM deals WHERE company_id = NEW.company_id AND id = NEW.deal_id;
  INSERT INTO deal_stage_visits
    (company_id, deal_id, seq, pipeline_id, pipeline_version_id, stage, kind, entered_at, time_limit_s,
     owner_id, team_id, industry, region, source, priority)
  VALUES (NEW.company_id, NEW.deal_id, CASE WHEN has_cur THEN cur.seq + 1 ELSE 1 END, d.pipeline_id,
          NEW.pipeline_version_id, NEW.to_stage, coalesce(info.kind, 'open'), NEW.at, info.time_limit_s,
          d.owner_id, d.team_id, d.fields->>'industry', d.fields->>'region', d.fields->>'source', d.priority);
  INSERT INTO deal_facts AS f
    (company_id, deal_id, pipeline_id, pipeline_version_id, created_at, stage, outcome, closed_at,
     stage_entered_at, reached, probability, amount, expected_close, owner_id, team_id, industry, region,
     source, priority)
  VALUES (NEW.company_id, NEW.deal_id, d.pipeline_id, d.pipeline_version_id, d.created_at, NEW.to_stage,
          CASE WHEN info.kind IN ('won', 'lost') THEN info.kind ELSE 'open' END,
          CASE WHEN info.kind IN ('won', 'lost') THEN NEW.at END,
          NEW.at, ARRAY[NEW.to_stage], CASE WHEN info.kind = 'approval' THEN NULL ELSE info.probability END,
          d.amount, pw_try_date(d.fields->>'expectedClose'), d.owner_id, d.team_id, d.fields->>'industry',
          d.fields->>'region', d.fields->>'source', d.priority)
  ON CONFLICT (company_id, deal_id) DO UPDATE SET
    stage = excluded.stage, outcome = excluded.outcome, closed_at = excluded.closed_at,
    stage_entered_at = excluded.stage_entered_at,
    reached = CASE
      WHEN NEW.type = 'created' THEN excluded.reached
      WHEN NEW.to_stage = ANY (f.reached) THEN f.reached
      ELSE f.reached || NEW.to_stage END,
    probability = CASE
      WHEN info.kind <> 'approval' OR info.kind IS NULL THEN excluded.probability
      WHEN NEW.type = 'created' THEN NULL
      ELSE f.probability END;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER deal_events_analytics
  AFTER INSERT ON deal_events
  FOR EACH ROW WHEN (NEW.to_stage IS NOT NULL)
  EXECUTE FUNCTION pw_analytics_event();
--> statement-breakpoint
-- A deal's attributes (owner, team, amount, fields, version) copied to its facts and visits.
CREATE FUNCTION pw_analytics_deal() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  UPDATE deal_facts
  SET pipeline_id = NEW.pipeline_id, pipeline_version_id = NEW.pipeline_version_id, created_at = NEW.created_at,
      amount = NEW.amount, expected_close = pw_try_date(NEW.fields->>'expectedClose'), owner_id = NEW.owner_id,
      team_id = NEW.team_id, industry = NEW.fields->>'industry', region = NEW.fields->>'region',
      source = NEW.fields->>'source', priority = NEW.priority
  WHERE company_id = NEW.company_id AND deal_id = NEW.id;
  IF (OLD.owner_id, OLD.team_id, OLD.fields->>'industry', OLD.fields->>'region', OLD.fields->>'source',
      OLD.priority, OLD.pipeline_id)
     IS DISTINCT FROM (NEW.owner_id, NEW.team_id, NEW.fields->>'industry', NEW.fields->>'region',
      NEW.fields->>'source', NEW.priority, NEW.pipeline_id) THEN
    UPDATE deal_stage_visits
    SET pipeline_id = NEW.pipeline_id, owner_id = NEW.owner_id, team_id = NEW.team_id,
        industry = NEW.fields->>'industry', region = NEW.fields->>'region', source = NEW.fields->>'source',
        priority = NEW.priority
    WHERE company_id = NEW.company_id AND deal_id = NEW.id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER deals_analytics
  AFTER UPDATE ON deals
  FOR EACH ROW WHEN (
    OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.team_id IS DISTINCT FROM NEW.team_id
    OR OLD.amount IS DISTINCT FROM NEW.amount OR OLD.priority IS DISTINCT FROM NEW.priority
    OR OLD.pipeline_id IS DISTINCT FROM NEW.pipeline_id
    OR OLD.pipeline_version_id IS DISTINCT FROM NEW.pipeline_version_id
    OR OLD.created_at IS DISTINCT FROM NEW.created_at
    OR (OLD.fields->>'industry') IS DISTINCT FROM (NEW.fields->>'industry')
    OR (OLD.fields->>'region') IS DISTINCT FROM (NEW.fields->>'region')
    OR (OLD.fields->>'source') IS DISTINCT FROM (NEW.fields->>'source')
    OR (OLD.fields->>'expectedClose') IS DISTINCT FROM (NEW.fields->>'expectedClose'))
  EXECUTE FUNCTION pw_analytics_deal();
--> statement-breakpoint
-- The dashboard reads these through index-only scans: cohorts by creation, closes by close date,
-- open deals by stage, ended visits by the time they ended.
CREATE INDEX deal_facts_created_idx ON deal_facts (company_id, pipeline_id, created_at)
  INCLUDE (pipeline_version_id, closed_at, outcome, stage, amount, reached);
--> statement-breakpoint
CREATE INDEX deal_facts_closed_idx ON deal_facts (company_id, pipeline_id, closed_at)
  INCLUDE (pipeline_version_id, outcome, created_at, amount) WHERE closed_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX deal_facts_open_idx ON deal_facts (company_id, pipeline_id, stage)
  INCLUDE (pipeline_version_id, amount, probability, expected_close) WHERE outcome = 'open';
--> statement-breakpoint
CREATE INDEX deal_stage_visits_left_idx ON deal_stage_visits (company_id, pipeline_id, left_at)
  INCLUDE (pipeline_version_id, stage, next_stage, kind, entered_at, time_limit_s) WHERE left_at IS NOT NULL;
--> statement-breakpoint
-- Recomputes a company's read model from its events, set-wise (the same rules as the trigger):
-- the backfill below, the archive restore and the 1M-deal generator call it.
CREATE FUNCTION pw_analytics_rebuild(p_company uuid) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
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
  WITH ev AS (
    SELECT e.deal_id, e.id, e.type, e.to_stage, e.pipeline_version_id, e.at,
           max(e.id) FILTER (WHERE e.type = 'created') OVER (PARTITION BY e.deal_id) AS created_id
    FROM deal_events e
    WHERE e.company_id = p_company AND e.to_stage IS NOT NULL
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

  -- A deal without events: one visit in its current stage since it entered it.
  INSERT INTO deal_stage_visits
    (company_id, deal_id, seq, pipeline_id, pipeline_version_id, stage, kind, entered_at, time_limit_s,
     owner_id, team_id, industry, region, source, priority)
  SELECT p_company, d.id, 1, d.pipeline_id, d.pipeline_version_id, d.stage, coalesce(i.kind, 'open'),
         d.stage_entered_at, i.time_limit_s, d.owner_id, d.team_id, d.fields->>'industry',
         d.fields->>'region', d.fields->>'source', d.priority
  FROM deals d
  LEFT JOIN pw_rebuild_info i ON i.version_id = d.pipeline_version_id AND i.stage = d.stage
  WHERE d.company_id = p_company
    AND NOT EXISTS (SELECT 1 FROM deal_stage_visits s WHERE s.company_id = p_company AND s.deal_id = d.id);

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
  DROP TABLE pw_rebuild_info;
END;
$$;
--> statement-breakpoint
-- Backfill: every company's read model from the events it already has.
SELECT pw_analytics_rebuild(id) FROM companies;
