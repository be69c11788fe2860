import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { companies, deals, memberships, teamMembers, teams, users } from "@/lib/server/db/schema";
import { applyAction } from "@/lib/server/deals/apply-action";
import { createDeal } from "@/lib/server/deals/create-deal";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

/*
 * Who sees which figures: exactly the deals each member sees in the deals list — admins and
 * trainers the company's, a manager their teams' and their own, a rep their own (and their
 * team's when the company allows it) — and nothing of another company.
 */

const t = setupTestDatabase();
let a: TestCompany;
let b: TestCompany;
/** A second team in company A, with its own manager and rep. */
let north: { teamId: string; managerId: string; repId: string };
const period = { period: "last12Months" as const };

async function member(companyId: string, email: string, role: "manager" | "rep") {
  const [u] = await t.db
    .insert(users)
    .values({ email, name: email.split("@")[0]! })
    .returning({ id: users.id });
  await t.db.insert(memberships).values({ companyId, userId: u!.id, role });
  return u!.id;
}

async function dealOf(c: TestCompany, ownerId: string, title: string, moves: string[] = []) {
  const scope = { id: c.id, name: "", role: "admin" as const };
  const deal = await createDeal(t.db, scope, ownerId, { values: { title, account: "Acct" }, ownerId });
  let version = deal.version;
  for (const action of moves) {
    const r = await applyAction(t.db, scope, ownerId, {
      dealId: deal.id,
      expectedVersion: version,
      action,
      changes: { industry: "finance", region: "east", source: "referral" },
    });
    version = r.deal.version;
  }
  return deal.id;
}

const titles = async (caller: ReturnType<typeof callerFor>, filters: object = {}) =>
  (
    await caller.analytics.drill({
      filters: { ...period, ...filters },
      figure: { kind: "funnelDeals" },
      limit: 5000,
    })
  ).rows
    .map((r) => r.title)
    .sort();

beforeAll(async () => {
  a = await makeCompany(t.db, "Alpha");
  b = await makeCompany(t.db, "Beta");
  // Only the deals below in company A.
  await t.db.delete(deals).where(eq(deals.companyId, a.id));
  const managerId = await member(a.id, "north.manager@alpha.test", "manager");
  const repId = await member(a.id, "north.rep@alpha.test", "rep");
  const [team] = await t.db
    .insert(teams)
    .values({ companyId: a.id, name: "North", managerId })
    .returning({ id: teams.id });
  await t.db.insert(teamMembers).values([
    { companyId: a.id, teamId: team!.id, userId: managerId },
    { companyId: a.id, teamId: team!.id, userId: repId },
  ]);
  north = { teamId: team!.id, managerId, repId };
  await dealOf(a, a.users.rep.id, "East rep deal", ["startContact"]);
  await dealOf(a, a.users.manager.id, "East manager deal");
  await dealOf(a, repId, "North rep deal", ["startContact"]);
  await dealOf(a, managerId, "North manager deal");
  await dealOf(b, b.users.rep.id, "Beta deal");
});

describe("who sees which figures", () => {
  it("should give each member the figures of exactly the deals their deals list shows", async () => {
    const callers = {
      admin: callerFor(t.db, a.users.admin.id, a.id),
      trainer: callerFor(t.db, a.users.trainer.id, a.id),
      eastManager: callerFor(t.db, a.users.manager.id, a.id),
      northManager: callerFor(t.db, north.managerId, a.id),
      eastRep: callerFor(t.db, a.users.rep.id, a.id),
      northRep: callerFor(t.db, north.repId, a.id),
    };
    const all = ["East manager deal", "East rep deal", "North manager deal", "North rep deal"];
    const expected = {
      admin: all,
      trainer: all,
      eastManager: ["East manager deal", "East rep deal"],
      northManager: ["North manager deal", "North rep deal"],
      eastRep: ["East rep deal"],
      northRep: ["North rep deal"],
    };
    for (const [who, caller] of Object.entries(callers)) {
      const listed = await titles(caller);
      const dealsList = (await caller.deals.list({ limit: 100 })).items.map((d) => d.title).sort();
      expect([who, listed]).toEqual([who, expected[who as keyof typeof expected]]);
      expect([who, listed]).toEqual([who, dealsList]);
      const dashboard = await caller.analytics.dashboard(period);
      expect([who, dashboard.funnel.deals, dashboard.scope.all]).toEqual([
        who,
        listed.length,
        who === "admin" || who === "trainer",
      ]);
    }
  });

  it("should give a rep their team's figures when the company lets reps see team deals", async () => {
    await t.db
      .update(companies)
      .set({ settings: { repsSeeTeamDeals: true } })
      .where(eq(companies.id, a.id));
    try {
      expect(await titles(callerFor(t.db, north.repId, a.id))).toEqual([
        "North manager deal",
        "North rep deal",
      ]);
    } finally {
      await t.db.update(companies).set({ settings: {} }).where(eq(companies.id, a.id));
    }
  });

  it("should narrow, never widen, a member's scope with filters", async () => {
    const eastManager = callerFor(t.db, a.users.manager.id, a.id);
    // Another team's deals stay out of a manager's figures, whatever the filter asks.
    expect(await titles(eastManager, { teamIds: [north.teamId] })).toEqual([]);
    expect(await titles(eastManager, { ownerIds: [north.repId] })).toEqual([]);
    expect(await titles(eastManager, { ownerIds: [a.users.rep.id] })).toEqual(["East rep deal"]);
    const admin = callerFor(t.db, a.users.admin.id, a.id);
    expect(await titles(admin, { teamIds: [north.teamId] })).toEqual([
      "North manager deal",
      "North rep deal",
    ]);
    const options = await eastManager.analytics.options();
    expect(options.teams.map((x) => x.name)).toEqual(["Alpha team"]);
    expect(options.people.map((p) => p.id).sort()).toEqual([a.users.manager.id, a.users.rep.id].sort());
    const repOptions = await callerFor(t.db, a.users.rep.id, a.id).analytics.options();
    expect([repOptions.teams, repOptions.people.map((p) => p.id)]).toEqual([[], [a.users.rep.id]]);
  });
});

describe("isolation between companies", () => {
  async function codeOf(p: Promise<unknown>) {
    return p.then(
      () => "ok",
      (e: { code?: string }) => e.code,
    );
  }

  it("should answer NOT_FOUND for another company's pipeline or version, and count none of its deals", async () => {
    const betaAdmin = callerFor(t.db, b.users.admin.id, b.id);
    const attempts = {
      dashboardPipeline: () => betaAdmin.analytics.dashboard({ ...period, pipelineId: a.pipelineId }),
      dashboardVersion: () => betaAdmin.analytics.dashboard({ ...period, versionId: a.versionId }),
      drill: () =>
        betaAdmin.analytics.drill({
          filters: { ...period, pipelineId: a.pipelineId },
          figure: { kind: "funnelDeals" },
        }),
      options: () => betaAdmin.analytics.options({ pipelineId: a.pipelineId }),
    };
    for (const [name, attempt] of Object.entries(attempts))
      expect([name, await codeOf(attempt())]).toEqual([name, "NOT_FOUND"]);
    // Company A's people and teams filter nothing in B.
    expect(await titles(betaAdmin, { teamIds: [north.teamId] })).toEqual([]);
    expect((await titles(betaAdmin)).every((x) => !x.startsWith("East") && !x.startsWith("North"))).toBe(
      true,
    );
  });

  it("should refuse bad filters with a readable message, not a failure", async () => {
    const admin = callerFor(t.db, a.users.admin.id, a.id);
    const refused = await admin.analytics
      .dashboard({ period: "custom", from: "2025-03-10" })
      .catch((e: { code: string }) => e.code);
    expect(refused).toBe("BAD_REQUEST");
  });
});
