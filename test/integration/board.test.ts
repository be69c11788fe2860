import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/roles";
import { createDeal } from "@/lib/server/deals/create-deal";
import { deals, pipelineVersions } from "@/lib/server/db/schema";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
let c: TestCompany;
const DAY = 86_400_000;

const board = (role: Role) => callerFor(t.db, c.users[role].id, c.id).board.get({});

beforeAll(async () => {
  c = await makeCompany(t.db, "Board");
  // Fixture deals: rep's lead (100k) and analysis (250k), admin's won (80k, no closing date: still shown).
  const scope = (role: Role) => ({ id: c.id, name: "Board Co", role });
  await createDeal(t.db, scope("rep"), c.users.rep.id, {
    values: { title: "Rep old lead", account: "Acme", amount: 40_000 } as never,
    now: new Date(Date.now() - 10 * DAY),
  });
  await createDeal(t.db, scope("manager"), c.users.manager.id, {
    values: { title: "Manager lead", account: "Beta", amount: 60_000 } as never,
    ownerId: c.users.manager.id,
  });
  // Lost 40 days ago: off the board.
  const old = await createDeal(t.db, scope("admin"), c.users.admin.id, {
    values: { title: "Long lost", account: "Gamma", amount: 1_000 } as never,
    ownerId: c.users.admin.id,
  });
  await t.db
    .update(deals)
    .set({ stage: "lost", closedAt: new Date(Date.now() - 40 * DAY) })
    .where(eq(deals.id, old.id));
});

describe("board.get", () => {
  it("should list the running version's stages in order: open, then won and lost", async () => {
    const b = await board("admin");
    expect(b.columns.map((col) => col.key)).toEqual([
      "lead",
      "contact",
      "nurture",
      "analysis",
      "proposal",
      "negotiation",
      "won",
      "lost",
    ]);
    expect(b.version?.number).toBe(1);
  });

  it("should show a rep only their own deals", async () => {
    const b = await board("rep");
    expect(b.cards.map((d) => d.title).sort()).toEqual(["Board deal 1", "Board deal 2", "Rep old lead"]);
    expect(b.cards.every((d) => d.ownerName === "Board rep")).toBe(true);
  });

  it("should send a long column's first cards only, its figures still counting every deal", async () => {
    const all = await board("admin");
    const capped = await callerFor(t.db, c.users.admin.id, c.id).board.get({ perColumn: 1 });
    expect(capped.columns).toEqual(all.columns);
    for (const col of all.columns) {
      const sent = capped.cards.filter((d) => d.stage === col.key);
      expect(sent.length).toBe(Math.min(1, col.count));
      // The oldest in the stage come first.
      if (sent[0]) expect(sent[0].id).toBe(all.cards.find((d) => d.stage === col.key)!.id);
    }
    expect(capped.cards.length).toBeLessThan(all.cards.length);
  });

  it("should leave off deals closed more than 30 days ago", async () => {
    const b = await board("admin");
    expect(b.cards.map((d) => d.title)).not.toContain("Long lost");
    expect(b.cards.map((d) => d.title)).toContain("Board deal 3");
  });

  it("should total each column's count, amount and weighted amount", async () => {
    const b = await board("admin");
    const col = (key: string) => b.columns.find((x) => x.key === key)!;
    // Lead (5%): 100k + 40k + 60k.
    expect(col("lead")).toMatchObject({ count: 3, amount: 200_000, weightedAmount: 10_000 });
    // Analysis (25%): 250k.
    expect(col("analysis")).toMatchObject({ count: 1, amount: 250_000, weightedAmount: 62_500 });
    expect(col("won")).toMatchObject({ count: 1, amount: 80_000, weightedAmount: 80_000 });
    expect(col("lost")).toMatchObject({ count: 0, amount: 0 });
    const rep = await board("rep");
    expect(rep.columns.find((x) => x.key === "lead")).toMatchObject({ count: 2, amount: 140_000 });
  });

  it("should mark a deal past its stage's time limit as overdue, with its days in stage", async () => {
    const b = await board("rep");
    const old = b.cards.find((d) => d.title === "Rep old lead")!;
    expect(old.overdue).toBe(true);
    expect(old.daysInStage).toBe(10);
    expect(old.version).toBeGreaterThanOrEqual(1);
  });

  it("should give a stage only a pilot or retired version has a column of its own, so its deals show", async () => {
    const [published] = await t.db
      .select({ definition: pipelineVersions.definition })
      .from(pipelineVersions)
      .where(and(eq(pipelineVersions.companyId, c.id), eq(pipelineVersions.id, c.versionId)));
    // v7 called the nurture stage "incubate".
    const definition = structuredClone(published!.definition);
    for (const node of definition.nodes) if (node.data.key === "nurture") node.data.key = "incubate";
    const [v7] = await t.db
      .insert(pipelineVersions)
      .values({ companyId: c.id, pipelineId: c.pipelineId, number: 7, status: "retired", definition })
      .returning({ id: pipelineVersions.id });
    const scope = { id: c.id, name: "Board Co", role: "admin" as const };
    const deal = await createDeal(t.db, scope, c.users.admin.id, {
      values: { title: "Incubating", account: "Delta", amount: 5_000 } as never,
    });
    await t.db
      .update(deals)
      .set({ pipelineVersionId: v7!.id, stage: "incubate" })
      .where(and(eq(deals.companyId, c.id), eq(deals.id, deal.id)));

    const b = await board("admin");
    // After the published open stages, before won and lost.
    expect(b.columns.map((col) => col.key)).toEqual([
      "lead",
      "contact",
      "nurture",
      "analysis",
      "proposal",
      "negotiation",
      "incubate",
      "won",
      "lost",
    ]);
    expect(b.columns.find((col) => col.key === "incubate")).toMatchObject({
      onlyIn: [7],
      count: 1,
      amount: 5_000,
    });
    expect(b.columns.find((col) => col.key === "nurture")?.onlyIn).toBeUndefined();
    expect(b.cards.find((card) => card.id === deal.id)).toMatchObject({
      stage: "incubate",
      versionNumber: 7,
    });
    // The versions the board's deals run on, and the board of one of them.
    expect(b.versions.map((v) => [v.number, v.status, v.count])).toEqual([
      [7, "retired", 1],
      [1, "published", b.cards.length - 1],
    ]);
    const api = callerFor(t.db, c.users.admin.id, c.id).board;
    const onV7 = await api.get({ versionId: v7!.id });
    expect(onV7.cards.map((card) => card.id)).toEqual([deal.id]);
    expect(onV7.columns.find((col) => col.key === "incubate")?.count).toBe(1);
    expect(onV7.columns.filter((col) => col.count > 0).map((col) => col.key)).toEqual(["incubate"]);
    const onV1 = await api.get({ versionId: c.versionId });
    expect(onV1.cards.map((card) => card.id)).not.toContain(deal.id);
    expect(onV1.columns.map((col) => col.key)).not.toContain("incubate");
    // A rep who cannot see the deal gets no such column.
    expect((await board("rep")).columns.map((col) => col.key)).not.toContain("incubate");
  });
});
