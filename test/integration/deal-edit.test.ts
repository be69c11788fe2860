import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDeal } from "@/lib/server/deals/create-deal";
import { dealEvents, deals, notifications, pipelines, pipelineVersions } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { defaultProcess } from "@/workflows/templates/default-process";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
let c: TestCompany;
let other: TestCompany;
const scope = (role: CompanyScope["role"]): CompanyScope => ({ id: c.id, name: "Edit Co", role });

beforeAll(async () => {
  c = await makeCompany(t.db, "Edit");
  other = await makeCompany(t.db, "Elsewhere");
});

const as = (role: keyof TestCompany["users"], locale: "en" | "zh-CN" = "en") =>
  callerFor(t.db, c.users[role].id, c.id, { locale });

async function failure(p: Promise<unknown>) {
  return p.then(
    () => ({ code: "ok", key: undefined, values: {} as Record<string, unknown>, details: undefined }),
    (e: {
      code?: string;
      cause?: { key?: string; values?: Record<string, unknown>; details?: Record<string, unknown> };
    }) => ({
      code: e.code ?? "error",
      key: e.cause?.key,
      values: e.cause?.values ?? {},
      details: e.cause?.details,
    }),
  );
}

async function updatesOf(dealId: string) {
  return t.db
    .select()
    .from(dealEvents)
    .where(and(eq(dealEvents.companyId, c.id), eq(dealEvents.dealId, dealId), eq(dealEvents.type, "update")));
}

async function rowOf(dealId: string) {
  const [row] = await t.db
    .select()
    .from(deals)
    .where(and(eq(deals.companyId, c.id), eq(deals.id, dealId)));
  return row!;
}

async function repDeal(title: string) {
  return createDeal(t.db, scope("rep"), c.users.rep.id, { values: { title, account: "华信科技" } });
}

describe("editing a deal's fields", () => {
  it("should save the changed fields, bump the version and log one update event old → new", async () => {
    const deal = await repDeal("Edit me");
    const result = await as("rep").deals.update({
      dealId: deal.id,
      expectedVersion: deal.version,
      changes: { title: "Edited", amount: 320_000, expectedClose: "2027-03-01", industry: "finance" },
      currency: "USD",
    });
    expect(result.version).toBe(deal.version + 1);
    const row = await rowOf(deal.id);
    expect(row).toMatchObject({ title: "Edited", amount: 320_000, currency: "USD", stage: deal.stage });
    expect(row.fields).toMatchObject({ expectedClose: "2027-03-01", industry: "finance" });
    const events = await updatesOf(deal.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(c.users.rep.id);
    expect(events[0]!.changes).toMatchObject({
      title: { from: "Edit me", to: "Edited" },
      amount: { from: null, to: 320_000 },
      currency: { from: "CNY", to: "USD" },
      industry: { from: null, to: "finance" },
    });
  });

  it("should re-score the priority when a scoring input changes and log the new priority", async () => {
    const deal = await repDeal("Score me");
    expect(deal.priority).toBe("D");
    await as("rep").deals.update({
      dealId: deal.id,
      expectedVersion: deal.version,
      changes: { budgetConfirmed: true, decisionMaker: "王总", need: "ERP 升级", industry: "government" },
    });
    const row = await rowOf(deal.id);
    expect(row.score).toBe(75);
    expect(row.priority).toBe("B");
    const [event] = await updatesOf(deal.id);
    expect(event!.changes?.priority).toEqual({ from: "D", to: "B" });
  });

  it("should write nothing when nothing changed", async () => {
    const deal = await repDeal("Unchanged");
    const result = await as("rep").deals.update({
      dealId: deal.id,
      expectedVersion: deal.version,
      changes: { title: "Unchanged", contact: null },
    });
    expect(result.version).toBe(deal.version);
    expect(await updatesOf(deal.id)).toHaveLength(0);
  });

  it("should refuse values that do not fit their fields and change nothing", async () => {
    const deal = await repDeal("Bad values");
    const bad = await failure(
      as("rep").deals.update({
        dealId: deal.id,
        expectedVersion: deal.version,
        changes: { title: "Still bad", industry: "mining", discountPct: 140 },
      }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.key).toBe("invalidValues");
    const fields = (bad.details?.issues as { field: string }[]).map((i) => i.field).sort();
    expect(fields).toEqual(["discountPct", "industry"]);
    expect((await rowOf(deal.id)).title).toBe("Bad values");
  });

  it("should refuse an amount the deal cannot hold, saying so, instead of failing in the database", async () => {
    const deal = await repDeal("Too rich");
    const bad = await failure(
      as("rep").deals.update({ dealId: deal.id, expectedVersion: deal.version, changes: { amount: 1e14 } }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.details?.issues).toEqual([
      {
        field: "amount",
        message: {
          zh: "「预计金额」不能超过 99,999,999,999,999.99",
          en: "“Amount” cannot be more than 99,999,999,999,999.99",
        },
      },
    ]);
    const created = await failure(
      as("rep").deals.create({ values: { title: "Richer", account: "A", amount: 2e15 } }),
    );
    expect(created.code).toBe("BAD_REQUEST");
    // The largest amount it holds is fine.
    const ok = await as("rep").deals.update({
      dealId: deal.id,
      expectedVersion: deal.version,
      changes: { amount: 99_999_999_999_999.99 },
    });
    expect(ok.version).toBe(deal.version + 1);
    expect((await rowOf(deal.id)).amount).toBe(99_999_999_999_999.99);
  });

  it("should refuse emptying a field every deal must have, naming it in the user's language", async () => {
    const deal = await repDeal("Keep my title");
    const en = await failure(
      as("rep").deals.update({ dealId: deal.id, expectedVersion: deal.version, changes: { title: "  " } }),
    );
    expect(en.key).toBe("fieldsRequired");
    expect(en.values.fields).toBe("Title");
    const zh = await failure(
      as("rep", "zh-CN").deals.update({
        dealId: deal.id,
        expectedVersion: deal.version,
        changes: { account: null },
      }),
    );
    expect(zh.values.fields).toBe("客户");
    expect((await rowOf(deal.id)).account).toBe("华信科技");
  });

  it("should refuse a stale version with CONFLICT and keep the first save", async () => {
    const deal = await repDeal("Two editors");
    await as("manager").deals.update({
      dealId: deal.id,
      expectedVersion: deal.version,
      changes: { amount: 500_000 },
    });
    const second = await failure(
      as("rep").deals.update({ dealId: deal.id, expectedVersion: deal.version, changes: { amount: 90_000 } }),
    );
    expect(second.code).toBe("CONFLICT");
    expect(second.details).toMatchObject({ version: deal.version + 1, expectedVersion: deal.version });
    expect((await rowOf(deal.id)).amount).toBe(500_000);
    // The second editor reloads: the event since their version says who changed what.
    const current = await as("rep").deals.get({ dealId: deal.id });
    const since = current.events.filter((e) => e.type === "update");
    expect(since.at(-1)).toMatchObject({
      actorId: c.users.manager.id,
      changes: { amount: { from: null, to: 500_000 } },
    });
    // Re-applying on top of the current version goes through.
    await as("rep").deals.update({
      dealId: deal.id,
      expectedVersion: current.deal.version,
      changes: { amount: 90_000 },
    });
    expect((await rowOf(deal.id)).amount).toBe(90_000);
  });

  it("should keep a closed deal read-only for reps but let a manager correct it", async () => {
    const deal = await repDeal("Closing");
    const lost = await as("rep").deals.applyAction({
      dealId: deal.id,
      expectedVersion: deal.version,
      action: "disqualify",
      changes: { lostReason: "noBudget" },
    });
    const rep = await failure(
      as("rep").deals.update({
        dealId: deal.id,
        expectedVersion: lost.version,
        changes: { contact: "李四" },
      }),
    );
    expect(rep).toMatchObject({ code: "FORBIDDEN", key: "dealClosedReadOnly" });
    await as("manager").deals.update({
      dealId: deal.id,
      expectedVersion: lost.version,
      changes: { lostReason: "price" },
    });
    expect((await rowOf(deal.id)).fields.lostReason).toBe("price");
  });

  it("should hide deals the caller may not see, in this company and any other", async () => {
    const admins = c.dealIds[2]!;
    const hidden = await failure(
      as("rep").deals.update({ dealId: admins, expectedVersion: 1, changes: { contact: "x" } }),
    );
    expect(hidden.code).toBe("NOT_FOUND");
    const foreign = await failure(
      callerFor(t.db, other.users.admin.id, other.id).deals.update({
        dealId: c.dealIds[0]!,
        expectedVersion: 1,
        changes: { contact: "x" },
      }),
    );
    expect(foreign.code).toBe("NOT_FOUND");
    expect((await rowOf(c.dealIds[0]!)).fields.contact).toBeUndefined();
  });
});

describe("mentions", () => {
  it("should offer only the members who may see the deal", async () => {
    const deal = await repDeal("Mention list");
    const ids = (await as("rep").dealActivity.mentionable({ dealId: deal.id })).map((m) => m.id).sort();
    // Reps do not see their team's deals here; the team's manager, admins and trainers do.
    expect(ids).toEqual([c.users.admin.id, c.users.manager.id, c.users.trainer.id, c.users.rep.id].sort());
    const adminsDeal = (await as("admin").dealActivity.mentionable({ dealId: c.dealIds[2]! })).map(
      (m) => m.id,
    );
    expect(adminsDeal).not.toContain(c.users.rep.id);
    expect(adminsDeal).not.toContain(c.users.manager.id);
  });

  it("should refuse a comment mentioning someone who cannot see the deal, naming them, and notify no one", async () => {
    const before = await t.db.select().from(notifications).where(eq(notifications.companyId, c.id));
    const refused = await failure(
      as("admin").dealActivity.comment({ dealId: c.dealIds[2]!, text: "@rep and @trainer please look" }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.key).toBe("mentionCannotSee");
    expect(refused.values.names).toBe("Edit rep");
    const after = await t.db.select().from(notifications).where(eq(notifications.companyId, c.id));
    expect(after).toHaveLength(before.length);
    // Those who can see it are notified as before.
    const ok = await as("admin").dealActivity.comment({
      dealId: c.dealIds[2]!,
      text: "@trainer please look",
    });
    expect(ok.mentioned).toEqual([c.users.trainer.id]);
  });
});

describe("a team's default pipeline", () => {
  let second: string;
  beforeAll(async () => {
    const [pipeline] = await t.db
      .insert(pipelines)
      .values({ companyId: c.id, key: "renewals", name: { zh: "续约", en: "Renewals" } })
      .returning({ id: pipelines.id });
    second = pipeline!.id;
    await t.db.insert(pipelineVersions).values({
      companyId: c.id,
      pipelineId: second,
      number: 1,
      status: "published",
      definition: defaultProcess,
      publishedAt: new Date(),
    });
  });

  it("should be set by an admin in the team and start its members' new deals there", async () => {
    const team = { teamId: c.teamId, name: "Edit team", managerId: c.users.manager.id };
    const members = [c.users.manager.id, c.users.rep.id];
    await as("admin").teams.update({ ...team, memberIds: members, defaultPipelineId: second });
    expect((await as("admin").teams.list()).find((x) => x.id === c.teamId)?.defaultPipelineId).toBe(second);
    expect(await as("rep").teams.myDefaultPipeline()).toEqual({ pipelineId: second });
    expect(await as("trainer").teams.myDefaultPipeline()).toEqual({ pipelineId: null });

    const mine = await as("rep").deals.create({ values: { title: "Renewal", account: "华信" } });
    expect(mine.pipelineId).toBe(second);
    // Not in the team: the company's default pipeline.
    const admins = await as("admin").deals.create({ values: { title: "New logo", account: "华信" } });
    expect(admins.pipelineId).toBe(c.pipelineId);
    // The pipeline can still be chosen.
    const chosen = await as("rep").deals.create({
      pipelineId: c.pipelineId,
      values: { title: "Chosen", account: "华信" },
    });
    expect(chosen.pipelineId).toBe(c.pipelineId);

    // Saving the team without naming the pipeline keeps it; null clears it.
    await as("admin").teams.update({ ...team, memberIds: members });
    expect(await as("rep").teams.myDefaultPipeline()).toEqual({ pipelineId: second });
    await as("admin").teams.update({ ...team, memberIds: members, defaultPipelineId: null });
    expect(await as("rep").teams.myDefaultPipeline()).toEqual({ pipelineId: null });
  });

  it("should refuse another company's pipeline as a team's default", async () => {
    const refused = await failure(
      as("admin").teams.update({
        teamId: c.teamId,
        name: "Edit team",
        managerId: c.users.manager.id,
        memberIds: [c.users.manager.id, c.users.rep.id],
        defaultPipelineId: other.pipelineId,
      }),
    );
    expect(refused).toMatchObject({ code: "NOT_FOUND", key: "pipelineNotFound" });
  });
});
