import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { applyAction } from "@/lib/server/deals/apply-action";
import { dealValues } from "@/lib/server/deals/values";
import { dealEvents, deals, pipelineVersions } from "@/lib/server/db/schema";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/lib/server/seed/demo";
import { compile } from "@/workflows/compiler";
import { availableActions, createProgram } from "@/workflows/runtime";
import { defaultProcess } from "@/workflows/templates/default-process";
import { setupTestDatabase } from "../support/db";
import { callerFor } from "../support/fixtures";

const t = setupTestDatabase();
const seededAt = new Date("2026-11-01T00:00:00Z");
let companyId = "";

describe("the demo company", () => {
  it("should be seeded with its users, teams, process and deal histories", async () => {
    ({ companyId } = await seedDemo(t.db, { now: seededAt }));
    for (const u of DEMO_USERS) {
      expect([u.email, (await authenticate(t.db, { email: u.email, password: DEMO_PASSWORD })).ok]).toEqual([
        u.email,
        true,
      ]);
    }
    const [counts] = await t.db.execute<{ deals: number; events: number; without: number }>(sql`
      select (select count(*)::int from deals where company_id = ${companyId}) as deals,
             (select count(*)::int from deal_events where company_id = ${companyId}) as events,
             (select count(*)::int from deals d where company_id = ${companyId}
                and not exists (select 1 from deal_events e where e.company_id = d.company_id and e.deal_id = d.id)) as without`);
    expect(counts?.deals).toBe(300);
    expect(counts?.events).toBeGreaterThan(600);
    expect(counts?.without).toBe(0);

    const admin = await authenticate(t.db, { email: "admin@example.com", password: DEMO_PASSWORD });
    if (!admin.ok) throw new Error("admin sign-in failed");
    const teams = await callerFor(t.db, admin.user.id).teams.list();
    expect(teams.map((x) => [x.name, x.nameEn]).sort()).toEqual([
      ["华东一组", "East team"],
      ["华北一组", "North team"],
    ]);
    const [pipeline] = await callerFor(t.db, admin.user.id).pipelines.list();
    expect(pipeline?.stages.map((s) => s.key)).toEqual([
      "lead",
      "contact",
      "nurture",
      "analysis",
      "proposal",
      "negotiation",
      "won",
      "lost",
    ]);

    const rep = await authenticate(t.db, { email: "rep.east@example.com", password: DEMO_PASSWORD });
    if (!rep.ok) throw new Error("rep sign-in failed");
    const own = await callerFor(t.db, rep.user.id).deals.list({ limit: 200 });
    expect(own.items.length).toBeGreaterThan(10);
    expect(new Set(own.items.map((d) => d.ownerName))).toEqual(new Set(["张伟"]));
  });

  it("should publish the process compiled: its machine, delays and hash stored on the version", async () => {
    const compiled = compile(defaultProcess);
    const [version] = await t.db
      .select({ machine: pipelineVersions.machine, hash: pipelineVersions.hash })
      .from(pipelineVersions)
      .where(eq(pipelineVersions.companyId, companyId));
    expect(version?.machine).toEqual({ machine: compiled.machine, delays: compiled.delays });
    expect(version?.hash).toBe(compiled.hash);
    expect(version?.hash).toMatch(/^[0-9a-f]{64}$/);
    const [counts] = await t.db.execute<{ bare: number; versions: number }>(sql`
      select count(*) filter (where snapshot->>'status' is null)::int as bare,
             count(*) filter (where version <> (select count(*) from deal_events e
                                                where e.company_id = d.company_id and e.deal_id = d.id))::int as versions
      from deals d where company_id = ${companyId}`);
    expect(counts).toEqual({ bare: 0, versions: 0 });
  });

  it("should let the shell move a seeded open deal on from the version it was seeded at", async () => {
    const program = createProgram(defaultProcess, compile(defaultProcess));
    const now = new Date(seededAt.getTime() + 3_600_000);
    const open = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, companyId), sql`${deals.closedAt} is null`))
      .orderBy(asc(deals.createdAt));
    const movable = open.flatMap((deal) => {
      const actor = { id: deal.ownerId!, role: "rep" as const };
      const offered = availableActions(program, { stage: deal.stage, values: dealValues(deal), actor, now });
      const action = offered.find((a) => a.enabled);
      return action ? [{ deal, action: action.key }] : [];
    });
    expect(movable.length).toBeGreaterThan(5);
    const { deal, action } = movable[0]!;

    const scope = { id: companyId, name: "演示公司", role: "rep" as const };
    const moved = await applyAction(t.db, scope, deal.ownerId, {
      dealId: deal.id,
      expectedVersion: deal.version,
      action,
      now,
    });
    expect(moved.moved).toBe(true);
    expect(moved.deal.version).toBe(deal.version + 1);
    expect(moved.deal.stage).not.toBe(deal.stage);
    const events = await t.db
      .select({ action: dealEvents.action, from: dealEvents.fromStage, to: dealEvents.toStage })
      .from(dealEvents)
      .where(and(eq(dealEvents.companyId, companyId), eq(dealEvents.dealId, deal.id)))
      .orderBy(asc(dealEvents.at));
    expect(events).toHaveLength(deal.version + 1);
    expect(events.at(-1)).toEqual({ action, from: deal.stage, to: moved.deal.stage });
  });

  it("should refuse to seed twice", async () => {
    await expect(seedDemo(t.db)).rejects.toThrow();
  });
});
