import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/roles";
import { deals, teams } from "@/lib/server/db/schema";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
let c: TestCompany;
let other: TestCompany;
let otherTeamId: string;
const DAY = 86_400_000;
const at = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * DAY);
const ids: Record<string, string> = {};

type Row = {
  title: string;
  account?: string;
  amount?: number | null;
  stage?: string;
  priority?: string | null;
  owner?: Role;
  team?: "main" | "other" | null;
  fields?: Record<string, string>;
  created?: number;
  updated?: number;
};

/** Deals with exactly these values, straight into the table (the list only reads them). */
async function insert(rows: Row[]) {
  const inserted = await t.db
    .insert(deals)
    .values(
      rows.map((r) => ({
        companyId: c.id,
        pipelineId: c.pipelineId,
        pipelineVersionId: c.versionId,
        title: r.title,
        account: r.account ?? "Acme",
        amount: r.amount === undefined ? 1000 : r.amount,
        stage: r.stage ?? "lead",
        priority: r.priority === undefined ? "C" : r.priority,
        ownerId: c.users[r.owner ?? "rep"].id,
        teamId: r.team === null ? null : r.team === "other" ? otherTeamId : c.teamId,
        fields: r.fields ?? {},
        createdAt: at(r.created ?? 0),
        updatedAt: at(r.updated ?? 0),
        stageEnteredAt: new Date(),
      })),
    )
    .returning({ id: deals.id, title: deals.title });
  for (const d of inserted) ids[d.title] = d.id;
}

const caller = (role: Role) => callerFor(t.db, c.users[role].id, c.id);
const list = (role: Role, input: Record<string, unknown> = {}) =>
  caller(role).deals.list({ limit: 200, ...input });
const titles = async (role: Role, input: Record<string, unknown> = {}) =>
  (await list(role, input)).items.map((d) => d.title).filter((x) => !x.startsWith("Sort deal "));
const count = async (role: Role, input: Record<string, unknown> = {}) =>
  (await caller(role).deals.count(input)).count;

async function allPages(role: Role, input: Record<string, unknown>, limit: number) {
  const out: string[] = [];
  let cursor: { v: string | null; id: string } | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const page = await list(role, { ...input, limit, cursor });
    out.push(...page.items.map((d) => d.id));
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

beforeAll(async () => {
  c = await makeCompany(t.db, "Sort");
  other = await makeCompany(t.db, "Elsewhere");
  const [team] = await t.db
    .insert(teams)
    .values({ companyId: c.id, name: "Other team", managerId: null })
    .returning({ id: teams.id });
  otherTeamId = team!.id;
  await insert([
    {
      title: "华为云迁移",
      account: "华为技术有限公司",
      amount: 500_000,
      stage: "analysis",
      priority: "A",
      fields: {
        industry: "internet",
        region: "south",
        source: "referral",
        contact: "张伟",
        expectedClose: "2026-03-15",
      },
      created: 1,
      updated: 10,
    },
    {
      title: "ERP upgrade",
      account: "Shanghai Steel",
      amount: 120_000,
      priority: "B",
      fields: {
        industry: "manufacturing",
        region: "east",
        source: "website",
        contact: "Li Na",
        expectedClose: "2026-02-01",
      },
      created: 2,
      updated: 9,
    },
    {
      title: "Branch rollout",
      account: "华为终端",
      amount: 120_000,
      priority: null,
      owner: "manager",
      fields: { industry: "finance", region: "north", source: "exhibition", expectedClose: "2026-02-01" },
      created: 3,
      updated: 8,
    },
    {
      title: "Clinic CRM",
      account: "Ruijin Hospital",
      amount: null,
      stage: "won",
      priority: "D",
      owner: "admin",
      team: null,
      fields: { industry: "healthcare", region: "east", source: "partner", contact: "王芳" },
      created: 4,
      updated: 7,
    },
    {
      title: "Other team deal",
      account: "Zeta",
      amount: 80_000,
      owner: "admin",
      team: "other",
      fields: { industry: "retail", region: "west", source: "coldCall", expectedClose: "2026-05-20" },
      created: 5,
      updated: 6,
    },
  ]);
  // Ties on every sort: same amount, account, dates, priority; only the id tells them apart.
  await insert(
    Array.from({ length: 9 }, (_, i) => ({
      title: `Sort deal ${i % 3}`,
      account: "Tie Co",
      amount: i % 2 ? 50_000 : null,
      priority: i % 4 ? "B" : null,
      fields: (i % 2 ? { expectedClose: "2026-04-01" } : {}) as Record<string, string>,
      created: 20,
      updated: 20,
    })),
  );
});

describe("deals.list filters over the deal fields", () => {
  it("should narrow by industry, region and source, and by several values of one", async () => {
    expect(await titles("admin", { industry: ["internet"] })).toEqual(["华为云迁移"]);
    expect((await titles("admin", { region: ["east"] })).sort()).toEqual(["Clinic CRM", "ERP upgrade"]);
    expect((await titles("admin", { source: ["referral", "partner"] })).sort()).toEqual([
      "Clinic CRM",
      "华为云迁移",
    ]);
    expect(await titles("admin", { region: ["east"], source: ["website"] })).toEqual(["ERP upgrade"]);
  });

  it("should narrow by pipeline, team, owner and priority", async () => {
    expect(await titles("admin", { teamId: otherTeamId })).toEqual(["Other team deal"]);
    expect(await titles("admin", { owner: c.users.manager.id })).toEqual(["Branch rollout"]);
    expect((await list("admin", { pipelineId: c.pipelineId })).items.length).toBe(3 + 5 + 9);
    expect((await list("admin", { pipelineId: other.pipelineId })).items).toEqual([]);
    expect(await titles("admin", { priorities: ["A", "D"], stages: ["won"] })).toEqual(["Clinic CRM"]);
  });

  it("should narrow by an amount range, both ends inclusive, leaving out deals without an amount", async () => {
    expect((await titles("admin", { amountMin: 120_000, amountMax: 120_000 })).sort()).toEqual([
      "Branch rollout",
      "ERP upgrade",
    ]);
    expect((await titles("admin", { amountMin: 200_000 })).sort()).toEqual(["华为云迁移"]);
    const upTo = await list("admin", { amountMax: 100_000 });
    expect(upTo.items.every((d) => d.amount !== null && d.amount <= 100_000)).toBe(true);
    await expect(list("admin", { amountMin: 5, amountMax: 1 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("should narrow by expected close, created and updated dates, whole days inclusive", async () => {
    expect((await titles("admin", { closeFrom: "2026-02-01", closeTo: "2026-02-01" })).sort()).toEqual([
      "Branch rollout",
      "ERP upgrade",
    ]);
    expect(await titles("admin", { closeFrom: "2026-05-01" })).toEqual(["Other team deal"]);
    // Created on day 1 and 2 of 2026 (Jan 2 and 3).
    expect((await titles("admin", { createdFrom: "2026-01-02", createdTo: "2026-01-03" })).sort()).toEqual([
      "ERP upgrade",
      "华为云迁移",
    ]);
    expect((await titles("admin", { updatedTo: "2026-01-08" })).sort()).toEqual([
      "Clinic CRM",
      "Other team deal",
    ]);
    await expect(list("admin", { closeFrom: "next week" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("deals.list search", () => {
  it("should find Chinese text in the title, the account and the contact", async () => {
    expect((await titles("admin", { search: "华为" })).sort()).toEqual(["Branch rollout", "华为云迁移"]);
    expect(await titles("admin", { search: "云迁移" })).toEqual(["华为云迁移"]);
    expect(await titles("admin", { search: "张伟" })).toEqual(["华为云迁移"]);
    expect(await titles("admin", { search: "王" })).toEqual(["Clinic CRM"]);
    expect(await titles("admin", { search: "终端" })).toEqual(["Branch rollout"]);
    // The characters must come in this order, not only all be there.
    expect(await titles("admin", { search: "为华" })).toEqual([]);
  });

  it("should match Latin text in any case, and treat % and _ as plain characters", async () => {
    expect(await titles("admin", { search: "shanghai STEEL" })).toEqual(["ERP upgrade"]);
    expect(await titles("admin", { search: "li na" })).toEqual(["ERP upgrade"]);
    expect(await titles("admin", { search: "%" })).toEqual([]);
    expect(await titles("admin", { search: "E_P" })).toEqual([]);
  });

  it("should search only what the caller may see", async () => {
    // The rep sees their own deals (the company does not share team deals): not the manager's.
    expect(await titles("rep", { search: "华为" })).toEqual(["华为云迁移"]);
    expect(await count("rep", { search: "华为" })).toBe(1);
  });
});

describe("deals.list sorting", () => {
  const sorts = [
    "title",
    "account",
    "amount",
    "stage",
    "priority",
    "expectedClose",
    "owner",
    "updated",
    "created",
  ] as const;

  it("should page through every sort in both directions, each deal exactly once, despite ties", async () => {
    for (const key of sorts) {
      for (const dir of ["asc", "desc"] as const) {
        const whole = (await list("admin", { sort: { key, dir } })).items.map((d) => d.id);
        expect(whole.length).toBe(3 + 5 + 9);
        for (const limit of [1, 4]) {
          const paged = await allPages("admin", { sort: { key, dir } }, limit);
          expect(paged, `${key} ${dir} by ${limit}`).toEqual(whole);
        }
      }
    }
  });

  it("should order by the value, deals without one last in either direction", async () => {
    const amounts = async (dir: "asc" | "desc") =>
      (await list("admin", { sort: { key: "amount", dir } })).items.map((d) => d.amount);
    const asc = await amounts("asc");
    const filled = asc.filter((a) => a !== null) as number[];
    expect(filled).toEqual([...filled].sort((a, b) => a - b));
    expect(asc.slice(filled.length).every((a) => a === null)).toBe(true);
    const desc = await amounts("desc");
    expect(desc[0]).toBe(500_000);
    expect(desc.at(-1)).toBeNull();

    const close = (await list("admin", { sort: { key: "expectedClose", dir: "asc" } })).items;
    expect(close.slice(0, 3).map((d) => d.expectedClose)).toEqual(["2026-02-01", "2026-02-01", "2026-03-15"]);
    expect(close.at(-1)?.expectedClose).toBeNull();

    const priorities = (await list("admin", { sort: { key: "priority", dir: "asc" } })).items.map(
      (d) => d.priority,
    );
    expect(priorities[0]).toBe("A");
    expect(priorities.at(-1)).toBeNull();
  });

  it("should sort stages in the pipeline's order, not alphabetically", async () => {
    const stages = (await list("admin", { sort: { key: "stage", dir: "asc" } })).items.map((d) => d.stage);
    expect(stages.indexOf("lead")).toBeLessThan(stages.indexOf("analysis"));
    expect(stages.lastIndexOf("analysis")).toBeLessThan(stages.indexOf("won"));
  });

  it("should keep a sort and the filters together across pages", async () => {
    const filter = { search: "Tie", sort: { key: "amount", dir: "desc" } } as const;
    const whole = (await list("admin", filter)).items.map((d) => d.id);
    expect(whole).toHaveLength(9);
    expect(await allPages("admin", filter, 2)).toEqual(whole);
  });

  it("should refuse an unknown sort or a forged cursor value with a clear error, not a 500", async () => {
    await expect(list("admin", { sort: { key: "fields", dir: "asc" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      list("admin", {
        sort: { key: "title", dir: "asc" },
        cursor: { v: "x".repeat(600), id: ids["ERP upgrade"] },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("deals.count", () => {
  it("should count what the list shows, with the same filters and visibility", async () => {
    for (const [role, filter] of [
      ["admin", {}],
      ["admin", { region: ["east"] }],
      ["admin", { search: "华为", amountMin: 1 }],
      ["manager", {}],
      ["rep", { priorities: ["B"] }],
      ["rep", { owner: c.users.admin.id }],
    ] as const) {
      expect(await count(role, filter), `${role} ${JSON.stringify(filter)}`).toBe(
        (await list(role, filter)).items.length,
      );
    }
    // The deal of another team is the admin's: the manager of this team does not see it.
    expect(await count("manager", { teamId: otherTeamId })).toBe(0);
    expect(await count("admin", { teamId: otherTeamId })).toBe(1);
  });

  it("should count nothing of another company", async () => {
    expect(await callerFor(t.db, other.users.admin.id, other.id).deals.count({ search: "华为" })).toEqual({
      count: 0,
    });
  });
});
