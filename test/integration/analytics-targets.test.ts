import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dealEvents, deals, memberships, teamMembers, teams, users } from "@/lib/server/db/schema";
import { listTargets, setTarget } from "@/lib/server/analytics/targets";
import type { CompanyScope } from "@/lib/server/api/context";
import type { Role } from "@/lib/roles";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

/*
 * Targets: set by admins (any scope) and managers (their teams and those teams' reps), seen by
 * admins and trainers (all), managers (their teams' and reps'), reps (their own); each with its
 * actual figure, attainment and pace, worked out by hand below for 16 March 2025 at noon in
 * Beijing — half-way through the month.
 */

const t = setupTestDatabase();
let a: TestCompany;
let b: TestCompany;
let north: { teamId: string; managerId: string; repId: string };
const midMarch = new Date("2025-03-16T04:00:00Z");
const at = (day: string) => new Date(`2025-${day}T10:00:00+08:00`);
const scope = (c: TestCompany, role: Role): CompanyScope => ({ id: c.id, name: "", role });

async function member(companyId: string, email: string, role: "manager" | "rep") {
  const [u] = await t.db
    .insert(users)
    .values({ email, name: email.split("@")[0]! })
    .returning({ id: users.id });
  await t.db.insert(memberships).values({ companyId, userId: u!.id, role });
  return u!.id;
}

/** A deal walked through the stages on the days given. */
async function deal(ownerId: string, teamId: string, amount: number, walk: [string, string][]) {
  const [row] = await t.db
    .insert(deals)
    .values({
      companyId: a.id,
      pipelineId: a.pipelineId,
      pipelineVersionId: a.versionId,
      stage: walk[walk.length - 1]![0],
      title: `Deal ${walk[0]![1]} ${amount}`,
      account: "Acct",
      amount,
      ownerId,
      teamId,
      createdAt: at(walk[0]![1]),
    })
    .returning({ id: deals.id });
  for (const [i, [stage, day]] of walk.entries())
    await t.db.insert(dealEvents).values({
      companyId: a.id,
      dealId: row!.id,
      type: i === 0 ? "created" : "action",
      fromStage: i === 0 ? null : walk[i - 1]![0],
      toStage: stage,
      pipelineVersionId: a.versionId,
      at: at(day),
    });
}

const won = (start: string): [string, string][] => [
  ["lead", start],
  ["contact", "03-04"],
  ["analysis", "03-05"],
  ["proposal", "03-07"],
  ["negotiation", "03-08"],
  ["won", "03-10"],
];

beforeAll(async () => {
  a = await makeCompany(t.db, "Aim");
  b = await makeCompany(t.db, "Bim");
  await t.db.delete(deals).where(eq(deals.companyId, a.id));
  const managerId = await member(a.id, "north.manager@aim.test", "manager");
  const repId = await member(a.id, "north.rep@aim.test", "rep");
  const [team] = await t.db
    .insert(teams)
    .values({ companyId: a.id, name: "North", managerId })
    .returning({ id: teams.id });
  await t.db.insert(teamMembers).values([
    { companyId: a.id, teamId: team!.id, userId: managerId },
    { companyId: a.id, teamId: team!.id, userId: repId },
  ]);
  north = { teamId: team!.id, managerId, repId };
  // East (the fixture's team): won 100,000 on 10 March; another deal stops at Initial contact.
  await deal(a.users.rep.id, a.teamId, 100_000, won("03-02"));
  await deal(a.users.rep.id, a.teamId, 50_000, [
    ["lead", "03-04"],
    ["contact", "03-06"],
  ]);
  // North: won 200,000; and a February deal that reached Needs analysis on 1 March.
  await deal(repId, team!.id, 200_000, won("03-03"));
  await deal(repId, team!.id, 70_000, [
    ["lead", "02-20"],
    ["contact", "02-21"],
    ["analysis", "03-01"],
  ]);
});

describe("targets", () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const admin = scope(a, "admin");
    const manager = scope(a, "manager");
    const month = { periodKind: "month" as const, periodStart: "2025-03-01" };
    ids = {
      companyWins: (
        await setTarget(t.db, admin, a.users.admin.id, {
          scope: "company",
          metric: "dealsWon",
          value: 4,
          ...month,
        })
      ).id,
      eastAmount: (
        await setTarget(t.db, manager, a.users.manager.id, {
          scope: "team",
          teamId: a.teamId,
          metric: "wonAmount",
          value: 220_000,
          ...month,
        })
      ).id,
      repQualified: (
        await setTarget(t.db, manager, a.users.manager.id, {
          scope: "rep",
          userId: a.users.rep.id,
          metric: "newQualified",
          toStage: "analysis",
          value: 4,
          ...month,
        })
      ).id,
      conversion: (
        await setTarget(t.db, admin, a.users.admin.id, {
          scope: "company",
          metric: "conversion",
          fromStage: "lead",
          toStage: "analysis",
          value: 0.5,
          periodKind: "quarter",
          periodStart: "2025-01-01",
        })
      ).id,
      northWins: (
        await setTarget(t.db, scope(a, "manager"), north.managerId, {
          scope: "team",
          teamId: north.teamId,
          metric: "dealsWon",
          value: 1,
          ...month,
        })
      ).id,
    };
  });

  it("should give each target its actual figure, attainment and pace", async () => {
    const list = await listTargets(t.db, scope(a, "admin"), a.users.admin.id, {}, midMarch);
    const of = (id: string) => list.find((x) => x.id === id)!;
    // Two deals won in March, 4 wanted: half-way, 2 is where it should be.
    expect(of(ids.companyWins!)).toMatchObject({ actual: 2, attainment: 0.5, expected: 2, pace: "onTrack" });
    // East won 100,000 of 220,000: 110,000 expected by now, 100,000 is at least 80 % of it.
    expect(of(ids.eastAmount!)).toMatchObject({ actual: 100_000, expected: 110_000, pace: "atRisk" });
    // The East rep's deals first reaching Needs analysis (or later) in March: one, 2 expected.
    expect(of(ids.repQualified!)).toMatchObject({ actual: 1, expected: 2, pace: "behind" });
    // Q1's deals: four reached Lead, three Needs analysis: 75 % against 50 %.
    expect(of(ids.conversion!)).toMatchObject({ actual: 0.75, attainment: 1.5, pace: "onTrack" });
    expect(of(ids.northWins!)).toMatchObject({ actual: 1, pace: "onTrack" });
  });

  it("should show each member the targets they may see, and say which they may change", async () => {
    const seen = async (role: Role, userId: string) =>
      (await listTargets(t.db, scope(a, role), userId, {}, midMarch))
        .map(
          (x) =>
            `${x.id === ids.companyWins ? "companyWins" : Object.entries(ids).find(([, v]) => v === x.id)![0]}:${x.canEdit}`,
        )
        .sort();
    expect(await seen("admin", a.users.admin.id)).toEqual([
      "companyWins:true",
      "conversion:true",
      "eastAmount:true",
      "northWins:true",
      "repQualified:true",
    ]);
    expect(await seen("trainer", a.users.trainer.id)).toEqual([
      "companyWins:false",
      "conversion:false",
      "eastAmount:false",
      "northWins:false",
      "repQualified:false",
    ]);
    expect(await seen("manager", a.users.manager.id)).toEqual(["eastAmount:true", "repQualified:true"]);
    expect(await seen("manager", north.managerId)).toEqual(["northWins:true"]);
    expect(await seen("rep", a.users.rep.id)).toEqual(["repQualified:false"]);
    expect(await seen("rep", north.repId)).toEqual([]);
  });

  it("should let a manager set targets only for their teams and those teams' reps", async () => {
    const manager = callerFor(t.db, a.users.manager.id, a.id);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: { code?: string }) => e.code,
      );
    const month = {
      periodKind: "month" as const,
      periodStart: "2025-04-01",
      metric: "dealsWon" as const,
      value: 3,
    };
    expect(await code(manager.targets.set({ scope: "team", teamId: north.teamId, ...month }))).toBe(
      "FORBIDDEN",
    );
    expect(await code(manager.targets.set({ scope: "rep", userId: north.repId, ...month }))).toBe(
      "FORBIDDEN",
    );
    expect(await code(manager.targets.set({ scope: "company", ...month }))).toBe("FORBIDDEN");
    expect(await code(manager.targets.set({ scope: "team", teamId: a.teamId, ...month }))).toBe("ok");
    // One target per scope, period and figure.
    expect(await code(manager.targets.set({ scope: "team", teamId: a.teamId, ...month }))).toBe("CONFLICT");
  });

  it("should refuse a change made at a stale version, and keep the other one", async () => {
    const admin = callerFor(t.db, a.users.admin.id, a.id);
    const base = {
      scope: "company" as const,
      metric: "dealsWon" as const,
      periodKind: "month" as const,
      periodStart: "2025-03-01",
    };
    const first = await admin.targets.set({
      ...base,
      targetId: ids.companyWins,
      expectedVersion: 1,
      value: 5,
    });
    expect(first.version).toBe(2);
    const stale = await admin.targets
      .set({ ...base, targetId: ids.companyWins, expectedVersion: 1, value: 9 })
      .catch((e: { code: string }) => e.code);
    expect(stale).toBe("CONFLICT");
    const list = await listTargets(t.db, scope(a, "admin"), a.users.admin.id, {}, midMarch);
    expect(list.find((x) => x.id === ids.companyWins)!.value).toBe(5);
    expect(
      await admin.targets
        .delete({ targetId: ids.companyWins!, expectedVersion: 1 })
        .catch((e: { code: string }) => e.code),
    ).toBe("CONFLICT");
  });

  it("should keep companies apart", async () => {
    const beta = callerFor(t.db, b.users.admin.id, b.id);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: { code?: string }) => e.code,
      );
    const month = {
      periodKind: "month" as const,
      periodStart: "2025-03-01",
      metric: "dealsWon" as const,
      value: 1,
    };
    expect(await code(beta.targets.set({ scope: "team", teamId: a.teamId, ...month }))).toBe("NOT_FOUND");
    expect(await code(beta.targets.set({ scope: "rep", userId: a.users.rep.id, ...month }))).toBe(
      "NOT_FOUND",
    );
    expect(await code(beta.targets.set({ scope: "company", pipelineId: a.pipelineId, ...month }))).toBe(
      "NOT_FOUND",
    );
    expect(await code(beta.targets.delete({ targetId: ids.eastAmount!, expectedVersion: 1 }))).toBe(
      "NOT_FOUND",
    );
    expect(
      await code(
        beta.targets.set({ targetId: ids.eastAmount, expectedVersion: 1, scope: "company", ...month }),
      ),
    ).toBe("NOT_FOUND");
    expect(await beta.targets.list()).toEqual([]);
  });
});
