import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { notifications, pipelines, pipelineVersions, processFeedback } from "@/lib/server/db/schema";
import type { Role } from "@/lib/roles";
import { defaultProcess } from "@/workflows/templates/default-process";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";
import { httpCall } from "../support/http";

/*
 * Process feedback (docs/feedback.md): any member sends it on a stage (and a rule, action or
 * field) of the version they met; anonymous only when the company allows it, and then named to
 * admins alone; admins and trainers triage it (open → accepted / declined → shipped in a later
 * version), managers read it; the author is notified of every change.
 */

const t = setupTestDatabase();
let a: TestCompany;
let b: TestCompany;
/** Company A's versions beside the fixture's v1: v2 published, v3 a draft; and a second pipeline's v1. */
let v2: string;
let v3Draft: string;
let otherPipelineVersion: string;

const as = (c: TestCompany, role: Role) => callerFor(t.db, c.users[role].id, c.id);
const http = (
  c: TestCompany,
  role: Role,
  path: string,
  input: unknown,
  kind: "query" | "mutation" = "mutation",
) => httpCall(t.db, { userId: c.users[role].id, companyId: c.id, locale: "en" }, path, input, kind);
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code,
  );

/** The rep's deal in Needs analysis (fixture deal 2). */
const repDeal = () => a.dealIds[1]!;
const send = (c: TestCompany, role: Role, extra: Record<string, unknown> = {}) =>
  as(c, role).feedback.submit({
    dealId: c.dealIds[1],
    stageKey: "analysis",
    problem: "The pain points field is asked for twice.",
    ...extra,
  });

beforeAll(async () => {
  a = await makeCompany(t.db, "Fig");
  b = await makeCompany(t.db, "Kiwi");
  // v1 stays what the fixture's deals run on; v2 is the live version now.
  await t.db
    .update(pipelineVersions)
    .set({ status: "retired" })
    .where(and(eq(pipelineVersions.companyId, a.id), eq(pipelineVersions.id, a.versionId)));
  const versions = await t.db
    .insert(pipelineVersions)
    .values([
      {
        companyId: a.id,
        pipelineId: a.pipelineId,
        number: 2,
        status: "published" as const,
        definition: defaultProcess,
        publishedAt: new Date(),
      },
      {
        companyId: a.id,
        pipelineId: a.pipelineId,
        number: 3,
        status: "draft" as const,
        definition: defaultProcess,
      },
    ])
    .returning({ id: pipelineVersions.id });
  v2 = versions[0]!.id;
  v3Draft = versions[1]!.id;
  const [renewals] = await t.db
    .insert(pipelines)
    .values({ companyId: a.id, key: "renewals", name: { zh: "续约", en: "Renewals" } })
    .returning({ id: pipelines.id });
  const [rv] = await t.db
    .insert(pipelineVersions)
    .values({
      companyId: a.id,
      pipelineId: renewals!.id,
      number: 5,
      status: "published",
      definition: defaultProcess,
      publishedAt: new Date(),
    })
    .returning({ id: pipelineVersions.id });
  otherPipelineVersion = rv!.id;
});

describe("sending feedback", () => {
  it("should record the deal's pipeline, the version it runs on, the stage, the subject and the author", async () => {
    const { id } = await send(a, "rep", {
      subject: { kind: "action", key: "startProposal" },
      suggestion: "Ask for them once, in Needs analysis.",
    });
    const [row] = await t.db.select().from(processFeedback).where(eq(processFeedback.id, id));
    expect(row).toMatchObject({
      companyId: a.id,
      pipelineId: a.pipelineId,
      pipelineVersionId: a.versionId,
      stageKey: "analysis",
      subjectKind: "action",
      subjectKey: "startProposal",
      dealId: repDeal(),
      authorId: a.users.rep.id,
      anonymous: false,
      status: "open",
      version: 1,
      suggestion: "Ask for them once, in Needs analysis.",
    });
    const mine = await as(a, "rep").feedback.mine({});
    expect(mine.items[0]).toMatchObject({
      id,
      stage: { key: "analysis", name: { en: "Needs analysis" } },
      subject: { kind: "action", key: "startProposal", name: { en: "Start proposal" } },
      givenOn: { number: 1 },
      deal: { id: repDeal() },
      author: { id: a.users.rep.id },
      mine: true,
    });
  });

  it("should take feedback without a deal on the pipeline's published version", async () => {
    const { id } = await as(a, "manager").feedback.submit({
      pipelineId: a.pipelineId,
      stageKey: "discountApproval",
      subject: { kind: "rule", key: "bant" },
      problem: "Approvals wait too long over the weekend.",
    });
    const [row] = await t.db.select().from(processFeedback).where(eq(processFeedback.id, id));
    expect(row).toMatchObject({ pipelineVersionId: v2, dealId: null, subjectKind: "rule" });
  });

  it("should refuse what is not part of the version, too little to read, or a deal the member cannot see", async () => {
    const unknownStage = await http(a, "rep", "feedback.submit", {
      dealId: repDeal(),
      stageKey: "nowhere",
      problem: "Something is wrong here.",
    });
    expect(unknownStage.status).toBe(400);
    expect(unknownStage.error?.message).toBe("“nowhere” is not part of this version of the process.");

    const unknownSubject = await http(a, "rep", "feedback.submit", {
      dealId: repDeal(),
      stageKey: "analysis",
      subject: { kind: "field", key: "shoeSize" },
      problem: "Something is wrong here.",
    });
    expect(unknownSubject.error?.message).toBe("“shoeSize” is not part of this version of the process.");

    const tooShort = await http(a, "rep", "feedback.submit", {
      dealId: repDeal(),
      stageKey: "analysis",
      problem: " x ",
    });
    expect(tooShort.status).toBe(400);
    expect(tooShort.error?.data.fieldErrors).toEqual({ problem: ["feedbackTooShort"] });

    const nothingAbout = await http(a, "rep", "feedback.submit", {
      stageKey: "analysis",
      problem: "No pipeline at all.",
    });
    expect(nothingAbout.error?.data.fieldErrors).toEqual({ pipelineId: ["required"] });

    // Deal 3 is the admin's: the rep cannot see it, so it is as if it did not exist.
    const hidden = await http(a, "rep", "feedback.submit", {
      dealId: a.dealIds[2],
      stageKey: "won",
      problem: "Not my deal at all.",
    });
    expect(hidden.status).toBe(404);
    expect(hidden.raw).not.toContain("Fig deal 3");

    const before = await t.db
      .select()
      .from(processFeedback)
      .where(eq(processFeedback.problem, "Not my deal at all."));
    expect(before).toEqual([]);
  });

  it("should offer the deal's stages, actions, rules and fields in the form", async () => {
    const form = await as(a, "rep").feedback.form({ dealId: repDeal() });
    expect(form.version).toMatchObject({ id: a.versionId, number: 1 });
    expect(form.deal).toMatchObject({ id: repDeal(), stage: "analysis" });
    expect(form.points.slice(0, 6).map((p) => p.key)).toEqual([
      "lead",
      "contact",
      "nurture",
      "analysis",
      "proposal",
      "negotiation",
    ]);
    expect(form.subjects.find((s) => s.kind === "action" && s.key === "startProposal")?.stages).toEqual([
      "analysis",
    ]);
    expect(form.subjects.some((s) => s.kind === "rule" && s.key === "bant")).toBe(true);
    expect(form.anonymousAllowed).toBe(false);
  });
});

describe("anonymous feedback", () => {
  it("should be refused while the company does not allow it", async () => {
    const refused = await http(a, "rep", "feedback.submit", {
      dealId: repDeal(),
      stageKey: "analysis",
      problem: "I would rather not say who I am.",
      anonymous: true,
    });
    expect(refused.status).toBe(403);
    expect(refused.error?.message).toBe(
      "Your company does not allow anonymous feedback; send it with your name.",
    );
    expect(await t.db.select().from(processFeedback).where(eq(processFeedback.anonymous, true))).toEqual([]);
  });

  it("should hide the author and the deal from trainers and managers, and show them to admins and the author", async () => {
    // Only an admin turns it on.
    expect(
      await codeOf(
        as(a, "manager").company.update({
          name: "Fig Co",
          nameEn: null,
          repsSeeTeamDeals: false,
          anonymousFeedback: true,
        }),
      ),
    ).toBe("FORBIDDEN");
    await as(a, "admin").company.update({
      name: "Fig Co",
      nameEn: null,
      repsSeeTeamDeals: false,
      anonymousFeedback: true,
    });
    expect((await as(a, "rep").feedback.form({ dealId: repDeal() })).anonymousAllowed).toBe(true);
    const { id } = await send(a, "rep", {
      anonymous: true,
      problem: "Needs analysis asks for the budget too early.",
    });

    for (const role of ["trainer", "manager"] as const) {
      const inbox = await as(a, role).feedback.inbox({});
      const item = inbox.items.find((i) => i.id === id)!;
      expect(item).toMatchObject({ anonymous: true, author: null, deal: null, mine: false });
      const one = await as(a, role).feedback.get({ feedbackId: id });
      expect(one).toMatchObject({ author: null, deal: null });
      // Not a trace of who sent it anywhere in what reaches the browser.
      const listed = (await http(a, role, "feedback.inbox", {}, "query")).data as { items: { id: string }[] };
      const opened = (await http(a, role, "feedback.get", { feedbackId: id }, "query")).raw;
      for (const text of [JSON.stringify(listed.items.find((i) => i.id === id)), opened]) {
        expect(text).toContain(id);
        expect(text).not.toContain(a.users.rep.id);
        expect(text).not.toContain("Fig rep");
        expect(text).not.toContain(repDeal());
        expect(text).not.toContain("Fig deal 2");
      }
    }
    const adminView = await as(a, "admin").feedback.get({ feedbackId: id });
    expect(adminView).toMatchObject({
      anonymous: true,
      author: { id: a.users.rep.id, name: "Fig rep" },
      deal: { id: repDeal() },
    });
    const own = await as(a, "rep").feedback.mine({});
    expect(own.items.find((i) => i.id === id)).toMatchObject({ mine: true, author: { id: a.users.rep.id } });
  });
});

describe("triage", () => {
  let id: string;
  beforeAll(async () => {
    ({ id } = await send(a, "rep", { problem: "Proposal needs a document link we rarely have." }));
  });
  const triage = (role: Role, input: Record<string, unknown>) =>
    http(a, role, "feedback.triage", { feedbackId: id, ...input });

  it("should let only admins and trainers triage; managers and reps read or are refused", async () => {
    for (const role of ["manager", "rep"] as const)
      expect((await triage(role, { expectedVersion: 1, status: "accepted" })).status).toBe(403);
    expect((await as(a, "rep").feedback.get({ feedbackId: id })).status).toBe("open");
  });

  it("should refuse a step the workflow does not allow, saying why", async () => {
    const skip = await triage("trainer", { expectedVersion: 1, status: "shipped", shippedVersionId: v2 });
    expect(skip.status).toBe(422);
    expect(skip.error?.message).toBe("Accept the feedback before marking it shipped.");
    const noReason = await triage("trainer", { expectedVersion: 1, status: "declined" });
    expect(noReason.status).toBe(400);
    expect(noReason.error?.data.fieldErrors).toEqual({ reply: ["feedbackReplyRequired"] });
    const again = await triage("trainer", { expectedVersion: 1, status: "open" });
    expect(again.error?.message).toBe("This feedback is already open.");
    expect((await as(a, "rep").feedback.get({ feedbackId: id })).version).toBe(1);
  });

  it("should accept, then refuse a stale change as a conflict that names who changed it", async () => {
    const ok = await triage("trainer", {
      expectedVersion: 1,
      status: "accepted",
      reply: "Good point, we'll drop it.",
    });
    expect(ok.status).toBe(200);
    const stale = await triage("admin", { expectedVersion: 1, status: "declined", reply: "No." });
    expect(stale.status).toBe(409);
    expect(stale.error?.message).toBe(
      "Fig trainer changed this feedback a moment ago. Look at it again before you change it.",
    );
    expect(await as(a, "admin").feedback.get({ feedbackId: id })).toMatchObject({
      status: "accepted",
      version: 2,
      reply: "Good point, we'll drop it.",
      decidedBy: "Fig trainer",
    });
  });

  it("should ship only in a later, non-draft version of the same pipeline", async () => {
    const sameVersion = await triage("trainer", {
      expectedVersion: 2,
      status: "shipped",
      shippedVersionId: a.versionId,
    });
    expect(sameVersion.error?.message).toBe(
      "The feedback was given on v1; the change must ship in a later version (you chose v1).",
    );
    const draft = await triage("trainer", {
      expectedVersion: 2,
      status: "shipped",
      shippedVersionId: v3Draft,
    });
    expect(draft.error?.message).toBe(
      "v3 is still a draft and has not shipped; choose a pilot or published version.",
    );
    const other = await triage("trainer", {
      expectedVersion: 2,
      status: "shipped",
      shippedVersionId: otherPipelineVersion,
    });
    expect(other.error?.message).toBe("That version is not a version of this feedback's pipeline.");
    const foreign = await triage("trainer", {
      expectedVersion: 2,
      status: "shipped",
      shippedVersionId: b.versionId,
    });
    expect(foreign.status).toBe(422);

    expect(
      (await triage("trainer", { expectedVersion: 2, status: "shipped", shippedVersionId: v2 })).status,
    ).toBe(200);
    const shipped = await as(a, "rep").feedback.get({ feedbackId: id });
    // Shipping without a note keeps the one given on accepting.
    expect(shipped).toMatchObject({
      status: "shipped",
      version: 3,
      shippedIn: { id: v2, number: 2 },
      reply: "Good point, we'll drop it.",
    });
    expect(shipped.history.map((h) => [h.from, h.to, h.shippedNumber, h.actorName, h.note])).toEqual([
      ["open", "accepted", null, "Fig trainer", "Good point, we'll drop it."],
      ["accepted", "shipped", 2, "Fig trainer", null],
    ]);
  });

  it("should decline with a reply, refuse accepting declined feedback, and reopen it", async () => {
    const { id: other } = await send(a, "rep", { problem: "Nurture should be skipped for renewals." });
    const call = (input: Record<string, unknown>) =>
      http(a, "trainer", "feedback.triage", { feedbackId: other, ...input });
    expect(
      (await call({ expectedVersion: 1, status: "declined", reply: "Renewals have their own pipeline." }))
        .status,
    ).toBe(200);
    const accept = await call({ expectedVersion: 2, status: "accepted" });
    expect(accept.error?.message).toBe("Only open feedback can be accepted; reopen it first.");
    const ship = await call({ expectedVersion: 2, status: "shipped", shippedVersionId: v2 });
    expect(ship.error?.message).toBe("Accept the feedback before marking it shipped.");
    expect((await call({ expectedVersion: 2, status: "open" })).status).toBe(200);
    expect(await as(a, "rep").feedback.get({ feedbackId: other })).toMatchObject({
      status: "open",
      reply: null,
      version: 3,
    });
  });

  it("should notify the author of each change, in both languages, but not a triager of their own feedback", async () => {
    const rows = await t.db
      .select({ kind: notifications.kind, title: notifications.title })
      .from(notifications)
      .where(and(eq(notifications.companyId, a.id), eq(notifications.userId, a.users.rep.id)));
    const titles = rows.filter((r) => r.kind === "feedback").map((r) => r.title.en);
    expect(titles).toEqual(
      expect.arrayContaining([
        "Your feedback on “Needs analysis” was accepted",
        "Your feedback on “Needs analysis” shipped in v2",
        "Your feedback on “Needs analysis” was declined",
        "Your feedback on “Needs analysis” was reopened",
      ]),
    );
    expect(titles).toHaveLength(4);
    expect(rows.find((r) => r.title.en.endsWith("shipped in v2"))?.title.zh).toBe(
      "你对「需求分析」的流程反馈已在 v2 上线",
    );
    // Through the bell's own procedures.
    const bell = await as(a, "rep").notifications.list();
    expect(bell.filter((n) => n.kind === "feedback")).toHaveLength(4);

    const { id: own } = await send(a, "trainer", { dealId: undefined, pipelineId: a.pipelineId });
    await as(a, "trainer").feedback.triage({ feedbackId: own, expectedVersion: 1, status: "accepted" });
    const trainers = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.companyId, a.id), eq(notifications.userId, a.users.trainer.id)));
    expect(trainers).toEqual([]);
  });
});

describe("reading feedback", () => {
  it("should filter the inbox by pipeline, stage and status and count each status under the same filters", async () => {
    const all = await as(a, "trainer").feedback.inbox({ pipelineId: a.pipelineId });
    const byStatus = (
      await t.db.select().from(processFeedback).where(eq(processFeedback.companyId, a.id))
    ).reduce((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {} as Record<string, number>);
    expect(all.counts).toEqual({ open: 0, accepted: 0, declined: 0, shipped: 0, ...byStatus });
    const analysis = await as(a, "trainer").feedback.inbox({
      pipelineId: a.pipelineId,
      stageKey: "analysis",
      statuses: ["open"],
    });
    expect(analysis.items.length).toBeGreaterThan(0);
    expect(analysis.items.every((i) => i.stage.key === "analysis" && i.status === "open")).toBe(true);
    expect(analysis.items.length).toBe(analysis.counts.open);
    const approval = await as(a, "trainer").feedback.inbox({ stageKey: "discountApproval" });
    expect(approval.items.map((i) => i.problem)).toEqual(["Approvals wait too long over the weekend."]);
    // Newest first.
    const times = all.items.map((i) => i.createdAt.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it("should count open and accepted feedback per stage for the editor's badges", async () => {
    const counts = await as(a, "trainer").feedback.stageCounts({ pipelineId: a.pipelineId });
    const rows = await t.db
      .select()
      .from(processFeedback)
      .where(eq(processFeedback.pipelineId, a.pipelineId));
    const expected: Record<string, { open: number; accepted: number }> = {};
    for (const r of rows)
      if (r.status === "open" || r.status === "accepted") {
        const e = (expected[r.stageKey] ??= { open: 0, accepted: 0 });
        e[r.status] += 1;
      }
    expect(counts).toEqual(expected);
    expect(counts.analysis!.open).toBeGreaterThan(0);
    // The panel a badge opens lists exactly what the badge counts.
    const panel = await as(a, "trainer").feedback.inbox({
      pipelineId: a.pipelineId,
      stageKey: "analysis",
      statuses: ["open", "accepted"],
    });
    expect(panel.items).toHaveLength(counts.analysis!.open + counts.analysis!.accepted);
    expect(await as(a, "trainer").feedback.openCount()).toBe(rows.filter((r) => r.status === "open").length);
  });

  it("should show a rep only their own feedback", async () => {
    const { id } = await as(a, "manager").feedback.submit({
      pipelineId: a.pipelineId,
      stageKey: "lead",
      problem: "Managers' own note on leads.",
    });
    expect(await codeOf(as(a, "rep").feedback.get({ feedbackId: id }))).toBe("NOT_FOUND");
    expect((await as(a, "rep").feedback.mine({})).items.every((i) => i.author?.id === a.users.rep.id)).toBe(
      true,
    );
    expect(await codeOf(as(a, "rep").feedback.inbox({}))).toBe("FORBIDDEN");
  });
});

describe("paging", () => {
  it("should list 30 at a time, newest first, and say where the next page starts", async () => {
    const c = await makeCompany(t.db, "Lime");
    await t.db.insert(processFeedback).values(
      Array.from({ length: 35 }, (_, i) => ({
        companyId: c.id,
        pipelineId: c.pipelineId,
        pipelineVersionId: c.versionId,
        stageKey: "lead",
        authorId: c.users.rep.id,
        problem: `Item ${i}`,
        createdAt: new Date(Date.UTC(2030, 0, 1, 0, i)),
        updatedAt: new Date(Date.UTC(2030, 0, 1, 0, i)),
      })),
    );
    const first = await as(c, "trainer").feedback.inbox({});
    expect(first.items).toHaveLength(30);
    expect(first.items[0]!.problem).toBe("Item 34");
    expect(first.nextCursor).toBe(30);
    const second = await as(c, "trainer").feedback.inbox({ cursor: first.nextCursor });
    expect(second.items.map((i) => i.problem)).toEqual(["Item 4", "Item 3", "Item 2", "Item 1", "Item 0"]);
    expect(second.nextCursor).toBeNull();
    const mine = await as(c, "rep").feedback.mine({ cursor: 30 });
    expect(mine).toMatchObject({ nextCursor: null, items: { length: 5 } });
  });
});

describe("isolation between companies", () => {
  it("should never show, count or change another company's feedback", async () => {
    const { id } = await send(a, "rep", { problem: "Fig-only feedback." });
    const bTrainer = as(b, "trainer");
    expect((await bTrainer.feedback.inbox({})).items).toEqual([]);
    expect(await bTrainer.feedback.inbox({ pipelineId: a.pipelineId })).toMatchObject({
      items: [],
      counts: { open: 0, accepted: 0, declined: 0, shipped: 0 },
    });
    expect(await codeOf(bTrainer.feedback.get({ feedbackId: id }))).toBe("NOT_FOUND");
    expect(
      await codeOf(bTrainer.feedback.triage({ feedbackId: id, expectedVersion: 1, status: "accepted" })),
    ).toBe("NOT_FOUND");
    expect(await codeOf(as(b, "admin").feedback.get({ feedbackId: id }))).toBe("NOT_FOUND");
    expect(await bTrainer.feedback.stageCounts({ pipelineId: a.pipelineId })).toEqual({});
    expect(await bTrainer.feedback.openCount()).toBe(0);
    expect((await bTrainer.feedback.filters()).map((p) => p.id)).toEqual([b.pipelineId]);
    // Nor send feedback on its deals or pipelines.
    expect(
      await codeOf(
        as(b, "admin").feedback.submit({ dealId: repDeal(), stageKey: "analysis", problem: "Sneaky." }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(
        as(b, "admin").feedback.submit({
          pipelineId: a.pipelineId,
          stageKey: "analysis",
          problem: "Sneaky.",
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await codeOf(as(b, "admin").feedback.form({ dealId: repDeal() }))).toBe("NOT_FOUND");
    const [row] = await t.db.select().from(processFeedback).where(eq(processFeedback.id, id));
    expect(row).toMatchObject({ status: "open", version: 1 });
  });
});
