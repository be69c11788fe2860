import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/roles";
import { dealEvents, deals, notifications, practiceDeals } from "@/lib/server/db/schema";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
let c: TestCompany;
let other: TestCompany;
const as = (role: Role, company = c) => callerFor(t.db, company.users[role].id, company.id);

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    return e as { code: string; message: string; cause?: { details?: { reasons?: { kind: string }[] } } };
  }
  throw new Error("expected a failure");
}

/** Rows of the real world a practice deal must never touch. */
async function world() {
  const [d] = await t.db.select({ n: count() }).from(deals).where(eq(deals.companyId, c.id));
  const [e] = await t.db.select({ n: count() }).from(dealEvents).where(eq(dealEvents.companyId, c.id));
  const [n] = await t.db.select({ n: count() }).from(notifications).where(eq(notifications.companyId, c.id));
  const [j] = await t.db
    .execute<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs`)
    .then((r) => [...r]);
  return { deals: d!.n, events: e!.n, notifications: n!.n, jobs: j?.n ?? 0 };
}

const lead = { industry: "retail", region: "east", source: "website" };

beforeAll(async () => {
  c = await makeCompany(t.db, "Practice");
  other = await makeCompany(t.db, "PracticeRival");
});

describe("practice mode", () => {
  it("should walk a practice deal through the process with the real rules and leave the real world alone", async () => {
    const before = await world();
    const rep = as("rep");
    const { id } = await rep.practice.create({
      versionId: c.versionId,
      title: "练习商机",
      account: "练习客户",
    });
    let deal = await rep.practice.get({ id });
    expect(deal.stage).toBe("lead");
    expect(deal.actions.find((a) => a.key === "startContact")).toMatchObject({ enabled: false });

    // Refused for the lead's missing fields, and the refusal is kept in the practice history.
    const refused = await errorOf(
      rep.practice.act({ id, expectedVersion: deal.version, action: "startContact" }),
    );
    expect(refused.code).toBe("UNPROCESSABLE_CONTENT");
    deal = await rep.practice.get({ id });
    expect(deal.history[0]).toMatchObject({ kind: "refused", action: "startContact", from: "lead" });

    await rep.practice.act({ id, expectedVersion: deal.version, action: "startContact", changes: lead });
    deal = await rep.practice.get({ id });
    expect(deal.stage).toBe("contact");
    expect(deal.values).toMatchObject(lead);
    expect(deal.timeLimit?.days).toBe(7);

    // Eight days on: the contact stage's time limit fires as the job would fire it — on paper.
    await rep.practice.skipAhead({ id, expectedVersion: deal.version, days: 8 });
    deal = await rep.practice.get({ id });
    expect(deal.skippedDays).toBe(8);
    const fired = deal.history.find((e) => e.kind === "timeLimit")!;
    expect(fired).toMatchObject({ from: "contact" });
    expect(fired.notes!.map((n) => n.en).join(" ")).toContain("would notify its owner");

    // Qualify needs the checklist and BANT; through the decision to analysis.
    await rep.practice.act({
      id,
      expectedVersion: deal.version,
      action: "qualify",
      checked: ["reachedDecisionMaker", "interestConfirmed"],
      changes: { budgetConfirmed: true, decisionMaker: "王总", need: "ERP", expectedClose: "2026-12-20" },
    });
    deal = await rep.practice.get({ id });
    expect(deal.stage).toBe("analysis");

    expect(await world()).toEqual(before); // no deal, event, notification or job was written
    expect((await rep.deals.list({ limit: 100 })).items.map((d) => d.title)).not.toContain("练习商机");
  });

  it("should let anyone practise on a draft, with its stricter rules", async () => {
    const trainer = as("trainer");
    const { versionId } = await trainer.editor.openDraft({ pipelineId: c.pipelineId });
    const draft = await trainer.editor.version({ versionId });
    const definition = structuredClone(draft.definition) as PipelineDefinition;
    const node = definition.nodes.find((n) => n.data.kind === "stage" && n.data.key === "lead")!;
    if (node.data.kind === "stage") node.data.requiredFields.push("contact");
    await trainer.editor.saveDraft({ versionId, expectedRevision: draft.revision, definition });

    const rep = as("rep");
    const { id } = await rep.practice.create({ versionId, title: "Draft practice", account: "Acme" });
    const deal = await rep.practice.get({ id });
    expect(deal.pipelineVersion.status).toBe("draft");
    const refused = await errorOf(
      rep.practice.act({ id, expectedVersion: deal.version, action: "startContact", changes: lead }),
    );
    expect(refused.code).toBe("UNPROCESSABLE_CONTENT");
    expect((await rep.practice.get({ id })).history[0]!.notes!.map((n) => n.en).join(" ")).toMatch(/Contact/);
  });

  it("should refuse a stale change instead of overwriting it", async () => {
    const rep = as("rep");
    const { id } = await rep.practice.create({ versionId: c.versionId, title: "Two tabs", account: "Acme" });
    const deal = await rep.practice.get({ id });
    await rep.practice.edit({ id, expectedVersion: deal.version, changes: { contact: "张三" } });
    const stale = await errorOf(
      rep.practice.edit({ id, expectedVersion: deal.version, changes: { contact: "李四" } }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect((await rep.practice.get({ id })).values.contact).toBe("张三");
  });

  it("should keep practice deals to their owner and their company", async () => {
    const { id } = await as("rep").practice.create({
      versionId: c.versionId,
      title: "Mine",
      account: "Acme",
    });
    expect((await errorOf(as("manager").practice.get({ id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(as("admin").practice.remove({ id }))).code).toBe("NOT_FOUND");
    expect((await errorOf(as("rep", other).practice.get({ id }))).code).toBe("NOT_FOUND");
    expect(
      (await errorOf(as("rep", other).practice.create({ versionId: c.versionId, title: "x", account: "y" })))
        .code,
    ).toBe("NOT_FOUND");
    expect((await errorOf(as("trainer", other).practice.reset({ userId: c.users.rep.id }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await as("rep").practice.mine()).map((d) => d.title)).toContain("Mine");
  });

  it("should let a trainer see who practised and reset one member's practice deals", async () => {
    const trainer = as("trainer");
    const members = await trainer.practice.members();
    const rep = members.find((m) => m.userId === c.users.rep.id)!;
    expect(rep.deals).toBeGreaterThan(0);
    const own = await as("trainer").practice.create({
      versionId: c.versionId,
      title: "Trainer's",
      account: "Acme",
    });
    const { removed } = await trainer.practice.reset({ userId: c.users.rep.id });
    expect(removed).toBe(rep.deals);
    expect(await as("rep").practice.mine()).toEqual([]);
    // Only that member's: the trainer's own stays.
    const [left] = await t.db.select({ n: count() }).from(practiceDeals).where(eq(practiceDeals.id, own.id));
    expect(left!.n).toBe(1);
  });
});
