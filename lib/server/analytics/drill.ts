import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import type { CompanyScope } from "@/lib/server/api/context";
import { beijingMonth, beijingMonthKey, beijingMonthStart } from "@/lib/analytics";
import { appError } from "@/lib/server/errors";
import { DrillInput, type DrillFigure } from "@/lib/validation/analytics";
import type { Catalog } from "./catalog";
import { adoptionDrill } from "./adoption-drill";
import { resolve } from "./dashboard";
import { scopeWhere } from "./scope";

/*
 * The deals behind a number of the dashboard: the same conditions as the figure (docs/analytics.md)
 * on the same tables, under the same scope, so a drill-down lists exactly what a number counts.
 */

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const keys = (list: readonly string[]) => sql.raw(`'{${list.join(",")}}'::text[]`);

/** Keys whose entry means a deal got at least to step `i` (a won stage counts as the last open step). */
function atLeast(catalog: Catalog, i: number): SQL {
  const { steps, won } = catalog.steps;
  const open = steps.filter((k) => k !== won);
  const list = [...open.slice(i), ...(won ? [won] : [])];
  return sql`(t.reached && ${keys(list)} or t.outcome = 'won')`;
}

function stepCondition(catalog: Catalog, step: string, measure: string): SQL {
  const { steps, won } = catalog.steps;
  const i = steps.indexOf(step);
  if (i < 0) throw appError("NOT_FOUND", "analytics.stageNotFound");
  const isWon = step === won;
  const entered = isWon ? sql`t.outcome = 'won'` : sql`${step} = any(t.reached)`;
  switch (measure) {
    case "reached":
      return isWon ? sql`t.outcome = 'won'` : atLeast(catalog, i);
    case "entered":
      return entered;
    case "skipped":
      return isWon ? sql`false` : sql`${atLeast(catalog, i)} and not ${entered}`;
    case "openHere":
      return sql`t.outcome = 'open' and t.stage = ${step}`;
    default: {
      // lostHere: lost, got to this step and no further.
      const openCount = steps.filter((k) => k !== won).length;
      if (isWon) return sql`false`;
      const further = i + 1 < openCount ? sql` and not ${atLeast(catalog, i + 1)}` : sql``;
      return sql`t.outcome = 'lost' and ${atLeast(catalog, i)}${further}`;
    }
  }
}

type Target = { table: "facts" | "visits"; condition: SQL };

function targetOf(
  figure: Exclude<DrillFigure, { kind: "adoption" }>,
  catalog: Catalog,
  period: { from: Date; to: Date },
  mode: string,
  now: Date,
): Target {
  const population =
    mode === "cohort"
      ? sql`t.created_at >= ${ts(period.from)} and t.created_at < ${ts(period.to)}`
      : sql`t.created_at < ${ts(period.to)} and (t.closed_at is null or t.closed_at >= ${ts(period.from)})`;
  switch (figure.kind) {
    case "funnelDeals":
      return { table: "facts", condition: population };
    case "funnel":
      return {
        table: "facts",
        condition: sql`${population} and ${stepCondition(catalog, figure.step, figure.measure)}`,
      };
    case "side":
      return {
        table: "facts",
        condition:
          figure.measure === "entered"
            ? sql`${population} and ${figure.stage} = any(t.reached)`
            : sql`${population} and t.outcome = 'open' and t.stage = ${figure.stage}`,
      };
    case "stay": {
      const ended = sql`t.stage = ${figure.stage} and t.kind in ('open', 'approval') and t.left_at >= ${ts(period.from)} and t.left_at < ${ts(period.to)}`;
      const stay = sql`pw_stay_seconds(t.entered_at, t.left_at)`;
      const going = sql`t.stage = ${figure.stage} and t.kind in ('open', 'approval') and t.left_at is null`;
      const condition = {
        visits: ended,
        breached: sql`${ended} and t.time_limit_s is not null and ${stay} > t.time_limit_s`,
        openNow: going,
        overdueNow: sql`${going} and t.time_limit_s is not null and pw_stay_seconds(t.entered_at, ${ts(now)}) > t.time_limit_s`,
      }[figure.measure];
      return { table: "visits", condition };
    }
    case "closed":
      return {
        table: "facts",
        condition: sql`t.outcome = ${figure.outcome} and t.closed_at >= ${ts(period.from)} and t.closed_at < ${ts(period.to)}`,
      };
    case "open":
      return {
        table: "facts",
        condition: figure.stage
          ? sql`t.outcome = 'open' and t.stage = ${figure.stage}`
          : sql`t.outcome = 'open'`,
      };
    case "forecast": {
      const { year, month } = beijingMonth(now);
      const thisMonth = beijingMonthKey(beijingMonthStart(year, month));
      if (figure.measure === "won")
        return {
          table: "facts",
          condition: sql`t.outcome = 'won' and to_char(pw_beijing_month(t.closed_at), 'YYYY-MM') = ${figure.month}`,
        };
      const when =
        figure.month === "none"
          ? sql`t.expected_close is null`
          : figure.month === "overdue"
            ? sql`to_char(t.expected_close, 'YYYY-MM') < ${thisMonth}`
            : sql`to_char(t.expected_close, 'YYYY-MM') = ${figure.month}`;
      return { table: "facts", condition: sql`t.outcome = 'open' and ${when}` };
    }
  }
}

export type DrillRow = {
  dealId: string;
  title: string;
  account: string;
  ownerName: string | null;
  stage: string;
  amount: number | null;
  currency: string;
  createdAt: Date;
  closedAt: Date | null;
  /** Stay figures: the visit's start and end, and its stay in seconds (to now while it goes on). */
  enteredAt: Date | null;
  leftAt: Date | null;
  staySeconds: number | null;
  /** Adoption figures: the deal's latest moment the figure counts (activity, a refusal). */
  at: Date | null;
};

/** The deals (for stay figures: the visits) behind a number, most valuable (longest) first. */
export async function drill(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: DrillInput,
  now = new Date(),
) {
  const parsed = DrillInput.parse(input);
  const figure = parsed.figure;
  if (figure.kind === "adoption")
    return adoptionDrill(db, company, userId, { filters: parsed.filters, figure, limit: parsed.limit }, now);
  const { filters, catalog, period, q } = await resolve(db, company, userId, parsed.filters, now);
  const target = targetOf(figure, catalog, period, filters.mode, now);
  const scoped = scopeWhere(q.companyId, q.pipelineId, q.filters, q.scope);
  const rows =
    target.table === "facts"
      ? await db.execute<DrillRow & { total: number }>(sql`
          select t.deal_id as "dealId", d.title, d.account, u.name as "ownerName", t.stage, t.amount::float8 as amount,
                 d.currency, t.created_at as "createdAt", t.closed_at as "closedAt", null as "enteredAt",
                 null as "leftAt", null as "staySeconds", null as at, count(*) over ()::int as total
          from deal_facts t
          join deals d on d.company_id = t.company_id and d.id = t.deal_id
          left join users u on u.id = t.owner_id
          where ${scoped} and ${target.condition}
          order by t.amount desc nulls last, d.title, t.deal_id
          limit ${parsed.limit}`)
      : await db.execute<DrillRow & { total: number }>(sql`
          select t.deal_id as "dealId", d.title, d.account, u.name as "ownerName", t.stage, d.amount::float8 as amount,
                 d.currency, d.created_at as "createdAt", d.closed_at as "closedAt", t.entered_at as "enteredAt",
                 t.left_at as "leftAt",
                 pw_stay_seconds(t.entered_at, coalesce(t.left_at, ${ts(now)}))::float8 as "staySeconds",
                 null as at, count(*) over ()::int as total
          from deal_stage_visits t
          join deals d on d.company_id = t.company_id and d.id = t.deal_id
          left join users u on u.id = t.owner_id
          where ${scoped} and ${target.condition}
          order by "staySeconds" desc, d.title, t.deal_id, t.seq
          limit ${parsed.limit}`);
  const toDate = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map(({ total: _total, ...r }) => ({
      ...r,
      createdAt: new Date(r.createdAt),
      closedAt: toDate(r.closedAt),
      enteredAt: toDate(r.enteredAt),
      leftAt: toDate(r.leftAt),
      at: null,
    })),
  };
}
