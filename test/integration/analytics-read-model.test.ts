import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  factsOf,
  figuresFromLog,
  funnel,
  outcomes,
  statesOf,
  stayCellOf,
  timeInStage,
  visitsOf,
  type LogEvent,
} from "@/lib/analytics";
import {
  dealEvents,
  dealFacts,
  deals,
  dealStageVisits,
  pipelineVersions,
  stageVisitMonths,
} from "@/lib/server/db/schema";
import { applyAction } from "@/lib/server/deals/apply-action";
import { createDeal } from "@/lib/server/deals/create-deal";
import { reopenDeal } from "@/lib/server/deals/reopen";
import { updateDeal } from "@/lib/server/deals/update-deal";
import {
  closedCells,
  funnelGroups,
  openCells,
  stayCells,
  type QueryScope,
} from "@/lib/server/analytics/queries";
import { seedDemo } from "@/lib/server/seed/demo";
import { dashboard } from "@/lib/server/analytics/dashboard";
import { drill } from "@/lib/server/analytics/drill";
import type { DrillFigure } from "@/lib/validation/analytics";
import { defaultProcess } from "@/workflows/templates/default-process";
import { setupTestDatabase } from "../support/db";
import { makeCompany, type TestCompany } from "../support/fixtures";
import { MARCH, NOW, V2, kindOf, lookup, steps, story } from "../unit/analytics/story";

/*
 * The read model the triggers keep (drizzle/0013, 0015) against a rebuild from the events and
 * against the pure definitions of lib/analytics, after every kind of event; and the SQL of each
 * figure against the pure figures of the crafted month (test/unit/analytics/story.ts), whose
 * numbers the unit tests work out by hand.
 */

const t = setupTestDatabase();
const DAY = 86_400_000;

type Snapshot = {
  facts: unknown[];
  visits: unknown[];
  months: unknown[];
  funnel: unknown[];
  closes: unknown[];
};

async function snapshot(companyId: string): Promise<Snapshot> {
  const [facts, visits, months, funnel, closes] = await Promise.all([
    t.db.select().from(dealFacts).where(eq(dealFacts.companyId, companyId)).orderBy(asc(dealFacts.dealId)),
    t.db
      .select()
      .from(dealStageVisits)
      .where(eq(dealStageVisits.companyId, companyId))
      .orderBy(asc(dealStageVisits.dealId), asc(dealStageVisits.seq)),
    t.db
      .select()
      .from(stageVisitMonths)
      .where(eq(stageVisitMonths.companyId, companyId))
      .orderBy(
        asc(stageVisitMonths.month),
        asc(stageVisitMonths.pipelineVersionId),
        asc(stageVisitMonths.stage),
        asc(stageVisitMonths.nextStage),
        asc(stageVisitMonths.bucket),
      ),
    // Rows a deal's counts moved out of stay at zero until a rebuild drops them.
    t.db.execute(sql`select * from deal_funnel_months where company_id = ${companyId}::uuid and deals <> 0
      order by created_month, closed_month, pipeline_version_id, outcome, stage, reached, shard`),
    t.db.execute(sql`select * from deal_close_months where company_id = ${companyId}::uuid and deals <> 0
      order by closed_month, pipeline_version_id, outcome, bucket, shard`),
  ]);
  return { facts, visits, months, funnel: [...funnel], closes: [...closes] };
}

async function rebuilt(companyId: string): Promise<Snapshot> {
  await t.db.execute(sql`select pw_analytics_rebuild(${companyId}::uuid)`);
  return snapshot(companyId);
}

/** The pure visits and facts of every deal of a company, from its rows and events. */
async function pureModel(companyId: string) {
  const versions = await t.db
    .select({ id: pipelineVersions.id, definition: pipelineVersions.definition })
    .from(pipelineVersions)
    .where(eq(pipelineVersions.companyId, companyId));
  const byVersion = new Map(versions.map((v) => [v.id, statesOf(v.definition)]));
  const look = (version: string, stage: string) => byVersion.get(version)?.get(stage);
  const dealRows = await t.db.select().from(deals).where(eq(deals.companyId, companyId));
  const events = await t.db.select().from(dealEvents).where(eq(dealEvents.companyId, companyId));
  return dealRows.map((d) => {
    const log: LogEvent[] = events
      .filter((e) => e.dealId === d.id)
      .map((e) => ({
        id: e.id,
        type: e.type,
        fromStage: e.fromStage,
        toStage: e.toStage,
        versionId: e.pipelineVersionId,
        at: e.at,
      }));
    const visits = visitsOf(
      log,
      { stage: d.stage, versionId: d.pipelineVersionId, createdAt: d.createdAt },
      look,
    );
    return { id: d.id, visits, facts: factsOf(visits, look) };
  });
}

async function expectConsistent(companyId: string) {
  const live = await snapshot(companyId);
  expect(live.facts.length).toBeGreaterThan(0);
  // The triggers' tables are exactly what a rebuild from the events gives.
  expect(await rebuilt(companyId)).toEqual(live);
  // And what the pure definitions give.
  const pure = await pureModel(companyId);
  const visits = live.visits as (typeof dealStageVisits.$inferSelect)[];
  const facts = live.facts as (typeof dealFacts.$inferSelect)[];
  for (const p of pure) {
    const mine = visits.filter((v) => v.dealId === p.id);
    expect(
      mine.map((v) => [
        v.seq,
        v.pipelineVersionId,
        v.stage,
        v.kind,
        v.enteredAt,
        v.leftAt,
        v.nextStage,
        v.timeLimitS,
      ]),
    ).toEqual(
      p.visits.map((v) => [
        v.seq,
        v.versionId,
        v.stage,
        v.kind,
        v.enteredAt,
        v.leftAt,
        v.nextStage,
        v.timeLimitS,
      ]),
    );
    const f = facts.find((x) => x.dealId === p.id)!;
    expect([f.stage, f.outcome, f.closedAt, f.stageEnteredAt, f.reached, f.probability]).toEqual([
      p.facts.stage,
      p.facts.outcome,
      p.facts.closedAt,
      p.facts.stageEnteredAt,
      p.facts.reached,
      p.facts.probability,
    ]);
  }
}

describe("the read model kept by triggers", () => {
  let c: TestCompany;
  beforeAll(async () => {
    c = await makeCompany(t.db, "Model");
  });

  it("should equal a rebuild and the pure definitions for the demo company's year of deals", async () => {
    const { companyId } = await seedDemo(t.db, { dealCount: 120 });
    await expectConsistent(companyId);
  });

  it("should follow creation, actions, approvals, reopening and edits as they happen", async () => {
    const company = { id: c.id, name: "Model Co", role: "admin" as const };
    const rep = { id: c.id, name: "Model Co", role: "rep" as const };
    const start = new Date("2025-04-01T02:00:00Z");
    const deal = await createDeal(t.db, rep, c.users.rep.id, {
      values: { title: "Live deal", account: "Live account", amount: 1_200_000 },
      now: start,
    });
    let version = deal.version;
    const act = async (action: string, days: number, changes = {}) => {
      const r = await applyAction(t.db, rep, c.users.rep.id, {
        dealId: deal.id,
        expectedVersion: version,
        action,
        changes,
        checked: ["reachedDecisionMaker", "interestConfirmed"],
        now: new Date(start.getTime() + days * DAY),
      });
      version = r.deal.version;
    };
    await act("startContact", 1, { industry: "finance", region: "east", source: "referral" });
    await act("qualify", 3, {
      budgetConfirmed: true,
      decisionMaker: "CFO",
      need: "A new CRM",
      expectedClose: "2025-06-30",
    });
    await act("closeLost", 5, { lostReason: "price" });
    const reopened = await reopenDeal(t.db, company, c.users.admin.id, {
      dealId: deal.id,
      expectedVersion: version,
      now: new Date(start.getTime() + 8 * DAY),
    });
    version = reopened.version;
    // An edit moves nothing but changes what the figures are filtered by.
    const edited = await updateDeal(t.db, company, c.users.admin.id, {
      dealId: deal.id,
      expectedVersion: version,
      changes: { amount: 900_000, region: "north" },
      ownerId: c.users.manager.id,
    });
    version = edited.version;
    await expectConsistent(c.id);
    const [facts] = await t.db
      .select()
      .from(dealFacts)
      .where(and(eq(dealFacts.companyId, c.id), eq(dealFacts.dealId, deal.id)));
    expect(facts).toMatchObject({
      outcome: "open",
      closedAt: null,
      amount: 900_000,
      region: "north",
      ownerId: c.users.manager.id,
    });
    const visits = await t.db
      .select({ region: dealStageVisits.region, ownerId: dealStageVisits.ownerId })
      .from(dealStageVisits)
      .where(and(eq(dealStageVisits.companyId, c.id), eq(dealStageVisits.dealId, deal.id)));
    expect(visits.every((v) => v.region === "north" && v.ownerId === c.users.manager.id)).toBe(true);
  });

  it("should take a deal written without events as resting in its stage since its creation", async () => {
    // makeCompany writes its three deals straight into the table, without events.
    const rows = await t.db
      .select({ stage: dealFacts.stage, outcome: dealFacts.outcome, reached: dealFacts.reached })
      .from(dealFacts)
      .where(eq(dealFacts.companyId, c.id));
    expect(rows).toEqual(
      expect.arrayContaining([
        { stage: "lead", outcome: "open", reached: ["lead"] },
        { stage: "won", outcome: "won", reached: ["won"] },
      ]),
    );
  });
});

describe("the figures' SQL on the crafted month", () => {
  let q: QueryScope;
  let ids: Map<string, string>;
  let rep: string;
  let admin: { scope: { id: string; name: string; role: "admin" }; userId: string };
  beforeAll(async () => {
    const c = await makeCompany(t.db, "Story");
    rep = c.users.rep.id;
    admin = { scope: { id: c.id, name: "Story Co", role: "admin" }, userId: c.users.admin.id };
    // Only the story's deals in this company.
    await t.db.delete(deals).where(eq(deals.companyId, c.id));
    const [v2] = await t.db
      .insert(pipelineVersions)
      .values({
        companyId: c.id,
        pipelineId: c.pipelineId,
        number: 2,
        status: "pilot",
        definition: defaultProcess,
      })
      .returning({ id: pipelineVersions.id });
    const version = (v: string) => (v === V2 ? v2!.id : c.versionId);
    ids = new Map();
    for (const d of story) {
      const [row] = await t.db
        .insert(deals)
        .values({
          companyId: c.id,
          pipelineId: c.pipelineId,
          pipelineVersionId: version(d.versionId),
          stage: d.stage,
          title: `Story ${d.id}`,
          account: "Story account",
          amount: d.amount,
          fields: d.expectedClose ? { expectedClose: d.expectedClose } : {},
          ownerId: c.users.rep.id,
          teamId: c.teamId,
          createdAt: d.createdAt,
        })
        .returning({ id: deals.id });
      ids.set(d.id, row!.id);
    }
    const events = story
      .flatMap((d) => d.events.map((e) => ({ ...e, dealId: ids.get(d.id)! })))
      .sort((a, b) => a.id - b.id);
    for (const e of events)
      await t.db.insert(dealEvents).values({
        companyId: c.id,
        dealId: e.dealId,
        type: e.type,
        fromStage: e.fromStage,
        toStage: e.toStage,
        pipelineVersionId: version(e.versionId),
        at: e.at,
      });
    q = {
      companyId: c.id,
      pipelineId: c.pipelineId,
      filters: { teamIds: [], ownerIds: [], industry: [], region: [], source: [], priorities: [] },
      scope: { all: true },
    };
    await expectConsistent(c.id);
  });

  const pure = (mode: "cohort" | "active" = "cohort") =>
    figuresFromLog(story, { lookup, steps, kindOf, period: MARCH, mode, now: NOW });

  it("should give the funnel the pure definition gives, in both modes", async () => {
    // The three deals makeCompany writes (created now) fall outside March.
    // A whole month: from the monthly counts; a rep's scope: from deal_facts.
    const repQ = { ...q, scope: { all: false as const, ownerId: rep, teamIds: [] } };
    for (const mode of ["cohort", "active"] as const) {
      expect(funnel(await funnelGroups(t.db, q, MARCH, mode), steps)).toEqual(pure(mode).funnel);
      expect(funnel(await funnelGroups(t.db, repQ, MARCH, mode), steps)).toEqual(pure(mode).funnel);
    }
    // A period cut mid-month: whole months from the counts, the edge from deal_facts.
    const febToMid = { from: new Date("2025-01-31T16:00:00Z"), to: new Date("2025-03-15T16:00:00Z") };
    const byLog = (mode: "cohort" | "active") =>
      figuresFromLog(story, { lookup, steps, kindOf, period: febToMid, mode, now: NOW }).funnel;
    for (const mode of ["cohort", "active"] as const)
      expect(funnel(await funnelGroups(t.db, q, febToMid, mode), steps)).toEqual(byLog(mode));
  });

  it("should give the same time in stage from the monthly rollup and from raw visits", async () => {
    const fromRollup = await stayCells(t.db, q, MARCH);
    // A rep's scope (every story deal is theirs) reads the visits themselves.
    const fromVisits = await stayCells(
      t.db,
      { ...q, scope: { all: false, ownerId: rep, teamIds: [] } },
      MARCH,
    );
    const open = await openCells(t.db, q, NOW);
    const fromSql = timeInStage(fromRollup, open, steps, kindOf);
    expect(fromSql).toEqual(pure().timeInStage);
    expect(timeInStage(fromVisits, open, steps, kindOf)).toEqual(fromSql);
    // Someone owning none of them sees nothing.
    expect(
      await stayCells(t.db, { ...q, scope: { all: false, ownerId: q.companyId, teamIds: [] } }, MARCH),
    ).toEqual([]);
    // A period cut mid-month reads its edges from the visits.
    const edge = { from: new Date(MARCH.from.getTime() + 10 * DAY), to: MARCH.to };
    const cells = await stayCells(t.db, q, edge);
    const expected = story.flatMap((d) =>
      visitsOf(d.events, d, lookup).flatMap((v) => {
        const cell = stayCellOf(v, edge);
        return cell ? [cell] : [];
      }),
    );
    expect(timeInStage(cells, [], steps, kindOf)).toEqual(timeInStage(expected, [], steps, kindOf));
  });

  it("should give win rate, cycle and amounts by last close", async () => {
    expect(outcomes(await closedCells(t.db, q, MARCH))).toEqual(pure().outcomes);
    expect(
      outcomes(await closedCells(t.db, { ...q, scope: { all: false, ownerId: rep, teamIds: [] } }, MARCH)),
    ).toEqual(pure().outcomes);
    const midMarch = { from: new Date("2025-02-14T16:00:00Z"), to: new Date("2025-03-15T16:00:00Z") };
    expect(outcomes(await closedCells(t.db, q, midMarch))).toEqual(
      figuresFromLog(story, { lookup, steps, kindOf, period: midMarch, mode: "cohort", now: NOW }).outcomes,
    );
  });

  it("should list, for every number of the dashboard, as many deals as the number says", async () => {
    const filters = { period: "custom" as const, from: "2025-03-01", to: "2025-03-31" };
    const d = await dashboard(t.db, admin.scope, admin.userId, filters, NOW);
    expect(d.period).toEqual(MARCH);
    expect(d.funnel).toEqual(pure().funnel);
    const count = async (figure: DrillFigure) =>
      (await drill(t.db, admin.scope, admin.userId, { filters, figure, limit: 5000 }, NOW)).total;
    const checks: [DrillFigure, number][] = [[{ kind: "funnelDeals" }, d.funnel.deals]];
    for (const s of d.funnel.steps)
      for (const measure of ["reached", "entered", "skipped", "openHere", "lostHere"] as const)
        checks.push([{ kind: "funnel", step: s.key, measure }, s[measure]]);
    for (const s of d.funnel.side)
      checks.push([{ kind: "side", stage: s.key, measure: "entered" }, s.entered]);
    for (const r of d.timeInStage)
      for (const measure of ["visits", "breached", "openNow", "overdueNow"] as const)
        checks.push([{ kind: "stay", stage: r.key, measure }, r[measure]]);
    checks.push(
      [{ kind: "closed", outcome: "won" }, d.outcomes.won],
      [{ kind: "closed", outcome: "lost" }, d.outcomes.lost],
    );
    checks.push([{ kind: "open" }, d.pipelineNow.deals]);
    for (const s of d.pipelineNow.byStage) checks.push([{ kind: "open", stage: s.stage }, s.deals]);
    for (const f of d.forecast) {
      checks.push([{ kind: "forecast", month: f.month, measure: "open" }, f.deals]);
      if (/^\d/.test(f.month))
        checks.push([{ kind: "forecast", month: f.month, measure: "won" }, f.wonDeals]);
    }
    const results = await Promise.all(
      checks.map(async ([figure, n]) => [figure, await count(figure), n] as const),
    );
    for (const [figure, listed, n] of results) expect([figure, listed]).toEqual([figure, n]);
    // Numbers worth a look by hand: Proposal's reached (A B C D F) lists those deals.
    const proposal = await drill(
      t.db,
      admin.scope,
      admin.userId,
      {
        filters,
        figure: { kind: "funnel", step: "proposal", measure: "reached" },
      },
      NOW,
    );
    expect(proposal.rows.map((r) => r.title).sort()).toEqual([
      "Story A",
      "Story B",
      "Story C",
      "Story D",
      "Story F",
    ]);
  });
});
