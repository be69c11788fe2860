import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  actionRefusals,
  dealEvents,
  deals,
  memberships,
  teamMembers,
  teams,
  users,
} from "@/lib/server/db/schema";
import { applyAction } from "@/lib/server/deals/apply-action";
import { createDeal } from "@/lib/server/deals/create-deal";
import { addComment } from "@/lib/server/deals/comments";
import { createApiKey } from "@/lib/server/api-v1/keys";
import { adoption } from "@/lib/server/analytics/adoption";
import { drill } from "@/lib/server/analytics/drill";
import { adoptionFromLog, statesOf, type AdoptionDeal } from "@/lib/analytics";
import type { Role } from "@/lib/roles";
import { defaultProcess } from "@/workflows/templates/default-process";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

/*
 * Adoption figures (docs/analytics.md, Adoption) on a small crafted history whose answers are
 * worked out by hand below, against the definition from the raw logs, per role, and per company.
 *
 * The week: Monday 10 – Sunday 16 March 2031 (Beijing); now: Wednesday 12 March, 12:00.
 * Time limits of the default process: Lead 3 days, Initial contact 7 days.
 *
 *   A  R1's. Created 1 Mar, Start contact 2 Mar (R1). R1 comments 10 Mar 09:00. An API key tries
 *      Close lost without a reason 11 Mar (refused). In Initial contact since 2 Mar: past its limit.
 *   B  R1's. Created 9 Mar 10:00, Start contact 10 Mar 11:00 by R1 (Lead left within 3 days).
 *      R1 tries Qualify 11 Mar without the checklist (refused: two checklist items).
 *   C  R2's. Created 1 Feb, nothing since. R2 tries Disqualify 11 Mar without a lost reason
 *      (refused; a refusal is no activity): stale, and past Lead's limit.
 *   D  R1's. Created 20 Feb, Start contact 21 Feb (R1). The East manager comments 11 Mar 09:00.
 *      In Initial contact since 21 Feb: past its limit.
 *   E  R3's (North). Created 5 Mar, Start contact 10 Mar 10:00 by R3: Lead left after 5 days (late).
 *   F  R3's. Created 1 Feb, Start contact 2 Feb, Close lost 11 Mar by R3: Initial contact left
 *      after 37 days (late). Lost: not open.
 *   H  R2's, written without any event, created 15 Feb: stale (no activity since its creation),
 *      past Lead's limit.
 *
 *   R1: touched A, B (2); actions 1 (B's Start contact); on time 1; refused 1; open A, B, D (3);
 *       stale 0; past limit A, D (2). Score: mean(1, 3/3, 1/3, 1/2) = 70.8 → 71.
 *   R2: touched 0; actions 0; refused 1; open C, H (2); stale 2; past limit 2. Score: mean(0, 0, 0) = 0.
 *   R3: touched E, F (2); actions 2; late 2; open E (1); stale 0; past limit 0.
 *       Score: mean(0, 1, 1, 1) = 75.
 *   East manager: touched D (1), no other figure; managers show only with figures. No score.
 *   East (manager, R1, R2): touched A, B, D (3); actions 1; on time 1; refused 2; open 5; stale 2;
 *       past limit 4. Score: mean(1, 3/5, 1/5, 1/3) = 53.3 → 53. Members 3, active 2.
 *   North (R3; its manager has no figures): touched 2; late 2; open 1. Score 75. Members 1, active 1.
 *   Total (admin): touched 5; actions 3; on time 1; late 2; refused 2; open 6; stale 2; past limit 4.
 *       Score: mean(1/3, 4/6, 2/6, 3/5) = 48.3 → 48.
 *   Refusals (admin, API keys included): 3 attempts, 1 by a key. Lost reason 2 (deals C, A),
 *       each checklist item 1. By stage and action: Initial contact · Qualify 1, Lead · Disqualify 1,
 *       Initial contact · Close lost 1.
 */

const t = setupTestDatabase();
let a: TestCompany;
let b: TestCompany;
const at = (day: string, hour: string) => new Date(`2031-${day}T${hour}:00:00+08:00`);
const NOW = at("03-12", "12");
const WEEK = { period: "custom" as const, from: "2031-03-10", to: "2031-03-16" };
const lead = { industry: "finance", region: "east", source: "referral" };
const ids = {} as Record<"r1" | "r2" | "r3" | "m" | "n" | "northTeam", string>;
const dealIds = {} as Record<"A" | "B" | "C" | "D" | "E" | "F" | "H", string>;

async function member(companyId: string, name: string, role: Role) {
  const [u] = await t.db
    .insert(users)
    .values({ email: `${name}@adoption.test`, name })
    .returning({ id: users.id });
  await t.db.insert(memberships).values({ companyId, userId: u!.id, role });
  return u!.id;
}

const scopeOf = (c: TestCompany, role: Role) => ({ id: c.id, name: "", role });

/** A deal created by its owner at `created`, then the owner's actions at their times. */
async function deal(
  c: TestCompany,
  ownerId: string,
  title: string,
  created: Date,
  moves: { action: string; at: Date; changes?: Record<string, string> }[] = [],
) {
  const d = await createDeal(t.db, scopeOf(c, "rep"), ownerId, {
    values: { title, account: "Acct" },
    ownerId,
    now: created,
  });
  let version = d.version;
  for (const m of moves) {
    const r = await applyAction(t.db, scopeOf(c, "rep"), ownerId, {
      dealId: d.id,
      expectedVersion: version,
      action: m.action,
      changes: m.changes ?? lead,
      now: m.at,
    });
    version = r.deal.version;
  }
  return d.id;
}

async function refused(
  c: TestCompany,
  actorId: string | null,
  dealId: string,
  action: string,
  when: Date,
  apiKeyId?: string,
) {
  const [row] = await t.db.select({ version: deals.version }).from(deals).where(eq(deals.id, dealId));
  const error = await applyAction(t.db, scopeOf(c, apiKeyId ? "admin" : "rep"), actorId, {
    dealId,
    expectedVersion: row!.version,
    action,
    now: when,
    apiKeyId,
  }).then(
    () => null,
    (e: { code: string }) => e,
  );
  expect(error?.code).toBe("UNPROCESSABLE_CONTENT");
}

beforeAll(async () => {
  a = await makeCompany(t.db, "Adopt");
  b = await makeCompany(t.db, "Rival");
  await t.db.delete(deals).where(eq(deals.companyId, a.id));
  ids.r1 = a.users.rep.id;
  ids.m = a.users.manager.id;
  ids.r2 = await member(a.id, "r2", "rep");
  await t.db.insert(teamMembers).values({ companyId: a.id, teamId: a.teamId, userId: ids.r2 });
  ids.n = await member(a.id, "north-manager", "manager");
  ids.r3 = await member(a.id, "r3", "rep");
  const [north] = await t.db
    .insert(teams)
    .values({ companyId: a.id, name: "North", managerId: ids.n })
    .returning({ id: teams.id });
  ids.northTeam = north!.id;
  await t.db.insert(teamMembers).values([
    { companyId: a.id, teamId: north!.id, userId: ids.n },
    { companyId: a.id, teamId: north!.id, userId: ids.r3 },
  ]);

  dealIds.A = await deal(a, ids.r1, "A", at("03-01", "10"), [
    { action: "startContact", at: at("03-02", "10") },
  ]);
  await addComment(t.db, scopeOf(a, "rep"), ids.r1, { dealId: dealIds.A, text: "Called" }, at("03-10", "09"));
  dealIds.B = await deal(a, ids.r1, "B", at("03-09", "10"), [
    { action: "startContact", at: at("03-10", "11") },
  ]);
  await refused(a, ids.r1, dealIds.B, "qualify", at("03-11", "10"));
  dealIds.C = await deal(a, ids.r2, "C", at("02-01", "10"));
  await refused(a, ids.r2, dealIds.C, "disqualify", at("03-11", "11"));
  dealIds.D = await deal(a, ids.r1, "D", at("02-20", "10"), [
    { action: "startContact", at: at("02-21", "10") },
  ]);
  await addComment(
    t.db,
    scopeOf(a, "manager"),
    ids.m,
    { dealId: dealIds.D, text: "Any news?" },
    at("03-11", "09"),
  );
  dealIds.E = await deal(a, ids.r3, "E", at("03-05", "09"), [
    { action: "startContact", at: at("03-10", "10") },
  ]);
  dealIds.F = await deal(a, ids.r3, "F", at("02-01", "10"), [
    { action: "startContact", at: at("02-02", "10") },
    { action: "closeLost", at: at("03-11", "16"), changes: { lostReason: "price" } },
  ]);
  const [h] = await t.db
    .insert(deals)
    .values({
      companyId: a.id,
      pipelineId: a.pipelineId,
      pipelineVersionId: a.versionId,
      stage: "lead",
      title: "H",
      account: "Acct",
      ownerId: ids.r2,
      teamId: a.teamId,
      createdAt: at("02-15", "10"),
      stageEnteredAt: at("02-15", "10"),
    })
    .returning({ id: deals.id });
  dealIds.H = h!.id;
  const key = await createApiKey(t.db, a.id, a.users.admin.id, { name: "ERP", scope: "write" });
  await refused(a, null, dealIds.A, "closeLost", at("03-11", "15"), key.id);

  // Another company's work, in the same week: never in company A's figures.
  const rival = await deal(b, b.users.rep.id, "Rival deal", at("03-01", "10"), [
    { action: "startContact", at: at("03-10", "10") },
  ]);
  await refused(b, b.users.rep.id, rival, "qualify", at("03-11", "10"));
});

const figuresOf = (userId: string, role: Role, staleDays = 14, c: TestCompany = a, filters: object = {}) =>
  adoption(t.db, scopeOf(c, role), userId, { filters: { ...WEEK, ...filters }, staleDays }, NOW);

const cellsOf = (row: object) => {
  const { touched, actions, onTime, late, refused, open, stale, pastLimit, score } = row as Record<
    string,
    number
  >;
  return { touched, actions, onTime, late, refused, open, stale, pastLimit, score };
};

describe("adoption figures on a crafted week", () => {
  it("should count each member's week as worked out by hand", async () => {
    const f = await figuresOf(a.users.admin.id, "admin");
    const row = (id: string) => f.people.find((p) => p.id === id);
    expect(cellsOf(row(ids.r1)!)).toEqual({
      touched: 2,
      actions: 1,
      onTime: 1,
      late: 0,
      refused: 1,
      open: 3,
      stale: 0,
      pastLimit: 2,
      score: 71,
    });
    expect(row(ids.r1)).toMatchObject({
      onTimeRate: 1,
      freshRate: 1,
      withinLimitRate: 1 / 3,
      firstTimeRate: 0.5,
    });
    expect(cellsOf(row(ids.r2)!)).toEqual({
      touched: 0,
      actions: 0,
      onTime: 0,
      late: 0,
      refused: 1,
      open: 2,
      stale: 2,
      pastLimit: 2,
      score: 0,
    });
    expect(row(ids.r2)!.onTimeRate).toBeNull();
    expect(cellsOf(row(ids.r3)!)).toEqual({
      touched: 2,
      actions: 2,
      onTime: 0,
      late: 2,
      refused: 0,
      open: 1,
      stale: 0,
      pastLimit: 0,
      score: 75,
    });
    expect(cellsOf(row(ids.m)!)).toEqual({
      touched: 1,
      actions: 0,
      onTime: 0,
      late: 0,
      refused: 0,
      open: 0,
      stale: 0,
      pastLimit: 0,
      score: null,
    });
    // Reps always have a row; the others only with figures.
    expect(f.people.map((p) => p.id).sort()).toEqual([ids.r1, ids.r2, ids.r3, ids.m].sort());
  });

  it("should add up teams and the total, counting each deal touched once", async () => {
    const f = await figuresOf(a.users.admin.id, "admin");
    const east = f.teams.find((x) => x.id === a.teamId)!;
    expect({ ...cellsOf(east), members: east.members, active: east.active }).toEqual({
      touched: 3,
      actions: 1,
      onTime: 1,
      late: 0,
      refused: 2,
      open: 5,
      stale: 2,
      pastLimit: 4,
      score: 53,
      members: 3,
      active: 2,
    });
    const north = f.teams.find((x) => x.id === ids.northTeam)!;
    expect({ ...cellsOf(north), members: north.members, active: north.active }).toEqual({
      touched: 2,
      actions: 2,
      onTime: 0,
      late: 2,
      refused: 0,
      open: 1,
      stale: 0,
      pastLimit: 0,
      score: 75,
      members: 1,
      active: 1,
    });
    expect({ ...cellsOf(f.total), members: f.total.members, active: f.total.active }).toEqual({
      touched: 5,
      actions: 3,
      onTime: 1,
      late: 2,
      refused: 2,
      open: 6,
      stale: 2,
      pastLimit: 4,
      score: 48,
      members: 4,
      active: 3,
    });
  });

  it("should count refusals by reason and by stage and action, API keys included for the company", async () => {
    const f = await figuresOf(a.users.admin.id, "admin");
    expect(f.refusals.attempts).toBe(3);
    expect(f.refusals.byApiKeys).toBe(1);
    expect(f.refusals.byReason.map((r) => [r.code, r.kind, r.attempts, r.deals, r.people])).toEqual([
      ["field:lostReason", "field", 2, 2, 2],
      ["checklist:interestConfirmed", "checklist", 1, 1, 1],
      ["checklist:reachedDecisionMaker", "checklist", 1, 1, 1],
    ]);
    const lost = f.refusals.byReason[0]!;
    expect(lost.label).toEqual({ zh: "输单原因", en: "Lost reason" });
    expect(lost.message?.en).toContain("Lost reason");
    expect(
      f.refusals.byStage.map((r) => [r.stage, r.action, r.attempts, r.deals, r.reasons.map((x) => x.code)]),
    ).toEqual([
      ["contact", "closeLost", 1, 1, ["field:lostReason"]],
      ["contact", "qualify", 1, 1, ["checklist:interestConfirmed", "checklist:reachedDecisionMaker"]],
      ["lead", "disqualify", 1, 1, ["field:lostReason"]],
    ]);
    expect(f.refusals.byStage.find((r) => r.action === "qualify")!.actionName).toEqual({
      zh: "资格审核",
      en: "Qualify",
    });
  });

  it("should take the stale threshold from the input: with one day, every deal quiet for a day is stale", async () => {
    const f = await figuresOf(a.users.admin.id, "admin", 1);
    // A (last activity 10 Mar 09:00), B (10 Mar 11:00), D (the manager's comment, 11 Mar 09:00).
    expect(f.people.find((p) => p.id === ids.r1)!.stale).toBe(3);
    expect(f.people.find((p) => p.id === ids.r3)!.stale).toBe(1);
    expect(f.staleDays).toBe(1);
  });

  it("should give the same cells as the definition from the raw logs", async () => {
    const f = await figuresOf(a.users.admin.id, "admin");
    const states = statesOf(defaultProcess);
    const rows = await t.db.select().from(deals).where(eq(deals.companyId, a.id));
    const events = await t.db
      .select()
      .from(dealEvents)
      .where(eq(dealEvents.companyId, a.id))
      .orderBy(asc(dealEvents.id));
    const logDeals: AdoptionDeal[] = rows.map((d) => ({
      id: d.id,
      ownerId: d.ownerId,
      stage: d.stage,
      versionId: d.pipelineVersionId,
      createdAt: d.createdAt,
      events: events
        .filter((e) => e.dealId === d.id)
        .map((e) => ({ ...e, versionId: e.pipelineVersionId, fromStage: e.fromStage, toStage: e.toStage })),
    }));
    const refusals = await t.db.select().from(actionRefusals).where(eq(actionRefusals.companyId, a.id));
    const { cells, touchedBy } = adoptionFromLog(logDeals, refusals, {
      lookup: (_v, stage) => states.get(stage),
      period: f.period,
      now: NOW,
      staleDays: 14,
    });
    for (const p of f.people) {
      const { score: _score, ...sql } = cellsOf(p);
      expect([p.name, sql]).toEqual([p.name, cells.get(p.id)]);
    }
    expect(touchedBy(f.people.map((p) => p.id))).toBe(f.total.touched);
    expect(touchedBy([ids.m, ids.r1, ids.r2])).toBe(f.teams.find((x) => x.id === a.teamId)!.touched);
  });

  it("should list the deals behind a number, as many as it counts", async () => {
    const titles = async (figure: object, userId = a.users.admin.id, role: Role = "admin") =>
      (
        await drill(
          t.db,
          scopeOf(a, role),
          userId,
          { filters: WEEK, figure: { kind: "adoption", staleDays: 14, ...figure } as never, limit: 100 },
          NOW,
        )
      ).rows
        .map((r) => r.title)
        .sort();
    expect(await titles({ measure: "touched", personId: ids.r1 })).toEqual(["A", "B"]);
    expect(await titles({ measure: "touched" })).toEqual(["A", "B", "D", "E", "F"]);
    expect(await titles({ measure: "stale", personId: ids.r2 })).toEqual(["C", "H"]);
    expect(await titles({ measure: "open", teamId: a.teamId })).toEqual(["A", "B", "C", "D", "H"]);
    expect(await titles({ measure: "pastLimit", teamId: a.teamId })).toEqual(["A", "C", "D", "H"]);
    expect(await titles({ measure: "late", personId: ids.r3 })).toEqual(["E", "F"]);
    expect(await titles({ measure: "onTime" })).toEqual(["B"]);
    expect(await titles({ measure: "refused", code: "field:lostReason" })).toEqual(["A", "C"]);
    expect(await titles({ measure: "refused", stage: "contact", action: "qualify" })).toEqual(["B"]);
    // A member outside the viewer's rows lists nothing: the East manager asking for R3's deals.
    expect(await titles({ measure: "touched", personId: ids.r3 }, ids.m, "manager")).toEqual([]);
    expect(await titles({ measure: "touched", teamId: ids.northTeam }, ids.m, "manager")).toEqual([]);
  });
});

describe("who sees which adoption rows", () => {
  it("should give a manager the rows of the teams they run, and only their deals", async () => {
    const f = await figuresOf(ids.m, "manager");
    expect(f.people.map((p) => p.id).sort()).toEqual([ids.m, ids.r1, ids.r2].sort());
    expect(f.teams.map((x) => x.id)).toEqual([a.teamId]);
    expect(f.total.touched).toBe(3);
    // R1's and R2's refusals; not the API key's (the company's), not North's.
    expect(f.refusals.attempts).toBe(2);
    expect(f.refusals.byApiKeys).toBe(0);
    const north = await figuresOf(ids.n, "manager");
    expect(north.people.map((p) => p.id)).toEqual([ids.r3]);
    expect(north.teams.map((x) => x.id)).toEqual([ids.northTeam]);
    expect(north.refusals.attempts).toBe(0);
  });

  it("should give a rep their own row only, no team and no one else's refusals", async () => {
    const f = await figuresOf(ids.r1, "rep");
    expect(f.people.map((p) => p.id)).toEqual([ids.r1]);
    expect(cellsOf(f.people[0]!)).toMatchObject({ touched: 2, refused: 1, open: 3, pastLimit: 2 });
    expect(f.teams).toEqual([]);
    expect(f.total.touched).toBe(2);
    expect(f.refusals.attempts).toBe(1);
    expect(f.refusals.byReason.map((r) => r.code)).toEqual([
      "checklist:interestConfirmed",
      "checklist:reachedDecisionMaker",
    ]);
    // Asking for someone else's rows changes nothing.
    const other = await figuresOf(ids.r1, "rep", 14, a, { ownerIds: [ids.r2] });
    expect(other.people).toEqual([]);
  });

  it("should let a trainer see the company like an admin", async () => {
    const f = await figuresOf(a.users.trainer.id, "trainer");
    expect(f.total.touched).toBe(5);
    expect(f.refusals.attempts).toBe(3);
  });

  it("should narrow the rows by the Team and Rep filters", async () => {
    const f = await figuresOf(a.users.admin.id, "admin", 14, a, { teamIds: [ids.northTeam] });
    expect(f.people.map((p) => p.id)).toEqual([ids.r3]);
    expect(f.teams.map((x) => x.id)).toEqual([ids.northTeam]);
    expect(f.refusals.byApiKeys).toBe(0);
    const one = await figuresOf(a.users.admin.id, "admin", 14, a, { ownerIds: [ids.r2] });
    expect(one.people.map((p) => p.id)).toEqual([ids.r2]);
    expect(one.total.refused).toBe(1);
  });

  it("should answer the same through the API for every role, each seeing only their company", async () => {
    for (const role of ["admin", "manager", "trainer", "rep"] as const) {
      const f = await callerFor(t.db, a.users[role].id, a.id).analytics.adoption({
        filters: { period: "thisWeek" },
        staleDays: 14,
      });
      const everyone = f.people.map((p) => p.id);
      expect(everyone).not.toContain(b.users.rep.id);
      expect(everyone.every((id) => Object.values(ids).includes(id) || id === a.users.admin.id)).toBe(true);
    }
    const rival = await figuresOf(b.users.admin.id, "admin", 14, b);
    expect(rival.people.map((p) => p.id)).toEqual([b.users.rep.id]);
    expect(rival.refusals.attempts).toBe(1);
    expect(rival.total.touched).toBe(1);
    // Company A's admin asking for company B's rep gets no row.
    const cross = await figuresOf(a.users.admin.id, "admin", 14, a, { ownerIds: [b.users.rep.id] });
    expect(cross.people).toEqual([]);
    const crossDrill = await drill(
      t.db,
      scopeOf(a, "admin"),
      a.users.admin.id,
      {
        filters: WEEK,
        figure: { kind: "adoption", measure: "touched", personId: b.users.rep.id, staleDays: 14 },
      },
      NOW,
    );
    expect(crossDrill.rows).toEqual([]);
  });
});
