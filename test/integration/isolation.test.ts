import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memberships, teams } from "@/lib/server/db/schema";
import { defaultProcess } from "@/workflows/templates/default-process";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
let a: TestCompany;
let b: TestCompany;
beforeAll(async () => {
  a = await makeCompany(t.db, "Apple");
  b = await makeCompany(t.db, "Banana");
});

async function codeOf(p: Promise<unknown>) {
  return p.then(
    () => "ok",
    (e: { code?: string }) => e.code,
  );
}

describe("cross-company isolation", () => {
  it("should answer NOT_FOUND, never act, when company A's admin names company B's records", async () => {
    const admin = callerFor(t.db, a.users.admin.id, a.id);
    const attempts = {
      setRole: () => admin.users.setRole({ userId: b.users.rep.id, role: "admin" }),
      setStatus: () => admin.users.setStatus({ userId: b.users.admin.id, active: false }),
      setTeams: () => admin.users.setTeams({ userId: b.users.rep.id, teamIds: [] }),
      resetPassword: () => admin.users.resetPassword({ userId: b.users.rep.id }),
      revokeInvite: () => admin.users.revokeInvite({ inviteId: b.inviteId }),
      updateTeam: () =>
        admin.teams.update({ teamId: b.teamId, name: "Mine now", managerId: null, memberIds: [] }),
      deleteTeam: () => admin.teams.delete({ teamId: b.teamId }),
      addToForeignTeam: () => admin.users.setTeams({ userId: a.users.rep.id, teamIds: [b.teamId] }),
      createInForeignTeam: () =>
        admin.users.create({
          email: "x@apple.test",
          name: "X",
          role: "rep",
          teamIds: [b.teamId],
          method: "password",
        }),
      foreignManager: () =>
        admin.teams.create({ name: "Spy team", managerId: b.users.manager.id, memberIds: [] }),
      foreignMember: () =>
        admin.teams.create({ name: "Spy team 2", managerId: null, memberIds: [b.users.rep.id] }),
      switchCompany: () => admin.me.switchCompany({ companyId: b.id }),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      expect([name, await codeOf(attempt())]).toEqual([name, "NOT_FOUND"]);
    }
    // Nothing of B changed.
    const [bRep] = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.companyId, b.id), eq(memberships.userId, b.users.rep.id)));
    expect(bRep).toMatchObject({ role: "rep", status: "active" });
    const [bTeam] = await t.db
      .select()
      .from(teams)
      .where(and(eq(teams.companyId, b.id), eq(teams.id, b.teamId)));
    expect(bTeam?.name).toBe("Banana team");
  });

  it("should list only the caller's company in every list", async () => {
    const admin = callerFor(t.db, a.users.admin.id, a.id);
    const users = await admin.users.list();
    expect(users.every((u) => u.email.endsWith("@apple.test"))).toBe(true);
    const teamList = await admin.teams.list();
    expect(teamList.map((x) => x.name)).not.toContain("Banana team");
    const deals = await admin.deals.list({});
    expect(deals.items.map((d) => d.title).sort()).toEqual(["Apple deal 1", "Apple deal 2", "Apple deal 3"]);
    const pipelines = await admin.pipelines.list();
    expect(pipelines).toHaveLength(1);
    expect(pipelines[0]!.stages.reduce((s, x) => s + x.dealCount, 0)).toBe(3);
    const summary = await admin.deals.summary();
    expect(summary.openCount).toBe(2);
    expect((await admin.company.get()).name).toBe("Apple Co");
  });

  it("should not let a forged company cookie reach another company's data", async () => {
    // A's rep claims to act in B: membership is checked, so they stay in A.
    const rep = callerFor(t.db, a.users.rep.id, b.id);
    expect((await rep.company.get()).name).toBe("Apple Co");
    const deals = await rep.deals.list({});
    expect(deals.items.every((d) => d.title.startsWith("Apple"))).toBe(true);
  });

  it("should show reps their own deals, managers their teams', admins all", async () => {
    const titles = async (role: "admin" | "manager" | "trainer" | "rep") =>
      (await callerFor(t.db, a.users[role].id, a.id).deals.list({})).items.map((d) => d.title).sort();
    expect(await titles("rep")).toEqual(["Apple deal 1", "Apple deal 2"]);
    expect(await titles("manager")).toEqual(["Apple deal 1", "Apple deal 2"]);
    expect(await titles("admin")).toEqual(["Apple deal 1", "Apple deal 2", "Apple deal 3"]);
    expect(await titles("trainer")).toEqual(["Apple deal 1", "Apple deal 2", "Apple deal 3"]);
    // Counts follow the same rule as lists.
    const stageCount = async (role: "admin" | "rep") =>
      (await callerFor(t.db, a.users[role].id, a.id).pipelines.list())[0]!.stages.reduce(
        (s, x) => s + x.dealCount,
        0,
      );
    expect(await stageCount("rep")).toBe(2);
    expect(await stageCount("admin")).toBe(3);
    expect(
      (await callerFor(t.db, a.users.rep.id, a.id).deals.byStage()).reduce((s, r) => s + r.count, 0),
    ).toBe(2);
  });

  it("should show a rep the team's deals only when the company allows it", async () => {
    const c = await makeCompany(t.db, "Cherry");
    const admin = callerFor(t.db, c.users.admin.id, c.id);
    await admin.users.create({
      email: "rep2@cherry.test",
      name: "Rep Two",
      role: "rep",
      teamIds: [c.teamId],
      method: "password",
    });
    const rep2 = (await admin.users.list()).find((u) => u.email === "rep2@cherry.test")!;
    const seen = async () => (await callerFor(t.db, rep2.id, c.id).deals.list({})).items.length;
    expect(await seen()).toBe(0);
    await admin.company.update({
      name: "Cherry Co",
      nameEn: null,
      repsSeeTeamDeals: true,
    });
    expect(await seen()).toBe(2);
  });

  it("should keep the process editor to the caller's company: another's pipelines and versions are NOT_FOUND", async () => {
    const admin = callerFor(t.db, a.users.admin.id, a.id);
    const bDraft = await callerFor(t.db, b.users.admin.id, b.id).editor.openDraft({
      pipelineId: b.pipelineId,
    });
    const field = { key: "industry", name: { zh: "行业", en: "Industry" }, type: "text" as const };
    const attempts = {
      pipeline: () => admin.editor.pipeline({ pipelineId: b.pipelineId }),
      version: () => admin.editor.version({ versionId: b.versionId }),
      openDraft: () => admin.editor.openDraft({ pipelineId: b.pipelineId }),
      duplicate: () =>
        admin.editor.duplicatePipeline({ pipelineId: b.pipelineId, name: { zh: "偷", en: "Stolen" } }),
      saveDraft: () =>
        admin.editor.saveDraft({
          versionId: bDraft.versionId,
          expectedRevision: 1,
          definition: defaultProcess,
        }),
      publish: () =>
        admin.editor.publish({ versionId: bDraft.versionId, expectedRevision: 1, changeNote: "Mine" }),
      discardDraft: () => admin.editor.discardDraft({ versionId: bDraft.versionId }),
      fieldFit: () => admin.editor.fieldFit({ pipelineId: b.pipelineId, field }),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      expect([name, await codeOf(attempt())]).toEqual([name, "NOT_FOUND"]);
    }
    // B's draft and published version are as they were.
    const bVersions = await callerFor(t.db, b.users.admin.id, b.id).editor.pipeline({
      pipelineId: b.pipelineId,
    });
    expect(bVersions.versions.map((v) => [v.number, v.status, v.revision])).toEqual([
      [2, "draft", 1],
      [1, "published", 1],
    ]);
    const directory = await admin.editor.directory();
    expect(directory.users.every((u) => u.email.endsWith("@apple.test"))).toBe(true);
    expect(directory.teams.map((x) => x.name)).toEqual(["Apple team"]);
  });

  it("should keep versions and pilots to the caller's company: another's are NOT_FOUND, its teams unknown", async () => {
    const trainerA = callerFor(t.db, a.users.trainer.id, a.id);
    const trainerB = callerFor(t.db, b.users.trainer.id, b.id);
    const bDraft = await trainerB.versions.newDraft({ versionId: b.versionId });
    const bRevision = (await trainerB.editor.version({ versionId: bDraft.versionId })).revision;
    const bPilot = await trainerB.versions.startPilot({
      versionId: bDraft.versionId,
      expectedRevision: bRevision,
      teamIds: [b.teamId],
      startsAt: new Date(),
      endsAt: null,
      note: "B's pilot",
    });
    const attempts = {
      overview: () => trainerA.versions.overview({ pipelineId: b.pipelineId }),
      newDraft: () => trainerA.versions.newDraft({ versionId: b.versionId }),
      startPilot: () =>
        trainerA.versions.startPilot({
          versionId: bDraft.versionId,
          teamIds: [a.teamId],
          startsAt: new Date(),
          endsAt: null,
          note: "Mine",
        }),
      endPilot: () => trainerA.versions.endPilot({ pilotId: bPilot.pilotId }),
      promote: () => trainerA.versions.promote({ versionId: bDraft.versionId, note: "Mine" }),
      retire: () => trainerA.versions.retire({ versionId: bDraft.versionId, note: "Mine" }),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      expect([name, await codeOf(attempt())]).toEqual([name, "NOT_FOUND"]);
    }
    // A's own draft piloted with B's team: that team does not exist for A.
    const aDraft = await trainerA.versions.newDraft({ versionId: a.versionId });
    const aRevision = (await trainerA.editor.version({ versionId: aDraft.versionId })).revision;
    expect(
      await codeOf(
        trainerA.versions.startPilot({
          versionId: aDraft.versionId,
          expectedRevision: aRevision,
          teamIds: [b.teamId],
          startsAt: new Date(),
          endsAt: null,
          note: "Borrowed team",
        }),
      ),
    ).toBe("NOT_FOUND");
    // B's pilot runs untouched.
    const bOverview = await trainerB.versions.overview({ pipelineId: b.pipelineId });
    expect(bOverview.pilots.map((p) => [p.id, p.state])).toEqual([[bPilot.pilotId, "active"]]);
    expect(bOverview.versions.find((v) => v.id === bDraft.versionId)?.status).toBe("pilot");
  });
});
