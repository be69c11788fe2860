import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import {
  deals,
  memberships,
  pipelineVersions,
  teamMembers,
  teams,
  users,
  versionAuditEvents,
} from "@/lib/server/db/schema";
import { createDeal } from "@/lib/server/deals/create-deal";
import { blankProcess } from "@/workflows/templates/blank";
import { defaultProcess } from "@/workflows/templates/default-process";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
let c: TestCompany;
let other: TestCompany;
let trainer: ReturnType<typeof callerFor>;
let admin: ReturnType<typeof callerFor>;
/** Two teams of reps, keyed as the default process's assignment rule names them. */
let east: { teamId: string; repId: string };
let north: { teamId: string; repId: string };

const DAY = 86_400_000;
const en = translator("en");

type Failure = { code?: string; key?: string; text?: string };
async function failure(p: Promise<unknown>): Promise<Failure> {
  return p.then(
    () => ({ code: "ok" }),
    (e: { code?: string; cause?: { key?: string; values?: Record<string, string | number> } }) => ({
      code: e.code,
      key: e.cause?.key,
      text: e.cause?.key ? en(`errors.${e.cause.key}` as never, e.cause.values as never) : undefined,
    }),
  );
}

async function addTeam(company: TestCompany, key: string, name: string) {
  const [user] = await t.db
    .insert(users)
    .values({ email: `rep.${key}@${company.id}.test`, name: `Rep ${name}` })
    .returning({ id: users.id });
  await t.db.insert(memberships).values({ companyId: company.id, userId: user!.id, role: "rep" });
  const [team] = await t.db
    .insert(teams)
    .values({ companyId: company.id, name, nameEn: name, key })
    .returning({ id: teams.id });
  await t.db.insert(teamMembers).values({ companyId: company.id, teamId: team!.id, userId: user!.id });
  return { teamId: team!.id, repId: user!.id };
}

const asRep = (repId: string) => callerFor(t.db, repId, c.id);
const scope = (role: "admin" | "rep" = "rep") => ({ id: c.id, name: "Versions Co", role });

async function versionOf(dealId: string) {
  const [row] = await t.db
    .select({ versionId: deals.pipelineVersionId })
    .from(deals)
    .where(and(eq(deals.companyId, c.id), eq(deals.id, dealId)));
  return row!.versionId;
}

async function statusOf(versionId: string) {
  const [row] = await t.db
    .select({ status: pipelineVersions.status })
    .from(pipelineVersions)
    .where(and(eq(pipelineVersions.companyId, c.id), eq(pipelineVersions.id, versionId)));
  return row!.status;
}

/** A draft of the pipeline (a copy of the published version) with a revision, for piloting. */
async function draft() {
  const { versionId } = await trainer.versions.newDraft({ versionId: c.versionId });
  const v = await trainer.editor.version({ versionId });
  return { versionId, revision: v.revision, number: v.number };
}

beforeAll(async () => {
  c = await makeCompany(t.db, "Versions");
  other = await makeCompany(t.db, "Elsewhere");
  trainer = callerFor(t.db, c.users.trainer.id, c.id);
  admin = callerFor(t.db, c.users.admin.id, c.id);
  east = await addTeam(c, "east", "East");
  north = await addTeam(c, "north", "North");
});

describe("pilots route new deals by team", () => {
  let pilotVersion: string;
  let pilotId: string;

  it("should pilot a draft with East: compiled, frozen, audited", async () => {
    const d = await draft();
    const started = await trainer.versions.startPilot({
      versionId: d.versionId,
      expectedRevision: d.revision,
      teamIds: [east.teamId],
      startsAt: new Date(Date.now() - DAY),
      endsAt: null,
      note: "Shorter qualification for East",
    });
    pilotVersion = d.versionId;
    pilotId = started.pilotId;
    const [row] = await t.db
      .select()
      .from(pipelineVersions)
      .where(and(eq(pipelineVersions.companyId, c.id), eq(pipelineVersions.id, d.versionId)));
    expect(row).toMatchObject({ status: "pilot", changeNote: "Shorter qualification for East" });
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
    const overview = await trainer.versions.overview({ pipelineId: c.pipelineId });
    expect(overview.pilots[0]).toMatchObject({
      id: pilotId,
      versionNumber: d.number,
      state: "active",
      teams: [{ id: east.teamId, name: "East" }],
    });
    // A start in the past is moved to when the pilot was really set up.
    expect(overview.pilots[0]!.startsAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(overview.audit.slice(0, 2).map((a) => [a.action, a.versionNumber, a.actor?.id])).toEqual([
      ["piloted", d.number, c.users.trainer.id],
      ["drafted", d.number, c.users.trainer.id],
    ]);
    expect(overview.audit[0]!.note).toBe("Shorter qualification for East");
  });

  it("should start an East rep's new deal on the pilot version and a North rep's on the published one", async () => {
    const eastDeal = await asRep(east.repId).deals.create({
      values: { title: "East deal", account: "华东" },
    });
    const northDeal = await asRep(north.repId).deals.create({
      values: { title: "North deal", account: "华北" },
    });
    expect(await versionOf(eastDeal.id)).toBe(pilotVersion);
    expect(await versionOf(northDeal.id)).toBe(c.versionId);
    // What the rep sees: the badge on the deal page and in the list.
    const page = await asRep(east.repId).deals.get({ dealId: eastDeal.id });
    expect(page.version).toEqual({ number: 2, status: "pilot" });
    const listed = await asRep(east.repId).deals.list({});
    expect(listed.items.find((d) => d.id === eastDeal.id)).toMatchObject({
      versionNumber: 2,
      versionStatus: "pilot",
    });
    // On the board too (a pilot deal's card carries the badge).
    const board = await asRep(east.repId).board.get({});
    expect(board.cards.find((card) => card.id === eastDeal.id)).toMatchObject({
      pilot: true,
      versionNumber: 2,
    });
    // And the new-deal form shows the fields of the version their deal will start on.
    const [form] = await asRep(east.repId).pipelines.newDealForms();
    expect(form).toMatchObject({ versionNumber: 2, pilot: true });
    const [northForm] = await asRep(north.repId).pipelines.newDealForms();
    expect(northForm).toMatchObject({ versionNumber: 1, pilot: false });
  });

  it("should route a deal by the team its owner or the assignment rule gives it", async () => {
    // An admin creating a deal for the East rep.
    const owned = await createDeal(t.db, scope("admin"), c.users.admin.id, {
      values: { title: "For East", account: "A" },
      ownerId: east.repId,
    });
    expect(await versionOf(owned.id)).toBe(pilotVersion);
    // An ownerless deal (import, API) whose region the rule maps to the East team.
    const ruled = await createDeal(t.db, scope("admin"), null, {
      values: { title: "Ruled east", account: "B", region: "east" },
    });
    expect(ruled.teamId).toBe(east.teamId);
    expect(await versionOf(ruled.id)).toBe(pilotVersion);
    const ruledNorth = await createDeal(t.db, scope("admin"), null, {
      values: { title: "Ruled north", account: "C", region: "north" },
    });
    expect(ruledNorth.teamId).toBe(north.teamId);
    expect(await versionOf(ruledNorth.id)).toBe(c.versionId);
  });

  it("should filter the deals list by version", async () => {
    const pilotOnly = await admin.deals.list({ versionIds: [pilotVersion] });
    expect(pilotOnly.items.length).toBeGreaterThanOrEqual(3);
    expect(new Set(pilotOnly.items.map((d) => d.versionStatus))).toEqual(new Set(["pilot"]));
    expect((await admin.deals.count({ versionIds: [pilotVersion] })).count).toBe(pilotOnly.items.length);
    const byVersion = await admin.deals.list({ sort: { key: "version", dir: "desc" } });
    const numbers = byVersion.items.map((d) => d.versionNumber);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    const pipelines = await asRep(north.repId).pipelines.list();
    expect(pipelines[0]!.versions.map((v) => [v.number, v.status])).toEqual([
      [2, "pilot"],
      [1, "published"],
    ]);
  });

  it("should refuse a second pilot of East overlapping the first, naming the team", async () => {
    const d = await draft();
    const e = await failure(
      trainer.versions.startPilot({
        versionId: d.versionId,
        expectedRevision: d.revision,
        teamIds: [north.teamId, east.teamId],
        startsAt: new Date(),
        endsAt: null,
        note: "Clash",
      }),
    );
    expect(e).toMatchObject({ code: "BAD_REQUEST", key: "versions.teamInPilot" });
    expect(e.text).toBe(
      "East is already in the pilot of v2 at that time. End that pilot first, or choose other dates.",
    );
    expect(await statusOf(d.versionId)).toBe("draft");
    await admin.editor.discardDraft({ versionId: d.versionId });
  });

  it("should start East deals on the published version once the pilot is ended", async () => {
    const ended = await trainer.versions.endPilot({ pilotId, note: "Enough data" });
    expect(ended.pilotId).toBe(pilotId);
    const deal = await asRep(east.repId).deals.create({ values: { title: "After the pilot", account: "X" } });
    expect(await versionOf(deal.id)).toBe(c.versionId);
    expect(await statusOf(pilotVersion)).toBe("pilot");
    expect((await failure(trainer.versions.endPilot({ pilotId }))).key).toBe("versions.pilotOver");
  });

  it("should route by the pilot's dates: published before its start and after its end", async () => {
    const start = new Date(Date.now() + 10 * DAY);
    const end = new Date(Date.now() + 20 * DAY);
    await trainer.versions.startPilot({
      versionId: pilotVersion,
      teamIds: [east.teamId],
      startsAt: start,
      endsAt: end,
      note: "Second round",
    });
    const at = async (when: Date) =>
      versionOf(
        (
          await createDeal(t.db, scope(), east.repId, {
            values: { title: `At ${when.toISOString()}`, account: "Y" },
            now: when,
          })
        ).id,
      );
    expect(await at(new Date(start.getTime() - 1))).toBe(c.versionId);
    expect(await at(start)).toBe(pilotVersion);
    expect(await at(new Date(end.getTime() - 1))).toBe(pilotVersion);
    expect(await at(end)).toBe(c.versionId);
  });
});

describe("lifecycle rules on the server", () => {
  it("should refuse to pilot a draft with compiler errors, and change nothing", async () => {
    const d = await draft();
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
            name: { zh: "悬空", en: "Limbo" },
            outcome: "open",
            probability: 5,
            requiredFields: [],
            exitChecklist: [],
          },
        },
      ],
    };
    const saved = await trainer.editor.saveDraft({
      versionId: d.versionId,
      expectedRevision: d.revision,
      definition: deadEnd,
    });
    const e = await failure(
      trainer.versions.startPilot({
        versionId: d.versionId,
        expectedRevision: saved.revision,
        teamIds: [north.teamId],
        startsAt: new Date(),
        endsAt: null,
        note: "Broken",
      }),
    );
    expect(e).toMatchObject({ code: "BAD_REQUEST", key: "versionHasErrors" });
    expect(await statusOf(d.versionId)).toBe("draft");
    await admin.editor.discardDraft({ versionId: d.versionId });
  });

  it("should refuse to pilot a draft someone saved after the trainer looked", async () => {
    const d = await draft();
    await admin.editor.saveDraft({
      versionId: d.versionId,
      expectedRevision: d.revision,
      definition: defaultProcess,
    });
    const e = await failure(
      trainer.versions.startPilot({
        versionId: d.versionId,
        expectedRevision: d.revision,
        teamIds: [north.teamId],
        startsAt: new Date(),
        endsAt: null,
        note: "Stale",
      }),
    );
    expect(e).toMatchObject({ code: "CONFLICT", key: "draftConflict" });
    await admin.editor.discardDraft({ versionId: d.versionId });
  });

  it("should refuse pilot windows that end before they start or in the past", async () => {
    const d = await draft();
    const pilot = (startsAt: Date, endsAt: Date) =>
      failure(
        trainer.versions.startPilot({
          versionId: d.versionId,
          expectedRevision: d.revision,
          teamIds: [north.teamId],
          startsAt,
          endsAt,
          note: "Dates",
        }),
      );
    expect((await pilot(new Date(Date.now() + 5 * DAY), new Date(Date.now() + 2 * DAY))).key).toBe(
      "versions.pilotEndsBeforeStart",
    );
    expect((await pilot(new Date(Date.now() - 5 * DAY), new Date(Date.now() - 2 * DAY))).key).toBe(
      "versions.pilotEndsInPast",
    );
    await admin.editor.discardDraft({ versionId: d.versionId });
  });

  it("should keep pilot versions immutable, in the editor and in the database", async () => {
    const overview = await trainer.versions.overview({ pipelineId: c.pipelineId });
    const pilot = overview.versions.find((v) => v.status === "pilot")!;
    expect(pilot.allowed).toEqual(["pilot", "promote", "retire", "endPilot"]);
    expect(
      (
        await failure(
          trainer.editor.saveDraft({ versionId: pilot.id, expectedRevision: 1, definition: blankProcess }),
        )
      ).key,
    ).toBe("versionNotDraft");
    expect((await failure(admin.editor.discardDraft({ versionId: pilot.id }))).key).toBe(
      "versions.immutable",
    );
    const where = and(eq(pipelineVersions.companyId, c.id), eq(pipelineVersions.id, pilot.id));
    await expect(
      t.db
        .update(pipelineVersions)
        .set({ definition: blankProcess as PipelineDefinition })
        .where(where),
    ).rejects.toThrow();
    // Nor can its status go back to draft (which would make it editable again).
    await expect(t.db.update(pipelineVersions).set({ status: "draft" }).where(where)).rejects.toThrow();
  });

  it("should keep one published version per pipeline, even against a direct write", async () => {
    const d = await draft();
    await expect(
      t.db
        .update(pipelineVersions)
        .set({ status: "published" })
        .where(and(eq(pipelineVersions.companyId, c.id), eq(pipelineVersions.id, d.versionId))),
    ).rejects.toThrow();
    expect((await failure(trainer.versions.promote({ versionId: d.versionId, note: "No" }))).key).toBe(
      "versions.notPilot",
    );
    expect((await failure(trainer.versions.retire({ versionId: c.versionId, note: "No" }))).key).toBe(
      "versions.publishedStays",
    );
    await admin.editor.discardDraft({ versionId: d.versionId });
  });
});

describe("rollout", () => {
  it("should promote the pilot for everyone, retire v1 and keep v1's deals running on it", async () => {
    const overview = await trainer.versions.overview({ pipelineId: c.pipelineId });
    const pilot = overview.versions.find((v) => v.status === "pilot")!;
    const oldDeal = await asRep(north.repId).deals.create({ values: { title: "Old process", account: "Z" } });
    expect(await versionOf(oldDeal.id)).toBe(c.versionId);

    const promoted = await trainer.versions.promote({ versionId: pilot.id, note: "East closed faster" });
    expect(promoted).toMatchObject({ number: 2, retired: [{ id: c.versionId, number: 1 }], endedPilots: 1 });
    expect(await statusOf(pilot.id)).toBe("published");
    expect(await statusOf(c.versionId)).toBe("retired");

    // Everyone's new deals start on v2 now; the old deal stays on v1 and still moves on it.
    const northDeal = await asRep(north.repId).deals.create({
      values: { title: "New process", account: "Z" },
    });
    expect(await versionOf(northDeal.id)).toBe(pilot.id);
    const before = await asRep(north.repId).deals.get({ dealId: oldDeal.id });
    expect(before.version).toEqual({ number: 1, status: "retired" });
    const moved = await asRep(north.repId).deals.applyAction({
      dealId: oldDeal.id,
      expectedVersion: before.deal.version,
      action: "disqualify",
      changes: { lostReason: "noBudget" },
    });
    expect(moved).toBeTruthy();
    expect(await versionOf(oldDeal.id)).toBe(c.versionId);

    const after = await trainer.versions.overview({ pipelineId: c.pipelineId });
    expect(after.pilots.every((p) => p.state === "ended")).toBe(true);
    expect(after.audit.slice(0, 2).map((a) => [a.action, a.versionNumber, a.note])).toEqual(
      expect.arrayContaining([
        ["rolledOut", 2, "East closed faster"],
        ["retired", 1, null],
      ]),
    );
    expect((await failure(trainer.versions.promote({ versionId: pilot.id, note: "Again" }))).key).toBe(
      "versions.notPilot",
    );
  });

  it("should retire an abandoned pilot: its pilots end, its deals keep running, East goes back to published", async () => {
    const d = await trainer.versions.newDraft({ versionId: c.versionId });
    const v = await trainer.editor.version({ versionId: d.versionId });
    await trainer.versions.startPilot({
      versionId: d.versionId,
      expectedRevision: v.revision,
      teamIds: [east.teamId],
      startsAt: new Date(),
      endsAt: null,
      note: "Try the old way again",
    });
    const onPilot = await asRep(east.repId).deals.create({
      values: { title: "On the doomed pilot", account: "Q" },
    });
    expect(await versionOf(onPilot.id)).toBe(d.versionId);
    const retired = await trainer.versions.retire({ versionId: d.versionId, note: "Did not help" });
    expect(retired).toMatchObject({ endedPilots: 1 });
    expect(await statusOf(d.versionId)).toBe("retired");
    const next = await asRep(east.repId).deals.create({
      values: { title: "Back on published", account: "Q" },
    });
    expect(await statusOf(await versionOf(next.id))).toBe("published");
    expect((await asRep(east.repId).deals.get({ dealId: onPilot.id })).version.status).toBe("retired");
  });

  it("should record publishing from the editor in the audit log, with the version it retired", async () => {
    const d = await draft();
    await trainer.editor.publish({
      versionId: d.versionId,
      expectedRevision: d.revision,
      changeNote: "Straight to all",
    });
    const rows = await t.db
      .select({ action: versionAuditEvents.action, number: versionAuditEvents.versionNumber })
      .from(versionAuditEvents)
      .where(eq(versionAuditEvents.companyId, c.id));
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: "published", number: d.number },
        { action: "retired", number: 2 },
      ]),
    );
    // The log is append-only.
    await expect(
      t.db
        .update(versionAuditEvents)
        .set({ note: "rewritten" })
        .where(eq(versionAuditEvents.companyId, c.id)),
    ).rejects.toThrow();
  });
});

describe("versions of another company", () => {
  it("should be NOT_FOUND to company B's trainer, and B cannot pilot with A's teams", async () => {
    const b = callerFor(t.db, other.users.trainer.id, other.id);
    const overview = await trainer.versions.overview({ pipelineId: c.pipelineId });
    const aVersion = overview.versions[0]!.id;
    const aPilot = overview.pilots[0]!.id;
    const attempts = {
      overview: () => b.versions.overview({ pipelineId: c.pipelineId }),
      newDraft: () => b.versions.newDraft({ versionId: aVersion }),
      startPilot: () =>
        b.versions.startPilot({
          versionId: aVersion,
          teamIds: [other.teamId],
          startsAt: new Date(),
          endsAt: null,
          note: "x",
        }),
      endPilot: () => b.versions.endPilot({ pilotId: aPilot }),
      promote: () => b.versions.promote({ versionId: aVersion, note: "x" }),
      retire: () => b.versions.retire({ versionId: aVersion, note: "x" }),
      compare: () => b.versions.compare({ versionId: aVersion }),
    };
    for (const [name, attempt] of Object.entries(attempts))
      expect([name, (await failure(attempt())).code]).toEqual([name, "NOT_FOUND"]);
    // B's own draft, piloted with A's team: the team is not found.
    const { versionId } = await b.versions.newDraft({ versionId: other.versionId });
    const v = await b.editor.version({ versionId });
    const e = await failure(
      b.versions.startPilot({
        versionId,
        expectedRevision: v.revision,
        teamIds: [east.teamId],
        startsAt: new Date(),
        endsAt: null,
        note: "x",
      }),
    );
    expect(e).toMatchObject({ code: "NOT_FOUND", key: "teamNotFound" });
    expect(await statusOf(overview.versions[0]!.id)).toBe(overview.versions[0]!.status);
    // And A's version filter finds nothing of B's deals.
    expect(
      (await callerFor(t.db, other.users.admin.id, other.id).deals.list({ versionIds: [aVersion] })).items,
    ).toEqual([]);
  });
});

describe("pilot versus the rest", () => {
  it("should compare the pilot teams' deals with the other teams' over the pilot period", async () => {
    const co = await makeCompany(t.db, "Compare");
    const coTrainer = callerFor(t.db, co.users.trainer.id, co.id);
    const coEast = await addTeam(co, "east", "East");
    const coNorth = await addTeam(co, "north", "North");
    const { versionId } = await coTrainer.versions.newDraft({ versionId: co.versionId });
    const { revision } = await coTrainer.editor.version({ versionId });
    expect((await failure(coTrainer.versions.compare({ versionId }))).key).toBe("versions.notPiloted");
    await coTrainer.versions.startPilot({
      versionId,
      expectedRevision: revision,
      teamIds: [coEast.teamId],
      startsAt: new Date(),
      endsAt: null,
      note: "Compare",
    });
    const rep = (id: string) => callerFor(t.db, id, co.id);
    const east = await Promise.all(
      [1, 2, 3].map((i) => rep(coEast.repId).deals.create({ values: { title: `E${i}`, account: "A" } })),
    );
    await Promise.all(
      [1, 2].map((i) => rep(coNorth.repId).deals.create({ values: { title: `N${i}`, account: "B" } })),
    );
    await rep(coEast.repId).deals.applyAction({
      dealId: east[0]!.id,
      expectedVersion: east[0]!.version,
      action: "disqualify",
      changes: { lostReason: "noBudget" },
    });
    const result = await coTrainer.versions.compare({ versionId });
    expect(result.version).toMatchObject({ id: versionId, number: 2, status: "pilot" });
    expect(result.teams.map((x) => x.name)).toEqual(["East"]);
    expect(result.period.running).toBe(true);
    const { comparison } = result;
    // The fixture's older deals (created before the pilot) are not in the rest.
    expect([comparison.pilot.deals, comparison.rest.deals]).toEqual([3, 2]);
    expect([comparison.pilot.lost, comparison.pilot.won]).toEqual([1, 0]);
    expect(comparison.winRate.a).toEqual({ x: 0, n: 1, rate: 0 });
    expect(comparison.pilot.stages.lead).toMatchObject({ entered: 3, advanced: 0, stays: 1 });
    expect(comparison.rest.stages.lead).toMatchObject({ entered: 2, advanced: 0, stays: 0 });
    expect(comparison.verdict).toEqual({ kind: "notEnoughData", reason: "smallSample" });
  });
});
