import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import {
  dealEvents,
  deals,
  notifications,
  pipelines,
  pipelineVersions,
  versionAuditEvents,
  versionMigrationDeals,
  versionMigrations,
} from "@/lib/server/db/schema";
import { createDeal } from "@/lib/server/deals/create-deal";
import { resumeStalledMigrations } from "@/lib/server/jobs/migrations";
import { startWorker } from "@/lib/server/jobs/worker";
import { runMigration } from "@/lib/server/migrations/run";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { defaultProcess } from "@/workflows/templates/default-process";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
const en = translator("en");
const DAY = 86_400_000;

type Failure = { code?: string; key?: string; text?: string; details?: Record<string, unknown> };
async function failure(p: Promise<unknown>): Promise<Failure> {
  return p.then(
    () => ({ code: "ok" }),
    (e: {
      code?: string;
      cause?: { key?: string; values?: Record<string, string | number>; details?: Record<string, unknown> };
    }) => ({
      code: e.code,
      key: e.cause?.key,
      text: e.cause?.key ? en(`errors.${e.cause.key}` as never, e.cause.values as never) : undefined,
      details: e.cause?.details,
    }),
  );
}

/**
 * v2 of the default process: Needs analysis keeps its name under a new key ("discovery"), Nurture
 * becomes "Incubate" (nothing to suggest), and Initial contact asks for a budget to move on.
 */
function version2(): PipelineDefinition {
  const d = structuredClone(defaultProcess);
  for (const n of d.nodes) {
    if (n.data.key === "analysis") n.data = { ...n.data, key: "discovery" };
    if (n.data.key === "nurture")
      n.data = { ...n.data, key: "incubate", name: { zh: "孵化", en: "Incubate" } };
    if (n.data.kind === "stage" && n.data.key === "contact")
      n.data = { ...n.data, requiredFields: ["budget"] };
  }
  return d;
}

const MAPPING = {
  lead: "lead",
  contact: "contact",
  nurture: "incubate",
  analysis: "discovery",
  proposal: "proposal",
  negotiation: "negotiation",
  discountApproval: "discountApproval",
  bigDealApproval: "bigDealApproval",
};

type Setup = {
  c: TestCompany;
  trainer: ReturnType<typeof callerFor>;
  v1: string;
  v2: string;
};

/** A company with v1 published and v2 piloted (not yet rolled out). */
async function setup(label: string): Promise<Setup> {
  const c = await makeCompany(t.db, label);
  const trainer = callerFor(t.db, c.users.trainer.id, c.id);
  const { versionId } = await trainer.versions.newDraft({ versionId: c.versionId });
  const draft = await trainer.editor.version({ versionId });
  await trainer.editor.saveDraft({ versionId, expectedRevision: draft.revision, definition: version2() });
  const saved = await trainer.editor.version({ versionId });
  await trainer.versions.startPilot({
    versionId,
    expectedRevision: saved.revision,
    teamIds: [c.teamId],
    startsAt: new Date(Date.now() - DAY),
    endsAt: null,
    note: "Try v2",
  });
  // The fixture's won deal was inserted without its close date; close it properly.
  await t.db
    .update(deals)
    .set({ closedAt: new Date() })
    .where(and(eq(deals.companyId, c.id), eq(deals.stage, "won")));
  return { c, trainer, v1: c.versionId, v2: versionId };
}

/** Open deals on v1 in `stage`, created through the engine, then placed there. */
async function dealsIn(
  s: Setup,
  stage: string,
  n: number,
  values: Record<string, unknown> = {},
  label = stage,
) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const deal = await createDeal(t.db, { id: s.c.id, name: "", role: "admin" }, s.c.users.admin.id, {
      pipelineId: s.c.pipelineId,
      values: { title: `${label} ${i}`, account: "ACME", ...values } as never,
      ownerId: s.c.users.admin.id,
    });
    ids.push(deal.id);
  }
  if (stage !== "lead")
    await t.db
      .update(deals)
      .set({ stage, snapshot: null, stageEnteredAt: new Date(Date.now() - 2 * DAY) })
      .where(and(eq(deals.companyId, s.c.id), inArray(deals.id, ids)));
  return ids;
}

async function versionOfDeals(companyId: string, ids: string[]) {
  return t.db
    .select({ id: deals.id, versionId: deals.pipelineVersionId, stage: deals.stage, version: deals.version })
    .from(deals)
    .where(and(eq(deals.companyId, companyId), inArray(deals.id, ids)))
    .orderBy(asc(deals.id));
}

async function eventsOf(companyId: string, type: string) {
  return t.db
    .select()
    .from(dealEvents)
    .where(and(eq(dealEvents.companyId, companyId), eq(dealEvents.type, type)))
    .orderBy(asc(dealEvents.id));
}

async function migrationRow(companyId: string, id: string) {
  const [row] = await t.db
    .select()
    .from(versionMigrations)
    .where(and(eq(versionMigrations.companyId, companyId), eq(versionMigrations.id, id)));
  return row!;
}

describe("planning a migration", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup("Plan");
    await dealsIn(s, "nurture", 2);
    // Qualified and complete (v2's Initial contact asks for a budget on the way): nothing missing in Discovery.
    await dealsIn(
      s,
      "analysis",
      1,
      {
        budgetConfirmed: true,
        budget: 60_000,
        decisionMaker: "Ms Li",
        need: "ERP",
        expectedClose: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10),
        painPoints: "Slow",
        competitors: ["rivalA"],
      },
      "qualified",
    );
    // Not qualified: could not have entered Discovery.
    await dealsIn(s, "analysis", 1, {}, "unqualified");
    await dealsIn(s, "contact", 1);
  });

  it("should suggest targets by key, then by name, and leave the rest to the trainer", async () => {
    const plan = await s.trainer.migrations.plan({ fromVersionId: s.v1, toVersionId: s.v2 });
    const by = new Map(plan.suggestions.map((x) => [x.from, x]));
    expect(by.get("lead")).toEqual({ from: "lead", to: "lead", by: "key" });
    expect(by.get("analysis")).toEqual({ from: "analysis", to: "discovery", by: "name" });
    expect(by.get("nurture")).toEqual({ from: "nurture", to: null, by: null });
    const counts = Object.fromEntries(plan.from.states.map((x) => [x.key, x.deals]));
    // The fixture's lead and analysis deals, plus ours; the won deal is not open.
    expect(counts).toMatchObject({ lead: 1, nurture: 2, analysis: 3, contact: 1 });
    expect(plan.total).toBe(7);
    expect(plan.to.states.map((x) => x.key)).toContain("incubate");
    expect(plan.to.states.map((x) => x.key)).not.toContain("won");
  });

  it("should count the moves and list the deals that would lack something, writing nothing", async () => {
    const before = await t.db
      .select({ id: deals.id, version: deals.version })
      .from(deals)
      .where(eq(deals.companyId, s.c.id));
    const { nurture: _n, ...partial } = MAPPING;
    const run = await s.trainer.migrations.dryRun({
      fromVersionId: s.v1,
      toVersionId: s.v2,
      mapping: partial,
    });
    expect(run.total).toBe(7);
    expect(run.unmapped).toBe(2);
    expect(run.moves).toEqual(
      expect.arrayContaining([
        { from: "analysis", to: "discovery", count: 3 },
        { from: "nurture", to: null, count: 2 },
        { from: "contact", to: "contact", count: 1 },
      ]),
    );
    const titles = new Map(run.issues.map((d) => [d.title, d]));
    expect(titles.get("qualified 0")).toBeUndefined();
    // Not qualified: the BANT rule on the way in is not met, and pains and competitors are missing to move on.
    const unqualified = titles.get("unqualified 0")!;
    expect(unqualified).toMatchObject({
      from: "analysis",
      to: "discovery",
      exitMissing: ["painPoints", "competitors"],
    });
    expect(unqualified.entryUnmet.map((u) => u.en).join(" ")).toMatch(/Decision maker/);
    // Initial contact now asks for a budget to move on, and entering it from the lead asks for the lead's fields.
    const contact = titles.get("contact 0")!;
    expect(contact.exitMissing).toEqual(["budget"]);
    // What v2 brings, as opposed to what the deals already lacked on v1.
    expect(contact.added).toEqual({ exitMissing: ["budget"], entryMissing: [], entryUnmet: [] });
    expect(unqualified.added).toEqual({ exitMissing: [], entryMissing: ["budget"], entryUnmet: [] });
    // The two and the fixture's analysis deal, which lacks a budget too.
    expect(run.withAdded).toBe(3);
    // Deals with something new come first.
    expect(run.issues.slice(0, 3).every((d) => d.added)).toBe(true);
    expect(run.withIssues).toBe(run.issues.length);
    expect(run.fields.find((f) => f.key === "budget")?.name.en).toBe("Budget");
    const after = await t.db
      .select({ id: deals.id, version: deals.version })
      .from(deals)
      .where(eq(deals.companyId, s.c.id));
    expect(after).toEqual(expect.arrayContaining(before));
    expect(await eventsOf(s.c.id, "migrated")).toHaveLength(0);
  });

  it("should refuse to start while a stage holding open deals has no target", async () => {
    const { nurture: _n, ...partial } = MAPPING;
    const refused = await failure(
      s.trainer.versions.promote({ versionId: s.v2, note: "Roll out", migrate: { mapping: partial } }),
    );
    expect(refused).toMatchObject({ code: "BAD_REQUEST", key: "migrations.unmapped" });
    expect(refused.text).toBe("1 stage holding open deals has no target stage yet: choose one for each.");
    // The rollout itself did not happen either: one transaction.
    const [v2] = await t.db
      .select({ status: pipelineVersions.status })
      .from(pipelineVersions)
      .where(and(eq(pipelineVersions.companyId, s.c.id), eq(pipelineVersions.id, s.v2)));
    expect(v2!.status).toBe("pilot");
  });

  it("should refuse a closed stage as a target", async () => {
    const refused = await failure(
      s.trainer.migrations.dryRun({
        fromVersionId: s.v1,
        toVersionId: s.v2,
        mapping: { ...MAPPING, lead: "won" },
      }),
    );
    // The dry run shows an unknown target as unmapped; starting refuses it.
    expect(refused.code).toBe("ok");
    const start = await failure(
      s.trainer.migrations.start({
        fromVersionId: s.v1,
        toVersionId: s.v2,
        mapping: { ...MAPPING, lead: "won" },
        note: "x",
      }),
    );
    // v2 is only a pilot: a migration on its own goes to the published version.
    expect(start).toMatchObject({ code: "BAD_REQUEST", key: "migrations.targetNotLive" });
  });
});

describe("rolling out with migration", () => {
  let s: Setup;
  let open: string[];
  let migrationId: string;
  let lostId: string;

  beforeAll(async () => {
    s = await setup("Rollout");
    open = [
      ...(await dealsIn(s, "lead", 3, { industry: "retail", region: "east", source: "website" })),
      ...(await dealsIn(s, "nurture", 2)),
      ...(await dealsIn(s, "analysis", 2)),
      ...(await dealsIn(s, "contact", 1)),
    ];
    const [lost] = await dealsIn(s, "lost", 1);
    lostId = lost!;
    await t.db
      .update(deals)
      .set({ closedAt: new Date() })
      .where(and(eq(deals.companyId, s.c.id), eq(deals.id, lostId)));
    open.push(s.c.dealIds[0]!, s.c.dealIds[1]!);
  });

  it("should roll out v2 and start the migration in one step, audited", async () => {
    const out = await s.trainer.versions.promote({
      versionId: s.v2,
      note: "Everyone on v2",
      migrate: { mapping: MAPPING },
    });
    expect(out.migration).toMatchObject({ total: open.length });
    migrationId = out.migration!.migrationId;
    const row = await migrationRow(s.c.id, migrationId);
    expect(row).toMatchObject({
      status: "queued",
      viaRollout: true,
      total: open.length,
      note: "Everyone on v2",
    });
    // The job is on the queue.
    const jobs = await t.db.execute<{ key: string }>(
      sql`select key from graphile_worker._private_jobs where key = ${`versionMigration:${s.c.id}:${migrationId}`}`,
    );
    expect([...jobs]).toHaveLength(1);
    // A second migration of the pipeline waits for this one.
    const again = await failure(
      s.trainer.migrations.start({ fromVersionId: s.v1, toVersionId: s.v2, mapping: MAPPING, note: "again" }),
    );
    expect(again).toMatchObject({ code: "CONFLICT", key: "migrations.alreadyRunning" });
  });

  it("should move every open deal exactly once, with its event, leaving closed deals alone", async () => {
    const before = new Map((await versionOfDeals(s.c.id, open)).map((d) => [d.id, d]));
    expect(await runMigration(t.db, { companyId: s.c.id, migrationId }, { batchSize: 4 })).toBe("done");
    const after = await versionOfDeals(s.c.id, open);
    for (const d of after) {
      expect(d.versionId).toBe(s.v2);
      const from = before.get(d.id)!.stage;
      expect(d.stage).toBe(MAPPING[from as keyof typeof MAPPING]);
      expect(d.version).toBe(before.get(d.id)!.version + 1);
    }
    const events = await eventsOf(s.c.id, "migrated");
    expect(events.map((e) => e.dealId).sort()).toEqual([...open].sort());
    const analysis = events.find((e) => e.fromStage === "analysis")!;
    expect(analysis).toMatchObject({
      toStage: "discovery",
      actorId: s.c.users.trainer.id,
      pipelineVersionId: s.v2,
      changes: { pipelineVersion: { from: 1, to: 2 } },
      comment: "Everyone on v2",
    });
    const closed = await versionOfDeals(s.c.id, [lostId, s.c.dealIds[2]!]);
    expect(closed.every((d) => d.versionId === s.v1)).toBe(true);
    const row = await migrationRow(s.c.id, migrationId);
    expect(row).toMatchObject({ status: "done", migrated: open.length, skipped: 0 });
    const ledger = await t.db
      .select()
      .from(versionMigrationDeals)
      .where(eq(versionMigrationDeals.migrationId, migrationId));
    expect(ledger).toHaveLength(open.length);
    const audit = await t.db
      .select({ action: versionAuditEvents.action, details: versionAuditEvents.details })
      .from(versionAuditEvents)
      .where(eq(versionAuditEvents.companyId, s.c.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["rolledOut", "migrationStarted", "migrationFinished"]),
    );
    expect(audit.find((a) => a.action === "migrationFinished")?.details).toMatchObject({
      migrated: open.length,
    });
  });

  it("should keep a stay that keeps its stage key, and start a new one otherwise, with the time limits", async () => {
    const [lead] = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, s.c.id), eq(deals.id, open[0]!)));
    const [created] = await t.db
      .select({ at: dealEvents.at })
      .from(dealEvents)
      .where(and(eq(dealEvents.dealId, open[0]!), eq(dealEvents.type, "created")));
    // The lead stay began at creation and goes on; its 3-day limit is scheduled on v2's machine.
    expect(lead!.stageEnteredAt.getTime()).toBe(created!.at.getTime());
    const jobs = await t.db.execute<{
      key: string;
      run_at: Date;
      payload: { stage: string; enteredAt: string };
    }>(
      sql`select key, run_at, payload from graphile_worker._private_jobs where key like ${`%:${open[0]}:%`}`,
    );
    expect([...jobs]).toHaveLength(1);
    expect([...jobs][0]!.payload).toMatchObject({
      stage: "lead",
      enteredAt: lead!.stageEnteredAt.toISOString(),
    });
    expect(new Date([...jobs][0]!.run_at).getTime()).toBe(lead!.stageEnteredAt.getTime() + 3 * DAY);
    // Nurture → Incubate is a new stage: entered at the migration, its limit counted from then.
    const nurtured = (await versionOfDeals(s.c.id, open)).find((d) => d.stage === "incubate")!;
    const [row] = await t.db.select().from(deals).where(eq(deals.id, nurtured.id));
    const [event] = await t.db
      .select({ at: dealEvents.at })
      .from(dealEvents)
      .where(and(eq(dealEvents.dealId, nurtured.id), eq(dealEvents.type, "migrated")));
    expect(row!.stageEnteredAt.getTime()).toBe(event!.at.getTime());
    // Nurture's 90-day limit is gone; Incubate's runs from the migration. (The deal was put in
    // Nurture by hand above, so its Lead job from creation is still there: not the migration's.)
    const nurtureJobs = [
      ...(await t.db.execute<{ run_at: Date; payload: { stage: string } }>(
        sql`select run_at, payload from graphile_worker._private_jobs where key like ${`%:${nurtured.id}:%`}`,
      )),
    ].filter((j) => j.payload.stage !== "lead");
    expect(nurtureJobs).toHaveLength(1);
    expect(nurtureJobs[0]!.payload.stage).toBe("incubate");
    expect(new Date(nurtureJobs[0]!.run_at).getTime()).toBe(event!.at.getTime() + 90 * DAY);
  });

  it("should refuse a rep's action on a deal's old version (it changed under them)", async () => {
    const rep = callerFor(t.db, s.c.users.admin.id, s.c.id);
    const refused = await failure(
      rep.deals.applyAction({ dealId: open[0]!, expectedVersion: 1, action: "startContact" }),
    );
    expect(refused.code).toBe("CONFLICT");
  });

  it("should refuse to roll back once a migrated deal has moved, naming it", async () => {
    const admin = callerFor(t.db, s.c.users.admin.id, s.c.id);
    const [deal] = await versionOfDeals(s.c.id, [open[0]!]);
    await admin.deals.applyAction({
      dealId: open[0]!,
      expectedVersion: deal!.version,
      action: "startContact",
    });
    const refused = await failure(s.trainer.migrations.rollback({ migrationId, note: "Undo" }));
    expect(refused).toMatchObject({ code: "CONFLICT", key: "migrations.movedSince" });
    expect(refused.text).toBe(
      "1 deal has moved since the migration, so it can no longer be rolled back: “lead 0”.",
    );
    expect(refused.details).toMatchObject({ deals: [{ id: open[0], title: "lead 0" }] });
    // Nothing was rolled back.
    expect(await eventsOf(s.c.id, "migrationRolledBack")).toHaveLength(0);
    expect((await migrationRow(s.c.id, migrationId)).status).toBe("done");
  });

  it("should have nothing left to migrate: a second run and a second start find no deal", async () => {
    expect(await runMigration(t.db, { companyId: s.c.id, migrationId })).toBe("done");
    const again = await failure(
      s.trainer.migrations.start({ fromVersionId: s.v1, toVersionId: s.v2, mapping: MAPPING, note: "again" }),
    );
    expect(again).toMatchObject({ code: "BAD_REQUEST", key: "migrations.nothingToMigrate" });
    expect(await eventsOf(s.c.id, "migrated")).toHaveLength(open.length);
  });
});

describe("rolling a migration back", () => {
  let s: Setup;
  let open: string[];
  let migrationId: string;
  let before: Map<string, typeof deals.$inferSelect>;

  beforeAll(async () => {
    s = await setup("Rollback");
    open = [...(await dealsIn(s, "nurture", 3)), ...(await dealsIn(s, "analysis", 2))];
    before = new Map(
      (await t.db.select().from(deals).where(eq(deals.companyId, s.c.id))).map((d) => [d.id, d]),
    );
    const out = await s.trainer.versions.promote({
      versionId: s.v2,
      note: "v2",
      migrate: { mapping: MAPPING },
    });
    migrationId = out.migration!.migrationId;
    await runMigration(t.db, { companyId: s.c.id, migrationId });
  });

  it("should put every deal back on the old version, in its stage and stay, with an event", async () => {
    // A field edited since the migration does not move the deal: the rollback is allowed.
    const admin = callerFor(t.db, s.c.users.admin.id, s.c.id);
    const [one] = await versionOfDeals(s.c.id, [open[0]!]);
    await admin.deals.update({ dealId: open[0]!, expectedVersion: one!.version, changes: { need: "CRM" } });

    const out = await s.trainer.migrations.rollback({ migrationId, note: "Back to v1 until training" });
    expect(out.restored).toBe(open.length + 2);
    for (const id of open) {
      const [d] = await t.db.select().from(deals).where(eq(deals.id, id));
      const was = before.get(id)!;
      expect(d).toMatchObject({ pipelineVersionId: s.v1, stage: was.stage });
      expect(d!.stageEnteredAt.getTime()).toBe(was.stageEnteredAt.getTime());
    }
    const events = await eventsOf(s.c.id, "migrationRolledBack");
    expect(events).toHaveLength(open.length + 2);
    expect(events.find((e) => e.dealId === open[0])).toMatchObject({
      fromStage: "incubate",
      toStage: "nurture",
      pipelineVersionId: s.v1,
      actorId: s.c.users.trainer.id,
      changes: { pipelineVersion: { from: 2, to: 1 } },
    });
    const row = await migrationRow(s.c.id, migrationId);
    expect(row).toMatchObject({
      status: "rolledBack",
      rolledBackBy: s.c.users.trainer.id,
      rollbackNote: "Back to v1 until training",
    });
    const [audit] = await t.db
      .select()
      .from(versionAuditEvents)
      .where(
        and(eq(versionAuditEvents.companyId, s.c.id), eq(versionAuditEvents.action, "migrationRolledBack")),
      );
    expect(audit).toMatchObject({
      note: "Back to v1 until training",
      details: { restored: open.length + 2 },
    });
    // The deals run on v1 again: a rep acts on them with v1's actions.
    const [nurtured] = await versionOfDeals(s.c.id, [open[0]!]);
    await admin.deals.applyAction({
      dealId: open[0]!,
      expectedVersion: nurtured!.version,
      action: "reEngage",
    });
  });

  it("should refuse a second rollback", async () => {
    const again = await failure(s.trainer.migrations.rollback({ migrationId, note: "again" }));
    expect(again).toMatchObject({ code: "CONFLICT", key: "migrations.alreadyRolledBack" });
  });
});

describe("a migration stopped half way through a batch", () => {
  it("should resume after the last committed batch: every deal moved once, events consistent", async () => {
    const s = await setup("Crash");
    const ids = await dealsIn(s, "nurture", 30);
    const out = await s.trainer.versions.promote({
      versionId: s.v2,
      note: "v2",
      migrate: { mapping: MAPPING },
    });
    const migrationId = out.migration!.migrationId;
    const total = ids.length + 2;
    // The worker dies in the third batch of 7, after its deals were written but before it committed.
    const crash = (moved: number) => {
      if (moved > 14) throw new Error("worker killed");
    };
    await expect(
      runMigration(t.db, { companyId: s.c.id, migrationId }, { batchSize: 7, beforeCommit: crash }),
    ).rejects.toThrow("worker killed");
    const half = await migrationRow(s.c.id, migrationId);
    expect(half).toMatchObject({ status: "running", migrated: 14 });
    const onV2 = await t.db
      .select({ id: deals.id })
      .from(deals)
      .where(and(eq(deals.companyId, s.c.id), eq(deals.pipelineVersionId, s.v2)))
      .orderBy(asc(deals.id));
    expect(onV2).toHaveLength(14);
    // The cursor is the last deal of the second batch: the deals before it are exactly those moved.
    expect(onV2[onV2.length - 1]!.id).toBe(half.cursor);
    expect(await eventsOf(s.c.id, "migrated")).toHaveLength(14);

    expect(await runMigration(t.db, { companyId: s.c.id, migrationId }, { batchSize: 7 })).toBe("done");
    const events = await eventsOf(s.c.id, "migrated");
    expect(events).toHaveLength(total);
    expect(new Set(events.map((e) => e.dealId)).size).toBe(total);
    const ledger = await t.db
      .select({ dealId: versionMigrationDeals.dealId, eventId: versionMigrationDeals.eventId })
      .from(versionMigrationDeals)
      .where(eq(versionMigrationDeals.migrationId, migrationId));
    expect(ledger).toHaveLength(total);
    // Every ledger row names its deal's one migrated event.
    const eventOf = new Map(events.map((e) => [e.dealId, e.id]));
    for (const l of ledger) expect(l.eventId).toBe(eventOf.get(l.dealId));
    expect(await migrationRow(s.c.id, migrationId)).toMatchObject({ status: "done", migrated: total });
  });
});

describe("a worker process killed half way through a batch", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill("SIGKILL");
  });

  it("should leave no deal half moved, and a restarted worker should finish: every deal moved once", async () => {
    const s = await setup("Killed");
    const ids = await dealsIn(s, "nurture", 45);
    const total = ids.length + 2;
    const out = await s.trainer.versions.promote({
      versionId: s.v2,
      note: "v2",
      migrate: { mapping: MAPPING },
    });
    const migrationId = out.migration!.migrationId;

    // The real worker, in a process of its own, takes the job: batches of 10; in the third, once
    // its deals are written but not committed, it stops and waits to be killed.
    const root = path.resolve(import.meta.dirname, "../..");
    child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(root, "test/support/migration-worker.ts"), t.url, "10", "25"],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    const said = await new Promise<string>((resolve) =>
      child!.stdout!.on("data", (d: Buffer) => d.includes("mid-batch") && resolve(d.toString())),
    );
    expect(said).toContain("mid-batch 30");
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));

    // Two batches committed; the third left nothing behind.
    const half = await migrationRow(s.c.id, migrationId);
    expect(half).toMatchObject({ status: "running", migrated: 20 });
    const moved = await t.db
      .select({ id: deals.id })
      .from(deals)
      .where(and(eq(deals.companyId, s.c.id), eq(deals.pipelineVersionId, s.v2)))
      .orderBy(asc(deals.id));
    expect(moved).toHaveLength(20);
    expect(moved[19]!.id).toBe(half.cursor);
    expect(await eventsOf(s.c.id, "migrated")).toHaveLength(20);
    const ledger = () =>
      t.db
        .select({ dealId: versionMigrationDeals.dealId, eventId: versionMigrationDeals.eventId })
        .from(versionMigrationDeals)
        .where(eq(versionMigrationDeals.migrationId, migrationId));
    expect(await ledger()).toHaveLength(20);

    // A new worker resumes the stalled migration after its cursor.
    expect(await resumeStalledMigrations(t.db, 0)).toBeGreaterThanOrEqual(1);
    const worker = await startWorker({ connectionString: t.url, db: t.db, pollInterval: 100 });
    try {
      for (let i = 0; i < 300 && (await migrationRow(s.c.id, migrationId)).status !== "done"; i++)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      await worker.stop();
    }
    expect(await migrationRow(s.c.id, migrationId)).toMatchObject({
      status: "done",
      migrated: total,
      skipped: 0,
    });
    const events = await eventsOf(s.c.id, "migrated");
    expect(events).toHaveLength(total);
    expect(new Set(events.map((e) => e.dealId)).size).toBe(total);
    const eventOf = new Map(events.map((e) => [e.dealId, e.id]));
    const rows = await ledger();
    expect(rows).toHaveLength(total);
    for (const l of rows) expect(l.eventId).toBe(eventOf.get(l.dealId));
    const left = await t.db
      .select({ id: deals.id })
      .from(deals)
      .where(
        and(eq(deals.companyId, s.c.id), eq(deals.pipelineVersionId, s.v1), sql`${deals.closedAt} is null`),
      );
    expect(left).toHaveLength(0);
  });
});

describe("stopping a migration", () => {
  it("should stop at the next batch, keep what moved, and allow its rollback", async () => {
    const s = await setup("Stop");
    await dealsIn(s, "nurture", 5);
    const out = await s.trainer.versions.promote({
      versionId: s.v2,
      note: "v2",
      migrate: { mapping: MAPPING },
    });
    const migrationId = out.migration!.migrationId;
    await expect(
      runMigration(
        t.db,
        { companyId: s.c.id, migrationId },
        {
          batchSize: 3,
          beforeCommit: (moved) => {
            if (moved > 3) throw new Error("stop here");
          },
        },
      ),
    ).rejects.toThrow();
    expect(await s.trainer.migrations.cancel({ migrationId })).toEqual({ status: "cancelled" });
    expect(await runMigration(t.db, { companyId: s.c.id, migrationId })).toBe("cancelled");
    const progress = await s.trainer.migrations.get({ migrationId });
    expect(progress).toMatchObject({ status: "cancelled", migrated: 3, canRollBack: true, processed: 3 });
    expect(await failure(s.trainer.migrations.cancel({ migrationId }))).toMatchObject({
      code: "CONFLICT",
      key: "migrations.notRunning",
    });
    expect((await s.trainer.migrations.rollback({ migrationId, note: "undo" })).restored).toBe(3);
    const list = await s.trainer.migrations.list({ pipelineId: s.c.pipelineId });
    expect(list[0]).toMatchObject({
      id: migrationId,
      status: "rolledBack",
      from: { number: 1 },
      to: { number: 2 },
    });
  });
});

describe("a migration that leaves deals waiting for approval", () => {
  it("should tell the approver, as the engine does, and only of deals newly waiting", async () => {
    const s = await setup("Approve");
    const nurture = await dealsIn(s, "nurture", 2, {}, "Parked");
    const waiting = await dealsIn(s, "discountApproval", 1, {}, "Already waiting");
    await t.db
      .update(deals)
      .set({ teamId: s.c.teamId })
      .where(and(eq(deals.companyId, s.c.id), inArray(deals.id, [...nurture, ...waiting])));
    const out = await s.trainer.versions.promote({
      versionId: s.v2,
      note: "Parked deals need a discount decision",
      migrate: { mapping: { ...MAPPING, nurture: "discountApproval" } },
    });
    expect(await runMigration(t.db, { companyId: s.c.id, migrationId: out.migration!.migrationId })).toBe(
      "done",
    );
    // discountApproval's approver is the manager of the deal's team.
    const told = await t.db
      .select({ dealId: notifications.dealId, kind: notifications.kind, title: notifications.title })
      .from(notifications)
      .where(and(eq(notifications.companyId, s.c.id), eq(notifications.userId, s.c.users.manager.id)));
    expect(
      told
        .filter((n) => n.kind === "approvalRequested")
        .map((n) => n.dealId)
        .sort(),
    ).toEqual([...nurture].sort());
    expect(told.find((n) => n.dealId === nurture[0])!.title).toEqual({
      zh: "商机「Parked 0」等待您审批",
      en: "The deal “Parked 0” awaits your approval",
    });
    // And the manager's approvals inbox lists them.
    const inbox = await callerFor(t.db, s.c.users.manager.id, s.c.id).deals.approvals();
    expect(inbox.map((d) => d.id)).toEqual(expect.arrayContaining([...nurture, ...waiting]));
  });
});

describe("migrations across companies", () => {
  let a: Setup;
  let b: Setup;
  let migrationId: string;
  beforeAll(async () => {
    a = await setup("IsoA");
    b = await setup("IsoB");
    const out = await a.trainer.versions.promote({
      versionId: a.v2,
      note: "v2",
      migrate: { mapping: MAPPING },
    });
    migrationId = out.migration!.migrationId;
  });

  it("should answer NOT_FOUND to another company's trainer for every migration procedure", async () => {
    const other = b.trainer;
    const pair = { fromVersionId: a.v1, toVersionId: a.v2 };
    const results = await Promise.all([
      failure(other.migrations.plan(pair)),
      failure(other.migrations.dryRun({ ...pair, mapping: MAPPING })),
      failure(other.migrations.start({ ...pair, mapping: MAPPING, note: "steal" })),
      failure(other.migrations.list({ pipelineId: a.c.pipelineId })),
      failure(other.migrations.get({ migrationId })),
      failure(other.migrations.cancel({ migrationId })),
      failure(other.migrations.resume({ migrationId })),
      failure(other.migrations.rollback({ migrationId, note: "steal" })),
    ]);
    for (const r of results) expect(r.code).toBe("NOT_FOUND");
    // B's own version paired with A's is not found either.
    expect((await failure(other.migrations.plan({ fromVersionId: b.v1, toVersionId: a.v2 }))).code).toBe(
      "NOT_FOUND",
    );
    // A's migration is untouched and B sees none of it.
    expect((await migrationRow(a.c.id, migrationId)).status).toBe("queued");
    expect(await other.migrations.list({ pipelineId: b.c.pipelineId })).toEqual([]);
  });

  it("should never let a job of company A touch company B's deals", async () => {
    const bDeals = await t.db
      .select({ id: deals.id, version: deals.version })
      .from(deals)
      .where(eq(deals.companyId, b.c.id));
    // A job naming B's company with A's migration finds nothing.
    expect(await runMigration(t.db, { companyId: b.c.id, migrationId })).toBe("notFound");
    expect(await runMigration(t.db, { companyId: a.c.id, migrationId })).toBe("done");
    const after = await t.db
      .select({ id: deals.id, version: deals.version })
      .from(deals)
      .where(eq(deals.companyId, b.c.id));
    expect(after).toEqual(expect.arrayContaining(bDeals));
    const [pipeline] = await t.db.select().from(pipelines).where(eq(pipelines.id, b.c.pipelineId));
    expect(pipeline).toBeTruthy();
  });
});
