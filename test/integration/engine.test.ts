import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { applyAction } from "@/lib/server/deals/apply-action";
import { createDeal } from "@/lib/server/deals/create-deal";
import {
  dealEvents,
  deals,
  notifications,
  pipelineVersions,
  teamMembers,
  teams,
} from "@/lib/server/db/schema";
import { runTimeLimit } from "@/lib/server/jobs/time-limits";
import type { TimeLimitJob } from "@/lib/server/jobs/schedule";
import { startWorker } from "@/lib/server/jobs/worker";
import type { CompanyScope } from "@/lib/server/api/context";
import type { Refusal } from "@/workflows/runtime";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";
import { httpCall } from "../support/http";

const t = setupTestDatabase();
let c: TestCompany;
const scope = (role: CompanyScope["role"]): CompanyScope => ({ id: c.id, name: "Engine Co", role });
const DAY = 86_400_000;
const now = new Date("2026-11-20T09:00:00Z");
const CHECKED = ["reachedDecisionMaker", "interestConfirmed"];

beforeAll(async () => {
  c = await makeCompany(t.db, "Engine");
  await t.db
    .update(teams)
    .set({ key: "east" })
    .where(and(eq(teams.companyId, c.id), eq(teams.id, c.teamId)));
});

async function jobsFor(dealId: string) {
  return t.db.execute<{ key: string; run_at: Date; payload: TimeLimitJob }>(sql`
    select key, run_at, payload from graphile_worker._private_jobs where key like ${`%:${dealId}:%`} order by run_at`);
}

async function eventsOf(dealId: string) {
  return t.db
    .select()
    .from(dealEvents)
    .where(and(eq(dealEvents.companyId, c.id), eq(dealEvents.dealId, dealId)));
}

async function refusalOf(p: Promise<unknown>): Promise<Refusal[]> {
  const e = (await p.then(
    () => null,
    (err: unknown) => err,
  )) as { code?: string; cause?: { details?: { reasons?: Refusal[] } } } | null;
  expect(e?.code).toBe("UNPROCESSABLE_CONTENT");
  return e?.cause?.details?.reasons ?? [];
}

describe("a deal moving through the default process", () => {
  it("should start in Lead, owned by the rep who created it, with its time limit scheduled", async () => {
    const deal = await createDeal(t.db, scope("rep"), c.users.rep.id, {
      values: { title: "ERP 升级", account: "华信" },
      now,
    });
    expect(deal).toMatchObject({ stage: "lead", ownerId: c.users.rep.id, teamId: c.teamId, version: 1 });
    const jobs = await jobsFor(deal.id);
    expect(jobs).toHaveLength(1);
    expect(new Date(jobs[0]!.run_at).getTime()).toBe(now.getTime() + 3 * DAY);
    expect((await eventsOf(deal.id)).map((e) => e.type)).toEqual(["created"]);
  });

  it("should refuse to leave a stage until its fields are set, naming each one, and change nothing", async () => {
    const deal = await createDeal(t.db, scope("rep"), c.users.rep.id, {
      values: { title: "MES", account: "A" },
      now,
    });
    const reasons = await refusalOf(
      applyAction(t.db, scope("rep"), c.users.rep.id, {
        dealId: deal.id,
        expectedVersion: 1,
        action: "startContact",
        now,
      }),
    );
    expect(reasons.map((r) => (r.kind === "missingField" ? r.field : r.kind)).sort()).toEqual([
      "industry",
      "region",
      "source",
    ]);
    expect(reasons[0]!.message.zh).toMatch(/^请填写「/);
    const [after] = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, c.id), eq(deals.id, deal.id)));
    expect(after).toMatchObject({ stage: "lead", version: 1 });
    expect(await eventsOf(deal.id)).toHaveLength(1);

    // Through HTTP the refusal is a 422 in the user's language with every reason.
    const res = await httpCall(
      t.db,
      { userId: c.users.rep.id, companyId: c.id, locale: "zh-CN" },
      "deals.applyAction",
      {
        dealId: deal.id,
        expectedVersion: 1,
        action: "startContact",
      },
    );
    expect(res.status).toBe(422);
    expect(res.error?.message).toBe("暂时不能执行此操作。");
    expect(JSON.stringify(res.error?.data)).toContain("行业");
  });

  it("should move with the fields given, log old → new, and swap the stage's timer", async () => {
    const deal = await createDeal(t.db, scope("rep"), c.users.rep.id, {
      values: { title: "CRM", account: "B" },
      now,
    });
    const moved = await applyAction(t.db, scope("rep"), c.users.rep.id, {
      dealId: deal.id,
      expectedVersion: 1,
      action: "startContact",
      changes: { industry: "finance", region: "east", source: "referral" },
      now: new Date(now.getTime() + DAY),
    });
    expect(moved.deal).toMatchObject({ stage: "contact", version: 2 });
    const events = await eventsOf(deal.id);
    expect(events.at(-1)).toMatchObject({
      type: "action",
      action: "startContact",
      fromStage: "lead",
      toStage: "contact",
    });
    expect(events.at(-1)!.changes).toMatchObject({ industry: { from: null, to: "finance" } });
    const jobs = await jobsFor(deal.id);
    expect(jobs.map((j) => j.payload.stage)).toEqual(["contact"]);
    expect(new Date(jobs[0]!.run_at).getTime()).toBe(now.getTime() + DAY + 7 * DAY);
  });

  it("should qualify through the BANT decision: to Needs analysis when it passes, else Nurture", async () => {
    const values = { title: "T", account: "A", industry: "finance", region: "east", source: "website" };
    const weak = await createDeal(t.db, scope("rep"), c.users.rep.id, { values, now });
    await applyAction(t.db, scope("rep"), c.users.rep.id, {
      dealId: weak.id,
      expectedVersion: 1,
      action: "startContact",
      now,
    });
    // The exit checklist of Initial contact gates qualifying; it is kept on the deal once ticked.
    const unticked = await refusalOf(
      applyAction(t.db, scope("rep"), c.users.rep.id, {
        dealId: weak.id,
        expectedVersion: 2,
        action: "qualify",
        now,
      }),
    );
    expect(unticked.map((r) => r.kind)).toEqual(["checklist", "checklist"]);
    const nurtured = await applyAction(t.db, scope("rep"), c.users.rep.id, {
      dealId: weak.id,
      expectedVersion: 2,
      action: "qualify",
      checked: CHECKED,
      now,
    });
    expect(nurtured.deal.stage).toBe("nurture");
    expect(nurtured.deal.checklist).toEqual({ contact: CHECKED });

    const strong = await createDeal(t.db, scope("rep"), c.users.rep.id, {
      values: {
        ...values,
        budgetConfirmed: true,
        decisionMaker: "王总",
        need: "替换旧系统",
        expectedClose: "2027-01-15",
      },
      now,
    });
    await applyAction(t.db, scope("rep"), c.users.rep.id, {
      dealId: strong.id,
      expectedVersion: 1,
      action: "startContact",
      now,
    });
    const qualified = await applyAction(t.db, scope("rep"), c.users.rep.id, {
      dealId: strong.id,
      expectedVersion: 2,
      action: "qualify",
      checked: CHECKED,
      now,
    });
    expect(qualified.deal.stage).toBe("analysis");
    expect(qualified.deal.priority).toBe("A");
  });

  it("should refuse a stale version with CONFLICT", async () => {
    const deal = await createDeal(t.db, scope("rep"), c.users.rep.id, {
      values: { title: "X", account: "Y" },
      now,
    });
    await expect(
      applyAction(t.db, scope("rep"), c.users.rep.id, {
        dealId: deal.id,
        expectedVersion: 7,
        action: "disqualify",
        changes: { lostReason: "price" },
        now,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("should let exactly one of 50 concurrent attempts at the same action win", async () => {
    const deal = await createDeal(t.db, scope("rep"), c.users.rep.id, {
      values: { title: "Race", account: "R" },
      now,
    });
    const attempts = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        applyAction(t.db, scope("rep"), c.users.rep.id, {
          dealId: deal.id,
          expectedVersion: 1,
          action: "disqualify",
          changes: { lostReason: "timing" },
          now,
        }),
      ),
    );
    const won = attempts.filter((a) => a.status === "fulfilled");
    const conflicts = attempts.filter(
      (a) => a.status === "rejected" && (a.reason as { code?: string }).code === "CONFLICT",
    );
    expect(won).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    expect((await eventsOf(deal.id)).filter((e) => e.type === "action")).toHaveLength(1);
  }, 60_000);

  it("should send a big discount to the team manager, whom a rep cannot stand in for", async () => {
    const deal = await createDeal(t.db, scope("rep"), c.users.rep.id, {
      values: {
        title: "Discount",
        account: "D",
        industry: "finance",
        region: "east",
        source: "website",
        budgetConfirmed: true,
        decisionMaker: "李总",
        need: "n",
        expectedClose: "2027-01-10",
        painPoints: "p",
        competitors: ["rivalA"],
        proposalAmount: 300000,
        proposalLink: "https://example.com/p.pdf",
        discountPct: 20,
      },
      now,
    });
    let v = 1;
    for (const action of ["startContact", "qualify", "startProposal", "sendProposal"]) {
      v = (
        await applyAction(t.db, scope("rep"), c.users.rep.id, {
          dealId: deal.id,
          expectedVersion: v,
          action,
          checked: CHECKED,
          now,
        })
      ).deal.version;
    }
    const [atApproval] = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, c.id), eq(deals.id, deal.id)));
    expect(atApproval!.stage).toBe("discountApproval");
    const [request] = await t.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.companyId, c.id),
          eq(notifications.dealId, deal.id),
          eq(notifications.kind, "approvalRequested"),
        ),
      );
    expect(request?.userId).toBe(c.users.manager.id);

    const reasons = await refusalOf(
      applyAction(t.db, scope("rep"), c.users.rep.id, {
        dealId: deal.id,
        expectedVersion: v,
        action: "approve",
        now,
      }),
    );
    expect(reasons.map((r) => r.kind)).toEqual(["notApprover"]);

    // The manager's inbox holds it, with a notification; nobody else's does.
    const manager = callerFor(t.db, c.users.manager.id, c.id);
    expect((await manager.deals.approvals()).map((d) => d.id)).toContain(deal.id);
    expect((await callerFor(t.db, c.users.rep.id, c.id).deals.approvals()).map((d) => d.id)).not.toContain(
      deal.id,
    );
    expect(
      (await callerFor(t.db, c.users.trainer.id, c.id).deals.approvals()).map((d) => d.id),
    ).not.toContain(deal.id);
    const unread = await manager.notifications.unreadCount();
    expect(unread).toBeGreaterThan(0);
    const [latest] = await manager.notifications.list();
    expect(latest).toMatchObject({
      kind: "approvalRequested",
      dealId: deal.id,
      dealTitle: "Discount",
      readAt: null,
    });
    // Marking someone else's notification read does nothing to it.
    await callerFor(t.db, c.users.rep.id, c.id).notifications.markRead({ ids: [latest!.id] });
    expect(await manager.notifications.unreadCount()).toBe(unread);
    await manager.notifications.markRead({ ids: [latest!.id] });
    expect(await manager.notifications.unreadCount()).toBe(unread - 1);

    const approved = await applyAction(t.db, scope("manager"), c.users.manager.id, {
      dealId: deal.id,
      expectedVersion: v,
      action: "approve",
      now,
    });
    expect(approved.deal.stage).toBe("negotiation");
    expect((await manager.deals.approvals()).map((d) => d.id)).not.toContain(deal.id);
    const [told] = await callerFor(t.db, c.users.rep.id, c.id).notifications.list();
    expect(told).toMatchObject({
      kind: "approvalDecided",
      dealId: deal.id,
      title: { en: "The approval of “Discount” was granted" },
    });
    expect((await eventsOf(deal.id)).at(-1)).toMatchObject({
      type: "approval",
      action: "approve",
      actorId: c.users.manager.id,
    });
  });

  it("should fire a due time limit once, notify the owner, and ignore it once the deal has moved on", async () => {
    const created = new Date(now.getTime() - 10 * DAY);
    const deal = await createDeal(t.db, scope("rep"), c.users.rep.id, {
      values: { title: "Late", account: "L" },
      now: created,
    });
    const [job] = await jobsFor(deal.id);
    expect(await runTimeLimit(t.db, job!.payload, now)).toBe("fired");
    expect(await runTimeLimit(t.db, job!.payload, now)).toBe("stale");
    const limitEvents = (await eventsOf(deal.id)).filter((e) => e.type === "timeLimit");
    expect(limitEvents).toHaveLength(1);
    const notes = await t.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.companyId, c.id),
          eq(notifications.dealId, deal.id),
          eq(notifications.kind, "timeLimit"),
        ),
      );
    expect(notes.map((n) => n.userId)).toEqual([c.users.rep.id]);

    const other = await createDeal(t.db, scope("rep"), c.users.rep.id, {
      values: { title: "Moved", account: "M" },
      now: created,
    });
    const [oldJob] = await jobsFor(other.id);
    await applyAction(t.db, scope("rep"), c.users.rep.id, {
      dealId: other.id,
      expectedVersion: 1,
      action: "disqualify",
      changes: { lostReason: "price" },
      now,
    });
    expect(await runTimeLimit(t.db, oldJob!.payload, now)).toBe("stale");
    expect(await jobsFor(other.id)).toHaveLength(0);
  });

  it("should fire a time limit that came due while no worker ran, once, when a worker starts", async () => {
    const deal = await createDeal(t.db, scope("rep"), c.users.rep.id, {
      values: { title: "Restart", account: "R" },
      now: new Date(Date.now() - 4 * DAY),
    });
    const first = await startWorker({ connectionString: t.url, db: t.db, pollInterval: 100 });
    await first.stop();
    const second = await startWorker({ connectionString: t.url, db: t.db, pollInterval: 100 });
    for (let i = 0; i < 100 && (await jobsFor(deal.id)).length > 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    await second.stop();
    expect((await eventsOf(deal.id)).filter((e) => e.type === "timeLimit")).toHaveLength(1);
  }, 30_000);

  it("should hand deals without an owner round-robin to the reps of the region's team", async () => {
    const admin = callerFor(t.db, c.users.admin.id, c.id);
    await admin.users.create({
      email: "rep2@engine.test",
      name: "Rep 2",
      role: "rep",
      teamIds: [c.teamId],
      method: "password",
    });
    const members = await t.db.select().from(teamMembers).where(eq(teamMembers.teamId, c.teamId));
    expect(members.length).toBe(3);
    const owners: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const d = await createDeal(t.db, scope("admin"), c.users.admin.id, {
        values: { title: `RR ${i}`, account: "A", region: "south" },
        now,
      });
      owners.push(d.ownerId);
    }
    expect(new Set(owners).size).toBe(2);
    expect(owners[0]).toBe(owners[2]);
    expect(owners[1]).toBe(owners[3]);
    expect(owners[0]).not.toBe(owners[1]);
  });

  it("should answer NOT_FOUND for another company's deal", async () => {
    const other = await makeCompany(t.db, "Elsewhere");
    const res = await httpCall(t.db, { userId: c.users.admin.id, companyId: c.id }, "deals.applyAction", {
      dealId: other.dealIds[0],
      expectedVersion: 1,
      action: "disqualify",
      changes: { lostReason: "price" },
    });
    expect(res.status).toBe(404);
  });
});

describe("pipeline versions", () => {
  it("should refuse to change a published version's definition", async () => {
    await expect(
      t.db
        .update(pipelineVersions)
        .set({ hash: "tampered" })
        .where(and(eq(pipelineVersions.companyId, c.id), eq(pipelineVersions.id, c.versionId))),
    ).rejects.toThrow();
    // Its status may still move on (e.g. retired when another version is published).
    await t.db
      .update(pipelineVersions)
      .set({ status: "published" })
      .where(and(eq(pipelineVersions.companyId, c.id), eq(pipelineVersions.id, c.versionId)));
  });
});
