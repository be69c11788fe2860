-- Stays going on now in open stages and approvals (what "in stage now / overdue now" counts),
-- covered for an index-only scan: every deal has one current stay, but won and lost deals' do
-- not count, and they are most of a large company's deals.
CREATE INDEX deal_stage_visits_open_stays_idx ON deal_stage_visits (company_id, pipeline_id, stage)
  INCLUDE (pipeline_version_id, entered_at, time_limit_s, team_id, owner_id)
  WHERE left_at IS NULL AND kind IN ('open', 'approval');
