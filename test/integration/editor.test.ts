import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import { deals, memberships, pipelineVersions } from "@/lib/server/db/schema";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { blankProcess } from "@/workflows/templates/blank";
import { defaultProcess } from "@/workflows/templates/default-process";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
let c: TestCompany;
let admin: ReturnType<typeof callerFor>;
let trainer: ReturnType<typeof callerFor>;

beforeAll(async () => {
  c = await makeCompany(t.db, "Editor");
  admin = callerFor(t.db, c.users.admin.id, c.id);
  trainer = callerFor(t.db, c.users.trainer.id, c.id, { locale: "zh-CN" });
});

type Failure = {
  code?: string;
  /** What the user reads (the API's error formatter translates the key the same way). */
  text?: string;
  cause?: { key?: string; values?: Record<string, string | number>; details?: Record<string, unknown> };
};
const en = translator("en");
async function failure(p: Promise<unknown>): Promise<Failure> {
  return p.then(
    () => ({ code: "ok" }),
    (e: Failure) => ({
      ...e,
      code: e.code,
      cause: e.cause,
      text: e.cause?.key ? en(`errors.${e.cause.key}` as never, e.cause.values as never) : undefined,
    }),
  );
}

async function versionRow(versionId: string) {
  const [row] = await t.db
    .select()
    .from(pipelineVersions)
    .where(and(eq(pipelineVersions.companyId, c.id), eq(pipelineVersions.id, versionId)));
  return row!;
}

const name = (en: string, zh = "流程") => ({ zh, en });

/** The blank process with its start stage renamed: a small, valid change. */
const renamed = (label: string): PipelineDefinition => ({
  ...blankProcess,
  nodes: blankProcess.nodes.map((n) =>
    n.id === "start" ? { ...n, data: { ...n.data, name: { zh: label, en: label } } } : n,
  ),
});

describe("editor templates and new pipelines", () => {
  it("should offer the four templates with names, descriptions and stage counts", async () => {
    const templates = await admin.editor.templates();
    expect(templates.map((x) => [x.key, x.stages])).toEqual([
      ["bant", 8],
      ["tender", 6],
      ["saas", 5],
      ["blank", 3],
    ]);
    expect(templates[1]!.name).toEqual({ zh: "招投标 / 项目", en: "Tender / project" });
  });

  it("should create a pipeline from a template as a version-1 draft named as asked, with a unique key", async () => {
    const first = await trainer.editor.createPipeline({
      name: name("Public tenders", "政府招标"),
      template: "tender",
    });
    const second = await admin.editor.createPipeline({ name: name("Public  tenders!"), template: "tender" });
    const pipeline = await admin.editor.pipeline({ pipelineId: first.pipelineId });
    expect(pipeline).toMatchObject({
      key: "publicTenders",
      name: name("Public tenders", "政府招标"),
      isDefault: false,
    });
    expect((await admin.editor.pipeline({ pipelineId: second.pipelineId })).key).toBe("publicTenders2");
    expect(pipeline.versions).toHaveLength(1);
    expect(pipeline.versions[0]).toMatchObject({
      id: first.versionId,
      number: 1,
      status: "draft",
      revision: 1,
      createdBy: { id: c.users.trainer.id, name: "Editor trainer" },
      publishedAt: null,
      changeNote: null,
    });
    const version = await admin.editor.version({ versionId: first.versionId });
    expect(version.definition.name).toEqual(name("Public tenders", "政府招标"));
    expect(version.definition.nodes.map((n) => n.id)).toContain("bidOpening");
  });

  it("should derive a key from a name with no Latin letters to start with", async () => {
    const created = await admin.editor.createPipeline({
      name: name("2027 renewals", "续约"),
      template: "blank",
    });
    expect((await admin.editor.pipeline({ pipelineId: created.pipelineId })).key).toBe(
      "pipeline2027Renewals",
    );
  });

  it("should refuse a name left blank, in the caller's language", async () => {
    const e = await failure(admin.editor.createPipeline({ name: { zh: " ", en: "X" }, template: "blank" }));
    expect(e.code).toBe("BAD_REQUEST");
  });

  it("should duplicate the newest draft, else the published version, into a new pipeline", async () => {
    const copy = await admin.editor.duplicatePipeline({
      pipelineId: c.pipelineId,
      name: name("Copy of new business"),
    });
    const version = await admin.editor.version({ versionId: copy.versionId });
    expect(version).toMatchObject({ number: 1, status: "draft", revision: 1 });
    expect(version.definition.nodes).toEqual(defaultProcess.nodes);
    expect(version.definition.name).toEqual(name("Copy of new business"));

    const source = await admin.editor.createPipeline({ name: name("Source"), template: "blank" });
    await admin.editor.saveDraft({
      versionId: source.versionId,
      expectedRevision: 1,
      definition: renamed("Draft stage"),
    });
    const copy2 = await admin.editor.duplicatePipeline({
      pipelineId: source.pipelineId,
      name: name("Copy 2"),
    });
    const v2 = await admin.editor.version({ versionId: copy2.versionId });
    expect(v2.definition.nodes[0]!.data.name.en).toBe("Draft stage");
  });
});

describe("drafts", () => {
  it("should open a new draft copied from the published version, and the same one next time", async () => {
    const { versionId } = await admin.editor.openDraft({ pipelineId: c.pipelineId });
    expect((await admin.editor.openDraft({ pipelineId: c.pipelineId })).versionId).toBe(versionId);
    const version = await admin.editor.version({ versionId });
    expect(version).toMatchObject({ pipelineId: c.pipelineId, number: 2, status: "draft", revision: 1 });
    expect(version.definition).toEqual(defaultProcess);
    const pipeline = await admin.editor.pipeline({ pipelineId: c.pipelineId });
    expect(pipeline.versions.map((v) => [v.number, v.status])).toEqual([
      [2, "draft"],
      [1, "published"],
    ]);
  });

  it("should save a draft, bumping the revision and recording who saved it, even with compile errors", async () => {
    const { versionId } = await admin.editor.createPipeline({ name: name("Saves"), template: "blank" });
    // A dead-end stage: the compiler reports it, but a draft in progress may have it.
    const deadEnd = {
      ...blankProcess,
      nodes: [
        ...blankProcess.nodes,
        {
          id: "limbo",
          position: { x: 0, y: 500 },
          data: {
            kind: "stage",
            key: "limbo",
            name: name("Limbo"),
            outcome: "open",
            probability: 5,
            requiredFields: [],
            exitChecklist: [],
          },
        },
      ],
    };
    const saved = await trainer.editor.saveDraft({ versionId, expectedRevision: 1, definition: deadEnd });
    expect(saved.revision).toBe(2);
    const version = await admin.editor.version({ versionId });
    expect(version).toMatchObject({
      revision: 2,
      updatedBy: { id: c.users.trainer.id, name: "Editor trainer" },
    });
    expect(version.definition.nodes.map((n) => n.id)).toContain("limbo");
    expect(version.updatedAt.getTime()).toBe(saved.updatedAt.getTime());
  });

  it("should refuse a malformed definition with each problem, and keep the draft as it was", async () => {
    const { versionId } = await admin.editor.createPipeline({ name: name("Malformed"), template: "blank" });
    const bad = structuredClone(blankProcess) as unknown as { nodes: { data: { name: { en: string } } }[] };
    bad.nodes[0]!.data.name.en = "";
    const e = await failure(admin.editor.saveDraft({ versionId, expectedRevision: 1, definition: bad }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.text).toBe("The pipeline definition is not well formed.");
    expect(e.cause?.details?.errors).toEqual([
      {
        path: "nodes[0].data.name.en",
        key: "missing",
        values: { subject: "node", id: "start", part: "nameEn" },
      },
    ]);
    expect((await versionRow(versionId)).revision).toBe(1);
    expect(
      (await failure(admin.editor.saveDraft({ versionId, expectedRevision: 1, definition: [1] }))).code,
    ).toBe("BAD_REQUEST");
  });

  it("should turn down the second of two saves from one revision, handing back who saved, when, and what", async () => {
    const { versionId } = await admin.editor.createPipeline({ name: name("Conflict"), template: "blank" });
    await trainer.editor.saveDraft({ versionId, expectedRevision: 1, definition: renamed("Trainer's") });
    const e = await failure(
      admin.editor.saveDraft({ versionId, expectedRevision: 1, definition: renamed("Admin's") }),
    );
    expect(e.code).toBe("CONFLICT");
    expect(e.cause?.key).toBe("draftConflict");
    expect(e.text).toMatch(
      /^Editor trainer saved this draft at \d{4}-\d\d-\d\d \d\d:\d\d UTC, after you opened it\.$/,
    );
    expect(e.cause?.details).toMatchObject({
      revision: 2,
      updatedBy: { id: c.users.trainer.id, name: "Editor trainer" },
    });
    const theirs = e.cause!.details!.definition as PipelineDefinition;
    expect(theirs.nodes[0]!.data.name.en).toBe("Trainer's");
    // Nothing of the admin's save landed.
    expect((await versionRow(versionId)).definition.nodes[0]!.data.name.en).toBe("Trainer's");
    // Overwriting theirs is a save against their revision.
    const over = await admin.editor.saveDraft({
      versionId,
      expectedRevision: 2,
      definition: renamed("Admin's"),
    });
    expect(over.revision).toBe(3);
    expect((await versionRow(versionId)).definition.nodes[0]!.data.name.en).toBe("Admin's");
  });

  it("should let exactly one of two simultaneous saves from one revision win", async () => {
    const { versionId } = await admin.editor.createPipeline({ name: name("Race"), template: "blank" });
    const results = await Promise.all([
      failure(admin.editor.saveDraft({ versionId, expectedRevision: 1, definition: renamed("A") })),
      failure(trainer.editor.saveDraft({ versionId, expectedRevision: 1, definition: renamed("B") })),
    ]);
    expect(results.map((r) => r.code).sort()).toEqual(["CONFLICT", "ok"]);
    expect((await versionRow(versionId)).revision).toBe(2);
  });

  it("should refuse to save over a published version", async () => {
    const e = await failure(
      admin.editor.saveDraft({ versionId: c.versionId, expectedRevision: 1, definition: defaultProcess }),
    );
    expect(e).toMatchObject({
      code: "BAD_REQUEST",
      text: "This version is no longer a draft and cannot be changed. Open a draft to edit.",
    });
  });

  it("should discard a draft and nothing else", async () => {
    const { pipelineId, versionId } = await admin.editor.createPipeline({
      name: name("Discard"),
      template: "blank",
    });
    expect(await admin.editor.discardDraft({ versionId })).toEqual({ pipelineId });
    expect((await failure(admin.editor.version({ versionId }))).code).toBe("NOT_FOUND");
    expect((await failure(admin.editor.discardDraft({ versionId: c.versionId }))).code).toBe("BAD_REQUEST");
    // A pipeline left without versions gets a fresh draft of the blank process when opened again.
    const reopened = await admin.editor.openDraft({ pipelineId });
    const version = await admin.editor.version({ versionId: reopened.versionId });
    expect(version).toMatchObject({ number: 1, status: "draft" });
    expect(version.definition.name).toEqual(name("Discard"));
  });
});

describe("publish", () => {
  it("should refuse a definition with errors, listing the diagnostics, and change nothing", async () => {
    const { versionId } = await admin.editor.createPipeline({ name: name("Broken"), template: "blank" });
    const broken = { ...blankProcess, edges: blankProcess.edges.filter((e) => e.target !== "won") };
    await admin.editor.saveDraft({ versionId, expectedRevision: 1, definition: broken });
    const e = await failure(admin.editor.publish({ versionId, expectedRevision: 2, changeNote: "Try" }));
    expect(e).toMatchObject({
      code: "BAD_REQUEST",
      text: "The process still has errors. Fix them before publishing.",
    });
    const diagnostics = e.cause?.details?.diagnostics as { severity: string }[];
    expect(diagnostics.some((d) => d.severity === "error")).toBe(true);
    expect(await versionRow(versionId)).toMatchObject({
      status: "draft",
      revision: 2,
      machine: null,
      hash: null,
      publishedAt: null,
      changeNote: null,
    });
  });

  it("should ask for a change note", async () => {
    const { versionId } = await admin.editor.createPipeline({ name: name("Note"), template: "blank" });
    const e = await failure(admin.editor.publish({ versionId, expectedRevision: 1, changeNote: "   " }));
    expect(e.code).toBe("BAD_REQUEST");
    expect((await versionRow(versionId)).status).toBe("draft");
  });

  it("should refuse a stale revision like a save does", async () => {
    const { versionId } = await admin.editor.createPipeline({ name: name("Stale"), template: "blank" });
    await trainer.editor.saveDraft({ versionId, expectedRevision: 1, definition: renamed("New") });
    const e = await failure(admin.editor.publish({ versionId, expectedRevision: 1, changeNote: "Go" }));
    expect(e.code).toBe("CONFLICT");
    expect((await versionRow(versionId)).status).toBe("draft");
  });

  it("should publish, retire the previous version, and keep deals on the old version running", async () => {
    const [oldDeal] = await t.db
      .select()
      .from(deals)
      .where(and(eq(deals.companyId, c.id), eq(deals.id, c.dealIds[0]!)));
    expect(oldDeal).toMatchObject({ pipelineVersionId: c.versionId, stage: "lead" });

    const { versionId } = await admin.editor.openDraft({ pipelineId: c.pipelineId });
    const draft = await admin.editor.version({ versionId });
    const changed = structuredClone(draft.definition);
    const lead = changed.nodes.find((n) => n.id === "lead")!.data as { probability: number };
    lead.probability = 8;
    const { revision } = await trainer.editor.saveDraft({
      versionId,
      expectedRevision: draft.revision,
      definition: changed,
    });
    expect(
      await trainer.editor.publish({
        versionId,
        expectedRevision: revision,
        changeNote: "  Lead is worth 8%  ",
      }),
    ).toEqual({
      versionId,
      number: 2,
    });

    const published = await versionRow(versionId);
    expect(published).toMatchObject({
      status: "published",
      changeNote: "Lead is worth 8%",
      updatedBy: c.users.trainer.id,
    });
    expect(published.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(published.machine).toMatchObject({ machine: { initial: "lead" } });
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect((await versionRow(c.versionId)).status).toBe("retired");
    const pipeline = await admin.editor.pipeline({ pipelineId: c.pipelineId });
    expect(pipeline.versions.map((v) => [v.number, v.status])).toEqual([
      [2, "published"],
      [1, "retired"],
    ]);

    // The retired version is immutable: its definition cannot be written.
    await expect(
      t.db
        .update(pipelineVersions)
        .set({ definition: blankProcess })
        .where(and(eq(pipelineVersions.companyId, c.id), eq(pipelineVersions.id, c.versionId))),
    ).rejects.toThrow();

    // A deal on the retired version still moves, on that version.
    const rep = callerFor(t.db, c.users.rep.id, c.id);
    const moved = await rep.deals.applyAction({
      dealId: oldDeal!.id,
      expectedVersion: oldDeal!.version,
      action: "startContact",
      changes: { industry: "finance", region: "east", source: "website" },
    });
    expect(moved).toMatchObject({ stage: "contact" });
    const [after] = await t.db
      .select({ versionId: deals.pipelineVersionId, stage: deals.stage })
      .from(deals)
      .where(and(eq(deals.companyId, c.id), eq(deals.id, oldDeal!.id)));
    expect(after).toEqual({ versionId: c.versionId, stage: "contact" });

    // New deals start on the new version.
    const created = await rep.deals.create({ values: { title: "After publish", account: "Acme" } });
    const [fresh] = await t.db
      .select({ versionId: deals.pipelineVersionId })
      .from(deals)
      .where(and(eq(deals.companyId, c.id), eq(deals.id, created.id)));
    expect(fresh!.versionId).toBe(versionId);

    // The next draft starts from what was just published.
    const next = await admin.editor.openDraft({ pipelineId: c.pipelineId });
    const nextVersion = await admin.editor.version({ versionId: next.versionId });
    expect(nextVersion.number).toBe(3);
    expect(
      (nextVersion.definition.nodes.find((n) => n.id === "lead")!.data as { probability: number })
        .probability,
    ).toBe(8);
    expect((await failure(admin.editor.discardDraft({ versionId }))).code).toBe("BAD_REQUEST");
    await admin.editor.discardDraft({ versionId: next.versionId });
  });

  it("should publish only once when two publishes of one draft race", async () => {
    const { pipelineId, versionId } = await admin.editor.createPipeline({
      name: name("Publish race"),
      template: "saas",
    });
    const results = await Promise.all([
      failure(admin.editor.publish({ versionId, expectedRevision: 1, changeNote: "One" })),
      failure(trainer.editor.publish({ versionId, expectedRevision: 1, changeNote: "Two" })),
    ]);
    expect(results.map((r) => r.code).sort()).toEqual(["BAD_REQUEST", "ok"]);
    const pipeline = await admin.editor.pipeline({ pipelineId });
    expect(pipeline.versions.map((v) => v.status)).toEqual(["published"]);
  });
});

describe("field fit and directory", () => {
  it("should count the deals whose values would not fit a changed field, with examples", async () => {
    await t.db
      .update(deals)
      .set({ fields: { industry: "finance", discountPct: 12 } })
      .where(and(eq(deals.companyId, c.id), eq(deals.id, c.dealIds[1]!)));
    await t.db
      .update(deals)
      .set({ fields: { industry: "retail" } })
      .where(and(eq(deals.companyId, c.id), eq(deals.id, c.dealIds[2]!)));
    const industry = defaultProcess.fields.find((f) => f.key === "industry")!;
    const withoutFinance = { ...industry, options: industry.options!.filter((o) => o.value !== "finance") };
    const fit = await admin.editor.fieldFit({ pipelineId: c.pipelineId, field: withoutFinance });
    // Deal 1 was moved on with industry "finance" above; deal 2 holds it; deal 3 is retail.
    expect(fit.misfits).toBe(2);
    expect(fit.withValue).toBe(3);
    expect(fit.examples.sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      { dealId: c.dealIds[0], title: "Editor deal 1", value: "finance" },
      { dealId: c.dealIds[1], title: "Editor deal 2", value: "finance" },
    ]);
    expect(fit.deals).toBeGreaterThanOrEqual(3);

    // Retyping a number to a date: every deal holding a number would not fit.
    const asDate = await admin.editor.fieldFit({
      pipelineId: c.pipelineId,
      field: { key: "discountPct", name: name("Discount"), type: "date" },
    });
    expect(asDate).toMatchObject({ misfits: 1, withValue: 1 });
    // A column field (amount) is read from its column.
    const amountAsBoolean = await admin.editor.fieldFit({
      pipelineId: c.pipelineId,
      field: { key: "amount", name: name("Amount"), type: "boolean" },
    });
    expect(amountAsBoolean.misfits).toBe(3);
    expect(amountAsBoolean.examples.map((e) => Number(e.value)).sort((a, b) => a - b)).toEqual([
      80_000, 100_000, 250_000,
    ]);
    // Unchanged: everything fits.
    expect((await admin.editor.fieldFit({ pipelineId: c.pipelineId, field: industry })).misfits).toBe(0);
  });

  it("should list the company's active members and its teams", async () => {
    await t.db
      .update(memberships)
      .set({ status: "deactivated" })
      .where(and(eq(memberships.companyId, c.id), eq(memberships.userId, c.users.manager.id)));
    const { users, teams } = await admin.editor.directory();
    expect(users.map((u) => u.email).sort()).toEqual([
      "admin@editor.test",
      "rep@editor.test",
      "trainer@editor.test",
    ]);
    expect(users.find((u) => u.id === c.users.rep.id)).toEqual({
      id: c.users.rep.id,
      name: "Editor rep",
      email: "rep@editor.test",
      role: "rep",
    });
    expect(teams).toEqual([{ id: c.teamId, key: null, name: "Editor team", nameEn: null }]);
    await t.db
      .update(memberships)
      .set({ status: "active" })
      .where(and(eq(memberships.companyId, c.id), eq(memberships.userId, c.users.manager.id)));
  });
});
