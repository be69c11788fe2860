import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authenticate } from "@/lib/server/auth/authenticate";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/lib/server/seed/demo";
import { setupTestDatabase } from "../support/db";
import { callerFor } from "../support/fixtures";

const t = setupTestDatabase();

describe("the demo company", () => {
  it("should be seeded with its users, teams, process and deal histories", async () => {
    const { companyId } = await seedDemo(t.db, { now: new Date("2026-11-01T00:00:00Z") });
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

  it("should refuse to seed twice", async () => {
    await expect(seedDemo(t.db)).rejects.toThrow();
  });
});
