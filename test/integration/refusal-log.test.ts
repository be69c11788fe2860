import { count, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { actionRefusals, companies, dealEvents, deals, memberships, users } from "@/lib/server/db/schema";
import { applyAction } from "@/lib/server/deals/apply-action";
import { createApiKey } from "@/lib/server/api-v1/keys";
import * as actionRoute from "@/app/api/v1/deals/[id]/actions/[action]/route";
import { setupTestDatabase } from "../support/db";
import { httpCall } from "../support/http";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

/*
 * The refusal log (docs/analytics.md, Adoption): every attempt a member or an API key makes that
 * the engine refuses is kept — through the app (tRPC) and the REST API alike —, outside the refused
 * transaction, while the deal itself stays untouched. Practice deals, timers, conflicts and deals
 * one may not see leave no row.
 */

const t = setupTestDatabase();
let a: TestCompany;
let b: TestCompany;
let key: { id: string; token: string };

const refusalsOf = (companyId: string) =>
  t.db.select().from(actionRefusals).where(eq(actionRefusals.companyId, companyId));

async function dealState(dealId: string) {
  const [d] = await t.db
    .select({ version: deals.version, stage: deals.stage })
    .from(deals)
    .where(eq(deals.id, dealId));
  const [e] = await t.db.select({ n: count() }).from(dealEvents).where(eq(dealEvents.dealId, dealId));
  return { ...d!, events: e!.n };
}

beforeAll(async () => {
  (globalThis as unknown as { pipewrightDb: unknown }).pipewrightDb = {
    db: t.db,
    sql: t.sql,
    close: t.close,
  };
  a = await makeCompany(t.db, "Refuse");
  b = await makeCompany(t.db, "Other");
  key = await createApiKey(t.db, a.id, a.users.admin.id, { name: "ERP sync", scope: "write" });
});

beforeEach(async () => {
  await t.db.delete(actionRefusals);
});

describe("the refusal log", () => {
  it("should keep a member's refused action from the app, and leave the deal as it was", async () => {
    const dealId = a.dealIds[0]!; // the rep's deal in Lead
    const before = await dealState(dealId);
    const res = await httpCall(
      t.db,
      { userId: a.users.rep.id, companyId: a.id, locale: "zh-CN" },
      "deals.applyAction",
      { dealId, expectedVersion: before.version, action: "disqualify" },
    );
    // The rep still reads why, in their language.
    expect(res.status).toBe(422);
    expect(res.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await dealState(dealId)).toEqual(before);
    const rows = await refusalsOf(a.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      dealId,
      pipelineId: a.pipelineId,
      pipelineVersionId: a.versionId,
      stage: "lead",
      action: "disqualify",
      actorId: a.users.rep.id,
      apiKeyId: null,
      reasonCodes: ["field:lostReason"],
    });
    expect(rows[0]!.reasons).toEqual([
      expect.objectContaining({ kind: "missingField", field: "lostReason" }),
    ]);
  });

  it("should name every reason of one attempt", async () => {
    const dealId = a.dealIds[0]!;
    const { version } = await dealState(dealId);
    await expect(
      callerFor(t.db, a.users.rep.id, a.id).deals.applyAction({
        dealId,
        expectedVersion: version,
        action: "startContact",
      }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    const [row] = await refusalsOf(a.id);
    expect([...row!.reasonCodes].sort()).toEqual(["field:industry", "field:region", "field:source"]);
  });

  it("should keep an API key's refused action, naming the key", async () => {
    const dealId = a.dealIds[1]!; // in Needs analysis
    const before = await dealState(dealId);
    const req = new Request(`http://localhost/api/v1/deals/${dealId}/actions/startProposal`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${key.token}`,
        "content-type": "application/json",
        "accept-language": "en",
      },
      body: JSON.stringify({}),
    });
    const res = await actionRoute.POST(req, {
      params: Promise.resolve({ id: dealId, action: "startProposal" }),
    });
    expect(res.status).toBe(422);
    expect(await dealState(dealId)).toEqual(before);
    const rows = await refusalsOf(a.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      dealId,
      stage: "analysis",
      action: "startProposal",
      actorId: null,
      apiKeyId: key.id,
    });
    expect([...rows[0]!.reasonCodes].sort()).toEqual(["field:competitors", "field:painPoints"]);
  });

  it("should not log a refusal in practice mode", async () => {
    const rep = callerFor(t.db, a.users.rep.id, a.id);
    const { id } = await rep.practice.create({ versionId: a.versionId, title: "Practice", account: "Acme" });
    const deal = await rep.practice.get({ id });
    await expect(
      rep.practice.act({ id, expectedVersion: deal.version, action: "disqualify" }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    expect(await refusalsOf(a.id)).toEqual([]);
  });

  it("should not log timers, stale versions, deals one may not see, or another company's deals", async () => {
    const dealId = a.dealIds[0]!;
    const { version } = await dealState(dealId);
    const scope = { id: a.id, name: "", role: "admin" as const };
    // The system (a time limit's follow-up) is nobody's attempt.
    await expect(
      applyAction(t.db, scope, null, { dealId, expectedVersion: version, action: "disqualify" }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    // A stale version is a conflict, not a refusal.
    await expect(
      callerFor(t.db, a.users.rep.id, a.id).deals.applyAction({
        dealId,
        expectedVersion: version + 5,
        action: "disqualify",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // The admin's deal is not the rep's to see; company B's deal is not company A's.
    await expect(
      callerFor(t.db, a.users.rep.id, a.id).deals.applyAction({
        dealId: a.dealIds[2]!,
        expectedVersion: 1,
        action: "reopen",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      callerFor(t.db, a.users.admin.id, a.id).deals.applyAction({
        dealId: b.dealIds[0]!,
        expectedVersion: 1,
        action: "disqualify",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await refusalsOf(a.id)).toEqual([]);
    expect(await refusalsOf(b.id)).toEqual([]);
  });

  it("should travel in the company archive", async () => {
    const dealId = a.dealIds[0]!;
    const { version } = await dealState(dealId);
    await expect(
      callerFor(t.db, a.users.rep.id, a.id).deals.applyAction({
        dealId,
        expectedVersion: version,
        action: "disqualify",
      }),
    ).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT" });
    const archive = await callerFor(t.db, a.users.admin.id, a.id).archive.export();
    const [company] = await t.db
      .insert(companies)
      .values({ name: "Restored" })
      .returning({ id: companies.id });
    const [admin] = await t.db
      .insert(users)
      .values({ email: "admin@restored-refusals.test", name: "Restorer" })
      .returning({ id: users.id });
    await t.db.insert(memberships).values({ companyId: company!.id, userId: admin!.id, role: "admin" });
    await callerFor(t.db, admin!.id, company!.id).archive.restore({
      bytes: new TextEncoder().encode(archive.body),
    });
    const [restored] = await refusalsOf(company!.id);
    expect(restored).toMatchObject({
      stage: "lead",
      action: "disqualify",
      actorId: a.users.rep.id,
      reasonCodes: ["field:lostReason"],
    });
    expect(restored!.reasons[0]).toMatchObject({ kind: "missingField", field: "lostReason" });
  });
});
