import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { applyAction } from "@/lib/server/deals/apply-action";
import { createDeal } from "@/lib/server/deals/create-deal";
import { dealEvents, deals, notifications, users } from "@/lib/server/db/schema";
import type { TimeLimitJob } from "@/lib/server/jobs/schedule";
import type { CompanyScope } from "@/lib/server/api/context";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";
import { httpCall } from "../support/http";

const t = setupTestDatabase();
let c: TestCompany;
let other: TestCompany;
const scope = (role: CompanyScope["role"]): CompanyScope => ({ id: c.id, name: "Activity Co", role });
const DAY = 86_400_000;

beforeAll(async () => {
  c = await makeCompany(t.db, "Activity");
  other = await makeCompany(t.db, "Elsewhere");
  // Someone in another company with the manager's exact name must never hear of this company's deals.
  const [manager] = await t.db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, c.users.manager.id));
  await t.db.update(users).set({ name: manager!.name }).where(eq(users.id, other.users.manager.id));
});

async function jobsFor(dealId: string) {
  return t.db.execute<{ key: string; run_at: Date; payload: TimeLimitJob }>(sql`
    select key, run_at, payload from graphile_worker._private_jobs where key like ${`%:${dealId}:%`} order by run_at`);
}

async function codeOf(p: Promise<unknown>) {
  return p.then(
    () => "ok",
    (e: { code?: string; cause?: { key?: string } }) => e.code ?? "error",
  );
}

async function keyOf(p: Promise<unknown>) {
  return p.then(
    () => "ok",
    (e: { cause?: { key?: string } }) => e.cause?.key ?? "none",
  );
}

async function eventsOf(dealId: string, type: string) {
  return t.db
    .select()
    .from(dealEvents)
    .where(and(eq(dealEvents.companyId, c.id), eq(dealEvents.dealId, dealId), eq(dealEvents.type, type)));
}

/** A deal the rep created in Lead and disqualified: lost, closed from Lead. */
async function lostDeal(now: Date) {
  const deal = await createDeal(t.db, scope("rep"), c.users.rep.id, {
    values: { title: `Lost ${now.getTime()}`, account: "华信" },
    now,
  });
  const { deal: lost } = await applyAction(t.db, scope("rep"), c.users.rep.id, {
    dealId: deal.id,
    expectedVersion: 1,
    action: "disqualify",
    changes: { lostReason: "price" },
    now,
  });
  expect(lost.stage).toBe("lost");
  expect(await jobsFor(deal.id)).toHaveLength(0);
  return lost;
}

describe("comments", () => {
  it("should append a comment event and notify the members it mentions, not the author", async () => {
    const rep = callerFor(t.db, c.users.rep.id, c.id);
    const dealId = c.dealIds[0]!;
    const result = await rep.dealActivity.comment({
      dealId,
      text: "Please look at this @Activity manager, and @trainer too. Me: @Activity rep",
    });
    expect(result.mentioned.sort()).toEqual([c.users.manager.id, c.users.trainer.id].sort());
    const [event] = await eventsOf(dealId, "comment");
    expect(event).toMatchObject({ actorId: c.users.rep.id, pipelineVersionId: c.versionId });
    expect(event!.comment).toContain("@Activity manager");
    const mine = await callerFor(t.db, c.users.manager.id, c.id).notifications.list();
    expect(mine.some((n) => n.kind === "mention" && n.dealId === dealId)).toBe(true);
    const authors = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.companyId, c.id), eq(notifications.userId, c.users.rep.id)));
    expect(authors.filter((n) => n.kind === "mention")).toHaveLength(0);
  });

  it("should not notify someone in another company with the same name", async () => {
    await callerFor(t.db, c.users.rep.id, c.id).dealActivity.comment({
      dealId: c.dealIds[0]!,
      text: "@Activity manager again",
    });
    const theirs = await t.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, other.users.manager.id));
    expect(theirs.filter((n) => n.kind === "mention")).toHaveLength(0);
  });

  it("should offer the company's active members to mention, and refuse empty or long comments", async () => {
    const rep = callerFor(t.db, c.users.rep.id, c.id);
    const members = await rep.dealActivity.mentionable({ dealId: c.dealIds[0]! });
    expect(members.map((m) => m.id).sort()).toEqual(
      Object.values(c.users)
        .map((u) => u.id)
        .sort(),
    );
    expect(Object.keys(members[0]!).sort()).toEqual(["id", "name"]);
    expect(await codeOf(rep.dealActivity.comment({ dealId: c.dealIds[0]!, text: "  " }))).toBe("BAD_REQUEST");
    expect(await codeOf(rep.dealActivity.comment({ dealId: c.dealIds[0]!, text: "x".repeat(2001) }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("should answer NOT_FOUND for another company's deal", async () => {
    const rep = callerFor(t.db, c.users.rep.id, c.id);
    expect(await codeOf(rep.dealActivity.comment({ dealId: other.dealIds[0]!, text: "hi" }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(rep.dealActivity.mentionable({ dealId: other.dealIds[0]! }))).toBe("NOT_FOUND");
  });
});

describe("reopening a closed deal", () => {
  it("should put a lost deal back in the stage it was closed from, with its timer and a reopen event", async () => {
    const lost = await lostDeal(new Date("2026-11-20T09:00:00Z"));
    const manager = callerFor(t.db, c.users.manager.id, c.id);
    const before = Date.now();
    const result = await manager.dealActivity.reopen({
      dealId: lost.id,
      expectedVersion: lost.version,
      comment: "They came back",
    });
    expect(result).toMatchObject({ stage: "lead", version: lost.version + 1 });
    const [row] = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, c.id), eq(deals.id, lost.id)));
    expect(row).toMatchObject({ stage: "lead", closedAt: null });
    expect(row!.snapshot).toMatchObject({ status: "active", value: "lead" });
    const [event] = await eventsOf(lost.id, "reopen");
    expect(event).toMatchObject({
      fromStage: "lost",
      toStage: "lead",
      actorId: c.users.manager.id,
      comment: "They came back",
    });
    // The same job the shell schedules when a deal enters Lead: Lead's limit is 3 days.
    const fresh = await createDeal(t.db, scope("rep"), c.users.rep.id, {
      values: { title: "x", account: "y" },
    });
    const [reference] = await jobsFor(fresh.id);
    const jobs = await jobsFor(lost.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.payload).toMatchObject({
      event: reference!.payload.event,
      stage: "lead",
      enteredAt: row!.stageEnteredAt.toISOString(),
    });
    expect(jobs[0]!.key.replace(lost.id, "")).toBe(reference!.key.replace(fresh.id, ""));
    const runAt = new Date(jobs[0]!.run_at).getTime();
    expect(runAt).toBeGreaterThanOrEqual(before + 3 * DAY - 1000);
    expect(runAt).toBeLessThanOrEqual(Date.now() + 3 * DAY + 1000);
    // And the engine runs it again from there.
    const moved = await applyAction(t.db, scope("rep"), c.users.rep.id, {
      dealId: lost.id,
      expectedVersion: result.version,
      action: "disqualify",
      changes: { lostReason: "timing" },
    });
    expect(moved.deal.stage).toBe("lost");
  });

  it("should reopen into a chosen open stage", async () => {
    const lost = await lostDeal(new Date("2026-11-21T09:00:00Z"));
    const admin = callerFor(t.db, c.users.admin.id, c.id);
    const result = await admin.dealActivity.reopen({
      dealId: lost.id,
      expectedVersion: lost.version,
      stage: "negotiation",
    });
    expect(result.stage).toBe("negotiation");
    expect((await jobsFor(lost.id)).map((j) => j.payload.stage)).toEqual(["negotiation"]);
  });

  it("should refuse a rep with FORBIDDEN, a stale version with CONFLICT, a stage that is not open, and an open deal", async () => {
    const lost = await lostDeal(new Date("2026-11-22T09:00:00Z"));
    const rep = callerFor(t.db, c.users.rep.id, c.id);
    const manager = callerFor(t.db, c.users.manager.id, c.id);
    expect(await codeOf(rep.dealActivity.reopen({ dealId: lost.id, expectedVersion: lost.version }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(manager.dealActivity.reopen({ dealId: lost.id, expectedVersion: lost.version - 1 })),
    ).toBe("CONFLICT");
    for (const stage of ["won", "qualify", "discountApproval", "nowhere"]) {
      const refused = manager.dealActivity.reopen({ dealId: lost.id, expectedVersion: lost.version, stage });
      expect(await keyOf(refused)).toBe("reopenStageInvalid");
    }
    expect(
      await keyOf(manager.dealActivity.reopen({ dealId: c.dealIds[0]!, expectedVersion: 1, stage: "lead" })),
    ).toBe("dealNotClosed");
    const [row] = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, c.id), eq(deals.id, lost.id)));
    expect(row).toMatchObject({ stage: "lost", version: lost.version });
    expect(await eventsOf(lost.id, "reopen")).toHaveLength(0);
  });

  it("should tell the user why, in their language", async () => {
    const lost = await lostDeal(new Date("2026-11-23T09:00:00Z"));
    const as = { userId: c.users.manager.id, companyId: c.id, locale: "zh-CN" as const };
    const input = { dealId: lost.id, expectedVersion: lost.version, stage: "won" };
    const res = await httpCall(t.db, as, "dealActivity.reopen", input);
    expect(res.status).toBe(400);
    expect(res.error?.message).toBe("「won」不是该商机流程中的进行中阶段。");
    const open = await httpCall(t.db, { ...as, locale: "en" }, "dealActivity.reopen", {
      dealId: c.dealIds[0],
      expectedVersion: 1,
    });
    expect(open.error?.message).toBe("Only a won or lost deal can be reopened.");
  });

  it("should answer NOT_FOUND for another company's deal", async () => {
    const admin = callerFor(t.db, c.users.admin.id, c.id);
    expect(await codeOf(admin.dealActivity.reopen({ dealId: other.dealIds[2]!, expectedVersion: 1 }))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("next step", () => {
  it("should set the next step under the version check and log old → new", async () => {
    const rep = callerFor(t.db, c.users.rep.id, c.id);
    const dealId = c.dealIds[1]!;
    const [deal] = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, c.id), eq(deals.id, dealId)));
    const set = await rep.dealActivity.setNextStep({
      dealId,
      expectedVersion: deal!.version,
      text: "Demo for the CTO",
      date: "2026-12-01",
    });
    expect(set).toMatchObject({
      version: deal!.version + 1,
      nextStep: "Demo for the CTO",
      nextStepAt: "2026-12-01",
    });
    const [event] = await eventsOf(dealId, "update");
    expect(event!.changes).toEqual({
      nextStep: { from: null, to: "Demo for the CTO" },
      nextStepAt: { from: null, to: "2026-12-01" },
    });
    expect(
      await codeOf(
        rep.dealActivity.setNextStep({ dealId, expectedVersion: deal!.version, text: "x", date: null }),
      ),
    ).toBe("CONFLICT");
    expect(
      await codeOf(
        rep.dealActivity.setNextStep({
          dealId,
          expectedVersion: set.version,
          text: "x".repeat(201),
          date: null,
        }),
      ),
    ).toBe("BAD_REQUEST");
    const fetched = await rep.deals.get({ dealId });
    expect(fetched.deal).toMatchObject({ nextStep: "Demo for the CTO", nextStepAt: "2026-12-01" });
  });

  it("should answer NOT_FOUND for another company's deal", async () => {
    const rep = callerFor(t.db, c.users.rep.id, c.id);
    expect(
      await codeOf(
        rep.dealActivity.setNextStep({
          dealId: other.dealIds[0]!,
          expectedVersion: 1,
          text: "x",
          date: null,
        }),
      ),
    ).toBe("NOT_FOUND");
  });
});
