import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { compile, hasErrors } from "@/workflows/compiler";
import { defaultProcess } from "@/workflows/templates/default-process";

/*
 * A company with a million deals for analytics at scale (`npm run analytics:generate`,
 * `npm run bench:analytics`): people in ten teams, the default process published, and deals
 * created over the last twelve months that walk it along common routes — won, lost at every
 * stage, through Nurture, sent back from Negotiation, a discount approval, reopened — one
 * event per move (about six a deal; by the deal's rep, an approval by the team's manager), with
 * a refused attempt before one move in twelve or so, stopping wherever `now` finds them. Written in SQL
 * (generate_series into temporary tables, then one insert per table), with the analytics
 * triggers off during the inserts and the read model rebuilt once at the end. Meant for a
 * database of its own: the triggers are switched off with ALTER TABLE inside the transaction.
 * Free of "server-only" and the env module, so the CLI and benches can run it.
 */

const TEAMS = 10;
const REPS_PER_TEAM = 12;
const INDUSTRIES = [
  "manufacturing",
  "retail",
  "finance",
  "education",
  "healthcare",
  "internet",
  "government",
];
const REGIONS = ["east", "north", "south", "west"];
const SOURCES = ["referral", "website", "exhibition", "coldCall", "partner"];

/** Routes through the default process, with how often deals take them (per mille). */
const ROUTES: [weight: number, stages: string[]][] = [
  [90, ["lead", "lost"]],
  [90, ["lead", "contact", "lost"]],
  [70, ["lead", "contact", "nurture", "lost"]],
  [40, ["lead", "contact", "nurture", "contact", "analysis", "proposal", "negotiation", "won"]],
  [80, ["lead", "contact", "analysis", "lost"]],
  [90, ["lead", "contact", "analysis", "proposal", "lost"]],
  [100, ["lead", "contact", "analysis", "proposal", "negotiation", "lost"]],
  [230, ["lead", "contact", "analysis", "proposal", "negotiation", "won"]],
  [60, ["lead", "contact", "analysis", "proposal", "negotiation", "proposal", "negotiation", "won"]],
  [60, ["lead", "contact", "analysis", "proposal", "discountApproval", "negotiation", "won"]],
  [30, ["lead", "contact", "analysis", "proposal", "discountApproval", "proposal", "negotiation", "lost"]],
  [30, ["lead", "contact", "analysis", "proposal", "negotiation", "won", "negotiation", "won"]],
];

/** Days a stay lasts: from `min`, plus up to `spread` (a stage's time limit is passed now and then). */
const DWELL: Record<string, [min: number, spread: number]> = {
  lead: [0.1, 4],
  contact: [0.5, 9],
  nurture: [5, 110],
  analysis: [1, 18],
  proposal: [1, 18],
  discountApproval: [0.05, 3],
  negotiation: [2, 28],
  won: [3, 20],
  lost: [0, 0],
};

const ANALYZED = [
  "deals",
  "deal_events",
  "deal_facts",
  "deal_stage_visits",
  "stage_visit_months",
  "deal_funnel_months",
  "deal_close_months",
  "action_refusals",
];

/** The read model's triggers (drizzle/0013, 0015, 0020), by table. */
const ANALYTICS_TRIGGERS = [
  ["deals", "deals_analytics_insert"],
  ["deals", "deals_analytics"],
  ["deal_events", "deal_events_analytics"],
  ["deal_events", "deal_events_last_activity"],
] as const;

/**
 * What a rep leaving a stage forgot now and then (the attempts the engine refused before the move
 * went through): the reason codes by the stage left, as lib/analytics/refusal-codes.ts writes them.
 */
const FORGOTTEN: Record<string, string[]> = {
  lead: ["field:industry", "field:source"],
  contact: ["checklist:reachedDecisionMaker", "checklist:interestConfirmed"],
  analysis: ["field:painPoints", "field:competitors"],
  proposal: ["field:proposalLink", "field:expectedClose"],
  negotiation: ["field:finalAmount"],
  nurture: ["field:need"],
};
/** Share of moves with a refused attempt before them. */
const REFUSED_SHARE = 0.08;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: readonly string[]) => `array[${xs.map(lit).join(",")}]`;

export type ScaleOptions = { deals: number; now?: Date; name?: string; log?: (msg: string) => void };

/** Creates the company and its deals; returns the company and pipeline ids. */
export async function generateScaleCompany(sql: postgres.Sql, opts: ScaleOptions) {
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => {});
  const compiled = compile(defaultProcess);
  if (!compiled.machine || hasErrors(compiled)) throw new Error("the default process does not compile");
  const companyId = randomUUID();
  const pipelineId = randomUUID();
  const versionId = randomUUID();
  const adminId = randomUUID();
  const nowIso = now.toISOString();

  const total = ROUTES.reduce((s, [w]) => s + w, 0);
  let acc = 0;
  const routes = ROUTES.map(([w, stages], i) => {
    acc += w;
    return `(${i + 1}, ${acc / total}, ${arr(stages)})`;
  }).join(",\n");
  const dwell = Object.entries(DWELL)
    .map(([k, [min, spread]]) => `(${lit(k)}, ${min}, ${spread})`)
    .join(", ");

  await sql.begin(async (tx) => {
    const step = async (label: string, query: string) => {
      const started = performance.now();
      await tx.unsafe(query);
      log(`${label}: ${Math.round(performance.now() - started)} ms`);
    };
    await tx.unsafe(`set local work_mem = '256MB'`);
    await tx.unsafe(`set local maintenance_work_mem = '512MB'`);
    // A superuser skips every trigger (the foreign keys' checks too: the rows are made consistent);
    // anyone else switches off the analytics triggers, which the rebuild below stands in for.
    const [{ superuser } = { superuser: false }] = await tx<{ superuser: boolean }[]>`
      select rolsuper as superuser from pg_roles where rolname = current_user`;
    if (superuser) await tx.unsafe(`set local session_replication_role = replica`);
    else
      for (const [table, name] of ANALYTICS_TRIGGERS)
        await tx.unsafe(`alter table ${table} disable trigger ${name}`);
    // Secondary indexes are built once at the end (much faster than row by row); the keys the
    // foreign keys rest on stay.
    const indexes = await tx<{ name: string; def: string }[]>`
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i join pg_class c on c.oid = i.indrelid
      where c.relnamespace = 'public'::regnamespace
        and c.relname in ('deals', 'deal_events', 'deal_facts', 'deal_stage_visits', 'stage_visit_months',
                          'action_refusals')
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`;
    for (const i of indexes) await tx.unsafe(`drop index ${i.name}`);
    await tx.unsafe(`select setseed(0.2024)`);

    await step(
      "company, people, teams, pipeline",
      `
      insert into companies (id, name, name_en) values ('${companyId}', ${lit(opts.name ?? "规模测试公司")}, 'Scale Co');
      insert into users (id, email, name)
        values ('${adminId}', 'admin.${companyId}@scale.test', '管理员');
      insert into memberships (company_id, user_id, role) values ('${companyId}', '${adminId}', 'admin');
      create temp table scale_people on commit drop as
        select gen_random_uuid() as user_id, t as team, r as n from generate_series(1, ${TEAMS}) t, generate_series(0, ${REPS_PER_TEAM}) r;
      insert into users (id, email, name)
        select user_id, (case when n = 0 then 'manager' else 'rep' end) || '.' || team || '.' || n || '.${companyId}@scale.test',
               (case when n = 0 then '经理 ' else '销售 ' end) || team || '-' || n
        from scale_people;
      insert into memberships (company_id, user_id, role)
        select '${companyId}', user_id, (case when n = 0 then 'manager' else 'rep' end)::role from scale_people;
      create temp table scale_teams on commit drop as
        select t as team, gen_random_uuid() as team_id from generate_series(1, ${TEAMS}) t;
      insert into teams (company_id, id, name, name_en, key, manager_id)
        select '${companyId}', s.team_id, '销售 ' || s.team || ' 组', 'Team ' || s.team, 'team' || s.team, p.user_id
        from scale_teams s join scale_people p on p.team = s.team and p.n = 0;
      insert into team_members (company_id, team_id, user_id)
        select '${companyId}', s.team_id, p.user_id from scale_people p join scale_teams s on s.team = p.team;
      insert into pipelines (company_id, id, key, name, is_default)
        values ('${companyId}', '${pipelineId}', 'newBusiness', '{"zh":"新客户","en":"New business"}', true);
      `,
    );
    await tx`
      insert into pipeline_versions (company_id, id, pipeline_id, number, status, definition, machine, hash, published_at)
      values (${companyId}, ${versionId}, ${pipelineId}, 1, 'published', ${tx.json(defaultProcess as never)},
              ${tx.json({ machine: compiled.machine, delays: compiled.delays } as never)}, ${compiled.hash}, ${now})`;

    await step(
      `${opts.deals} deals drawn`,
      `
      create temp table scale_routes (id int, upto float8, stages text[]) on commit drop;
      insert into scale_routes values ${routes};
      create temp table scale_dwell (stage text, min float8, spread float8) on commit drop;
      insert into scale_dwell values ${dwell};
      create temp table scale_reps on commit drop as
        select row_number() over (order by p.team, p.n) as i, p.user_id, s.team_id
        from scale_people p join scale_teams s on s.team = p.team where p.n > 0;
      create temp table scale_deals on commit drop as
        select g, gen_random_uuid() as id,
               (select r.id from scale_routes r where r.upto >= x.route order by r.upto limit 1) as route,
               '${nowIso}'::timestamptz - power(x.age, 0.8) * interval '365 days' as created_at,
               x.rep, x.industry, x.region, x.source, x.priority, x.amount, x.close_in
        from generate_series(1, ${opts.deals}) g
        cross join lateral (
          select random() as route, random() as age, 1 + floor(random() * ${TEAMS * REPS_PER_TEAM})::int as rep,
                 (${arr(INDUSTRIES)})[1 + floor(random() * ${INDUSTRIES.length})::int] as industry,
                 (${arr(REGIONS)})[1 + floor(random() * ${REGIONS.length})::int] as region,
                 (${arr(SOURCES)})[1 + floor(random() * ${SOURCES.length})::int] as source,
                 (array['A','B','C','D'])[1 + floor(random() * 4)::int] as priority,
                 case when random() < 0.04 then null else round((10000 * power(300, random()))::numeric, -2) end as amount,
                 random() * 200 - 20 as close_in
          where g > 0
        ) x;
      `,
    );
    await step(
      "moves walked",
      `
      create temp table scale_moves on commit drop as
        with walked as (
          select d.id as deal_id, d.created_at, w.ord, w.stage,
                 lag(w.stage) over (partition by d.id order by w.ord) as from_stage,
                 d.created_at + coalesce(sum(sd.min + random() * sd.spread) over (
                   partition by d.id order by w.ord rows between unbounded preceding and 1 preceding), 0) * interval '1 day' as at
          from scale_deals d
          join scale_routes r on r.id = d.route
          cross join lateral unnest(r.stages) with ordinality as w(stage, ord)
          join scale_dwell sd on sd.stage = w.stage
        )
        select * from walked where at <= '${nowIso}'::timestamptz;
      `,
    );
    await step(
      "deals inserted",
      `
      create index on scale_moves (deal_id, ord);
      insert into deals (company_id, id, pipeline_id, pipeline_version_id, stage, title, account, amount, fields,
                         owner_id, team_id, priority, score, stage_entered_at, closed_at, created_at, updated_at, created_by)
      select '${companyId}', d.id, '${pipelineId}', '${versionId}', l.stage, '规模商机 #' || d.g, '客户 ' || (d.g % 5000),
             d.amount,
             jsonb_build_object('industry', d.industry, 'region', d.region, 'source', d.source,
                                'expectedClose', to_char(d.created_at + d.close_in * interval '1 day' + interval '60 days', 'YYYY-MM-DD')),
             r.user_id, r.team_id, d.priority, 50, l.at,
             case when l.stage in ('won', 'lost') then l.at end, d.created_at, l.at, r.user_id
      from scale_deals d
      join scale_reps r on r.i = d.rep
      join lateral (select m.stage, m.at from scale_moves m where m.deal_id = d.id order by m.ord desc limit 1) l on true;
      `,
    );
    await step(
      "events inserted",
      `
      create temp table scale_deal_people on commit drop as
        select d.id as deal_id, r.user_id as rep_id, p.user_id as manager_id
        from scale_deals d
        join scale_reps r on r.i = d.rep
        join scale_teams s on s.team_id = r.team_id
        join scale_people p on p.team = s.team and p.n = 0;
      create index on scale_deal_people (deal_id);
      -- The rep works the deal; the team's manager decides its approvals.
      insert into deal_events (company_id, deal_id, type, action, from_stage, to_stage, actor_id, pipeline_version_id, at)
      select '${companyId}', m.deal_id,
             case when m.ord = 1 then 'created' when m.from_stage in ('won', 'lost') then 'reopen'
                  when m.from_stage = 'discountApproval' then 'approval' else 'action' end,
             case when m.ord = 1 then null when m.from_stage in ('won', 'lost') then 'reopen' else 'move' end,
             m.from_stage, m.stage,
             case when m.from_stage = 'discountApproval' then dp.manager_id else dp.rep_id end,
             '${versionId}', m.at
      from scale_moves m
      join scale_deal_people dp on dp.deal_id = m.deal_id
      order by m.deal_id, m.ord;
      `,
    );
    await step(
      "refused attempts inserted",
      `
      create temp table scale_forgotten (stage text, codes text[]) on commit drop;
      insert into scale_forgotten values ${Object.entries(FORGOTTEN)
        .map(([stage, codes]) => `(${lit(stage)}, ${arr(codes)})`)
        .join(", ")};
      insert into action_refusals (company_id, deal_id, pipeline_id, pipeline_version_id, stage, action, actor_id,
                                   reason_codes, reasons, at)
      select '${companyId}', m.deal_id, '${pipelineId}', '${versionId}', m.from_stage,
             case when m.stage = 'lost' then 'closeLost' else 'move' end, dp.rep_id, c.codes,
             (select jsonb_agg(case when code like 'field:%'
                                    then jsonb_build_object('kind', 'missingField', 'field', substr(code, 7),
                                           'message', jsonb_build_object('zh', '请填写「' || substr(code, 7) || '」',
                                                                         'en', 'Fill in “' || substr(code, 7) || '”'))
                                    else jsonb_build_object('kind', 'checklist', 'item', substr(code, 11),
                                           'message', jsonb_build_object('zh', '请确认「' || substr(code, 11) || '」',
                                                                         'en', 'Confirm “' || substr(code, 11) || '”')) end)
              from unnest(c.codes) code),
             m.at - random() * interval '2 hours'
      from scale_moves m
      join scale_deal_people dp on dp.deal_id = m.deal_id
      join scale_forgotten f on f.stage = m.from_stage
      cross join lateral (select case when m.stage = 'lost' then array['field:lostReason']
                                      else f.codes[1:1 + floor(random() * 2)::int] end as codes) c
      where m.ord > 1 and random() < ${REFUSED_SHARE}
      order by m.at;
      `,
    );
    await step("read model rebuilt", `select pw_analytics_rebuild('${companyId}')`);
    await step("indexes built", indexes.map((i) => `${i.def};`).join("\n"));
    if (superuser) await tx.unsafe(`set local session_replication_role = origin`);
    else
      for (const [table, name] of ANALYTICS_TRIGGERS)
        await tx.unsafe(`alter table ${table} enable trigger ${name}`);
  });
  const started = performance.now();
  // What autovacuum does to a live database: statistics, and the visibility map that lets the
  // dashboard's queries answer from their covering indexes alone.
  for (const table of ANALYZED) await sql.unsafe(`vacuum (analyze) ${table}`);
  log(`vacuumed and analyzed: ${Math.round(performance.now() - started)} ms`);
  const [counts] = await sql<{ deals: number; events: number; refusals: number }[]>`
    select (select count(*)::int from deals where company_id = ${companyId}) as deals,
           (select count(*)::int from deal_events where company_id = ${companyId}) as events,
           (select count(*)::int from action_refusals where company_id = ${companyId}) as refusals`;
  return { companyId, pipelineId, versionId, adminId, ...counts! };
}
