/**
 * `deals_list_p95_ms`: the deals list at 100k deals in one company, as a manager (visibility
 * scope: own deals and the teams they run), with a filter and a sort, several combinations.
 * The deals are made in SQL (generate_series) with a spread of stages, owners, fields, amounts
 * and dates. BENCH_EXPLAIN=1 also prints each query's plan (auto_explain, analyzed).
 */
import { performance } from "node:perf_hooks";
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { createContextInner } from "@/lib/server/api/context";
import { createCaller } from "@/lib/server/api/root";
import type { Db } from "@/lib/server/db/client";
import type { DealListInput } from "@/lib/server/deals/list";
import * as schema from "@/lib/server/db/schema";
import { memberships, pipelineVersions, teamMembers, teams, users } from "@/lib/server/db/schema";
import { stagesOf } from "@/lib/server/pipelines/list";

type Print = (name: string, value: number, unit: string) => void;

const N = 100_000;
const RUNS = 60;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

const ACCOUNTS = [
  "华为技术有限公司",
  "华为终端",
  "腾讯科技",
  "阿里云计算",
  "字节跳动",
  "美团",
  "京东物流",
  "小米通讯",
  "比亚迪汽车",
  "宁德时代",
  "中国平安",
  "招商银行",
  "海尔智家",
  "格力电器",
  "联想集团",
  "中兴通讯",
  "上海电气",
  "宝山钢铁",
  "万科集团",
  "顺丰速运",
  "瑞金医院",
  "复旦大学",
  "浙江大学",
  "国家电网",
  "Shanghai Steel",
  "Acme Robotics",
  "Globex Trading",
  "Initech Software",
  "Umbrella Health",
  "Stark Industries",
  "Wayne Logistics",
  "Soylent Foods",
  "Hooli Cloud",
  "Pied Piper",
  "Vandelay Import",
  "Cyberdyne Systems",
  "三一重工",
  "海康威视",
  "迈瑞医疗",
  "药明康德",
];
const TOPICS = [
  "ERP 升级",
  "CRM 实施",
  "云迁移",
  "数据中台",
  "安全审计",
  "Office rollout",
  "MES 项目",
  "BI dashboards",
  "网络改造",
  "AI 客服",
];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳"];
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

const arr = (xs: readonly string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]`;

/** 100k deals for the company in one statement, owned by its members with their teams. */
async function insertDeals(sql: postgres.Sql, db: Db, companyId: string) {
  const [version] = await db
    .select({
      id: pipelineVersions.id,
      pipelineId: pipelineVersions.pipelineId,
      definition: pipelineVersions.definition,
    })
    .from(pipelineVersions)
    .where(and(eq(pipelineVersions.companyId, companyId), eq(pipelineVersions.status, "published")));
  if (!version) throw new Error("bench: no published version");
  const stages = stagesOf(version.definition);
  const open = stages.filter((s) => s.outcome === "open").map((s) => s.key);
  const won = stages.find((s) => s.outcome === "won")!.key;
  const lost = stages.find((s) => s.outcome === "lost")!.key;
  const owners = await db
    .select({ userId: teamMembers.userId, teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.companyId, companyId));
  await sql.unsafe(`select setseed(0.42)`);
  await sql.unsafe(`
    insert into deals (company_id, pipeline_id, pipeline_version_id, stage, title, account, amount, currency,
                       fields, owner_id, team_id, priority, score, stage_entered_at, created_at, updated_at)
    select '${companyId}', '${version.pipelineId}', '${version.id}',
      case when r.s < 0.1 then '${won}' when r.s < 0.2 then '${lost}'
           else (${arr(open)})[1 + floor(r.s2 * ${open.length})::int] end,
      (${arr(ACCOUNTS)})[r.a] || ' ' || (${arr(TOPICS)})[1 + floor(random() * ${TOPICS.length})::int] || ' #' || g,
      (${arr(ACCOUNTS)})[r.a],
      case when random() < 0.05 then null else round((10000 * power(500, random()))::numeric, -2) end,
      'CNY',
      jsonb_strip_nulls(jsonb_build_object(
        'industry', (${arr(INDUSTRIES)})[1 + floor(random() * ${INDUSTRIES.length})::int],
        'region', (${arr(REGIONS)})[1 + floor(random() * ${REGIONS.length})::int],
        'source', (${arr(SOURCES)})[1 + floor(random() * ${SOURCES.length})::int],
        'contact', (${arr(SURNAMES)})[1 + floor(random() * ${SURNAMES.length})::int]
                   || (${arr(GIVEN)})[1 + floor(random() * ${GIVEN.length})::int],
        'expectedClose', case when random() < 0.1 then null
                         else to_char(now() + (random() * 540 - 180) * interval '1 day', 'YYYY-MM-DD') end)),
      (${arr(owners.map((o) => o.userId))})[r.o]::uuid,
      (${arr(owners.map((o) => o.teamId))})[r.o]::uuid,
      case when r.p < 0.1 then null when r.p < 0.25 then 'A' when r.p < 0.5 then 'B' when r.p < 0.8 then 'C' else 'D' end,
      floor(r.p * 100)::int,
      r.updated, r.created, r.updated
    from generate_series(1, ${N}) g
    cross join lateral (
      select g as gg, random() as s, random() as s2, random() as p,
             1 + floor(random() * ${ACCOUNTS.length})::int as a,
             1 + floor(random() * ${owners.length})::int as o,
             now() - random() * interval '730 days' as created
    ) r0
    cross join lateral (select r0.*, r0.created + random() * (now() - r0.created) as updated) r
  `);
  await sql.unsafe(`analyze deals`);
}

export async function benchDealsList(url: string, companyId: string, print: Print) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  let last: { query: string; params: unknown[] } | null = null;
  const db = drizzle(sql, {
    schema,
    casing: "snake_case",
    logger: { logQuery: (query, params) => void (query.includes("order by") && (last = { query, params })) },
  });
  const started = performance.now();
  await insertDeals(sql, db, companyId);
  print("deals_100k_insert_ms", performance.now() - started, "ms");

  const [manager] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.companyId, companyId), eq(users.email, "manager@example.com")));
  const [rep] = await db
    .select({ id: teamMembers.userId })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.companyId, teamMembers.companyId), eq(teams.id, teamMembers.teamId)))
    .where(and(eq(teamMembers.companyId, companyId), eq(teams.managerId, manager!.id)))
    .limit(1);
  const caller = createCaller(createContextInner({ db, userId: manager!.id, requestedCompanyId: companyId }));

  const combos: Record<string, Omit<DealListInput, "limit">> = {
    stage_owner_by_amount: {
      stages: ["analysis", "proposal"],
      owner: rep!.id,
      sort: { key: "amount", dir: "desc" },
    },
    search_huawei_by_updated: { search: "华为", sort: { key: "updated", dir: "desc" } },
    amount_range_by_close: {
      amountMin: 100_000,
      amountMax: 1_000_000,
      sort: { key: "expectedClose", dir: "asc" },
    },
    region_industry_by_created: {
      region: ["east"],
      industry: ["finance", "government"],
      sort: { key: "created", dir: "desc" },
    },
    default_by_updated: {},
    search_contact_by_title: { search: "王芳", sort: { key: "title", dir: "asc" } },
  };

  if (process.env.BENCH_EXPLAIN) {
    for (const [name, input] of Object.entries(combos)) {
      await caller.deals.list({ limit: 50, ...input });
      const q = last as { query: string; params: unknown[] } | null;
      if (!q) continue;
      const plan = await sql.unsafe(`explain (analyze, buffers off) ${q.query}`, q.params as never[]);
      console.log(`--- ${name}\n${plan.map((r) => r["QUERY PLAN"]).join("\n")}`);
    }
  }

  const all: number[] = [];
  for (const [name, input] of Object.entries(combos)) {
    for (let i = 0; i < 5; i++) await caller.deals.list({ limit: 50, ...input }); // warm up
    const times: number[] = [];
    let cursor: { v: string | null; id: string } | null = null;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      // Every fifth run reads the next page: the keyset must stay as fast as the first page.
      const page = await caller.deals.list({ limit: 50, ...input, cursor: i % 5 === 4 ? cursor : null });
      times.push(performance.now() - t0);
      cursor = page.nextCursor;
    }
    all.push(...times);
    print(`deals_list_${name}_p95_ms`, percentile(times, 0.95), "ms");
  }
  print("deals_list_p95_ms", percentile(all, 0.95), "ms");
  const counts: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await caller.deals.count({ search: "华为" });
    counts.push(performance.now() - t0);
  }
  print("deals_count_search_p95_ms", percentile(counts, 0.95), "ms");
  await sql.end({ timeout: 5 });
}
