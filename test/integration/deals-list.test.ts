import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/roles";
import { createDeal } from "@/lib/server/deals/create-deal";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
let c: TestCompany;
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

/** Deals made here, by name, so expectations can name them. */
const made: Record<string, string> = {};

async function make(
  name: string,
  as: Role,
  options: { ownerId?: string; now?: Date; values?: Record<string, unknown> } = {},
) {
  const deal = await createDeal(t.db, { id: c.id, name: "List Co", role: as }, c.users[as].id, {
    values: { title: name, account: `${name} account`, ...options.values } as never,
    ownerId: options.ownerId,
    now: options.now,
  });
  made[name] = deal.id;
  return deal;
}

const list = (role: Role, input: Record<string, unknown> = {}) =>
  callerFor(t.db, c.users[role].id, c.id).deals.list({ limit: 200, ...input });

/** Every page of a filtered list, `limit` at a time, in order. */
async function allPages(role: Role, input: Record<string, unknown>, limit: number) {
  const ids: string[] = [];
  let cursor: { v: string | null; id: string } | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await list(role, { ...input, limit, cursor });
    ids.push(...page.items.map((d) => d.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

beforeAll(async () => {
  c = await makeCompany(t.db, "List");
  // Lead has a 3-day limit, needs analysis 14 days: ten days in lead is overdue, two is not.
  await make("Old lead", "rep", { now: daysAgo(10) });
  await make("Fresh lead", "rep", { now: daysAgo(2) });
  await make("Hot lead", "rep", {
    values: {
      budgetConfirmed: true,
      decisionMaker: "CFO",
      need: "ERP",
      expectedClose: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10),
    },
  });
  await make("Manager lead", "manager", { ownerId: c.users.manager.id, now: daysAgo(1) });
  await make("Admin old lead", "admin", { ownerId: c.users.admin.id, now: daysAgo(20) });
  // Same timestamp on purpose: the keyset must break ties by id.
  const same = daysAgo(1);
  for (let i = 0; i < 7; i++) await make(`Batch ${i}`, "rep", { now: same });
});

describe("deals.list filters", () => {
  it("should narrow to the chosen stages", async () => {
    const all = await list("admin");
    const leads = await list("admin", { stages: ["lead"] });
    expect(leads.items.length).toBeGreaterThan(0);
    expect(leads.items.every((d) => d.stage === "lead")).toBe(true);
    expect(leads.items.map((d) => d.id).sort()).toEqual(
      all.items
        .filter((d) => d.stage === "lead")
        .map((d) => d.id)
        .sort(),
    );
    const two = await list("admin", { stages: ["analysis", "won"] });
    expect(new Set(two.items.map((d) => d.stage))).toEqual(new Set(["analysis", "won"]));
    expect(two.items).toHaveLength(2);
  });

  it("should narrow to the caller's own deals with owner 'me'", async () => {
    const mine = await list("manager", { owner: "me" });
    expect(mine.items.map((d) => d.id)).toEqual([made["Manager lead"]]);
    const repMine = await list("rep", { owner: "me" });
    expect(repMine.items.every((d) => d.ownerName === "List rep")).toBe(true);
    expect(repMine.items).toHaveLength((await list("rep")).items.length);
  });

  it("should narrow to a member's deals with their id", async () => {
    const repDeals = await list("manager", { owner: c.users.rep.id });
    expect(repDeals.items.length).toBe(2 + 3 + 7);
    expect(repDeals.items.every((d) => d.ownerName === "List rep")).toBe(true);
  });

  it("should narrow by priority", async () => {
    const all = await list("admin");
    const a = await list("admin", { priorities: ["A"] });
    expect(a.items.map((d) => d.id)).toContain(made["Hot lead"]);
    expect(a.items.every((d) => d.priority === "A")).toBe(true);
    const cd = await list("admin", { priorities: ["C", "D"] });
    expect(cd.items.map((d) => d.id).sort()).toEqual(
      all.items
        .filter((d) => d.priority === "C" || d.priority === "D")
        .map((d) => d.id)
        .sort(),
    );
  });

  it("should show only deals past their stage's time limit when overdue is on", async () => {
    const overdue = await list("admin", { overdue: true });
    expect(overdue.items.map((d) => d.id).sort()).toEqual([made["Old lead"], made["Admin old lead"]].sort());
    expect(overdue.items.every((d) => d.overdue)).toBe(true);
    const all = await list("admin");
    const flagged = all.items.filter((d) => d.overdue).map((d) => d.id);
    expect(flagged.sort()).toEqual(overdue.items.map((d) => d.id).sort());
    // Two days in lead (limit three) is not overdue yet.
    expect(all.items.find((d) => d.id === made["Fresh lead"])?.overdue).toBe(false);
  });

  it("should combine filters and the search", async () => {
    const res = await list("admin", {
      stages: ["lead"],
      overdue: true,
      owner: c.users.rep.id,
      search: "old",
    });
    expect(res.items.map((d) => d.id)).toEqual([made["Old lead"]]);
    const none = await list("admin", { stages: ["analysis"], overdue: true });
    expect(none.items).toEqual([]);
  });
});

describe("deals.list filters and what a role may see", () => {
  it("should give a rep nothing when filtering by another member", async () => {
    expect((await list("rep", { owner: c.users.admin.id })).items).toEqual([]);
    expect((await list("rep", { owner: c.users.manager.id })).items).toEqual([]);
  });

  it("should keep the overdue filter within the rep's own deals", async () => {
    const overdue = await list("rep", { overdue: true });
    expect(overdue.items.map((d) => d.id)).toEqual([made["Old lead"]]);
  });

  it("should never let any filter widen what a role sees", async () => {
    const filters = [
      {},
      { stages: ["lead"] },
      { stages: ["won", "lost"] },
      { owner: c.users.admin.id },
      { owner: "me" },
      { priorities: ["A", "B", "C", "D"] },
      { overdue: true },
    ];
    for (const role of ["rep", "manager", "trainer"] as const) {
      const visible = new Set((await list(role)).items.map((d) => d.id));
      for (const filter of filters) {
        const res = await list(role, filter);
        for (const d of res.items) expect(visible.has(d.id), `${role} ${JSON.stringify(filter)}`).toBe(true);
      }
    }
  });

  it("should refuse an owner that is neither 'me' nor an id", async () => {
    await expect(list("admin", { owner: "everyone" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("deals.list pagination with filters", () => {
  it("should return every matching deal exactly once across pages", async () => {
    for (const [role, filter] of [
      ["admin", { stages: ["lead"] }],
      ["rep", { stages: ["lead"], owner: "me" }],
      ["manager", { owner: c.users.rep.id }],
      ["admin", { overdue: true }],
    ] as const) {
      const expected = (await list(role, filter)).items.map((d) => d.id);
      expect(expected.length).toBeGreaterThan(0);
      for (const limit of [1, 3, 5]) {
        const paged = await allPages(role, filter, limit);
        expect(new Set(paged).size).toBe(paged.length);
        expect(paged).toEqual(expected);
      }
    }
  });
});
