CREATE INDEX "deals_company_team_idx" ON "deals" USING btree ("company_id","team_id");--> statement-breakpoint
CREATE INDEX "deals_company_created_idx" ON "deals" USING btree ("company_id","created_at","id");--> statement-breakpoint
CREATE INDEX "deals_company_amount_idx" ON "deals" USING btree ("company_id","amount" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deals_company_title_idx" ON "deals" USING btree ("company_id","title","id");--> statement-breakpoint
CREATE INDEX "deals_company_account_idx" ON "deals" USING btree ("company_id","account","id");--> statement-breakpoint
CREATE INDEX "deals_company_close_idx" ON "deals" USING btree ("company_id",("fields"->>'expectedClose'),"id");--> statement-breakpoint
CREATE INDEX "deals_company_industry_idx" ON "deals" USING btree ("company_id",("fields"->>'industry'));--> statement-breakpoint
CREATE INDEX "deals_company_region_idx" ON "deals" USING btree ("company_id",("fields"->>'region'));--> statement-breakpoint
CREATE INDEX "deals_company_source_idx" ON "deals" USING btree ("company_id",("fields"->>'source'));--> statement-breakpoint
-- Search over title, account and contact. pg_trgm would serve ILIKE '%…%', but it finds no
-- trigrams in Chinese text under the C locale the embedded Postgres runs with (show_trgm('华为') is
-- empty there), so the index would match every row. Instead: every pair of adjacent characters
-- (lower-cased, none containing whitespace) in a text[] with a GIN index; a search for two or more
-- characters asks for the deals holding all of the query's pairs, then ILIKE checks the order.
-- Works the same in every locale and script. The high cost tells the planner that computing the
-- pairs row by row (walking a sort index and filtering) is dearer than asking the GIN index.
CREATE FUNCTION "pw_search_grams"(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}')
  FROM (SELECT substr(s, i, 2) AS g
        FROM (SELECT lower(t) AS s) x, generate_series(1, char_length(x.s) - 1) i) grams
  WHERE g !~ '\s'
$$;--> statement-breakpoint
CREATE INDEX "deals_search_grams_idx" ON "deals" USING gin (pw_search_grams("title" || ' ' || "account" || ' ' || coalesce("fields"->>'contact', '')));
