import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/lib/server/api/root";
import { ROLES, type Role } from "@/lib/roles";
import { createTeam } from "@/lib/server/teams/teams";
import { createImport } from "@/lib/server/imports/records";
import { createPipeline, openDraft } from "@/lib/server/pipelines/editor/pipelines";
import { defaultProcess } from "@/workflows/templates/default-process";
import { setupTestDatabase } from "../support/db";
import { callerFor, makeCompany, type TestCompany } from "../support/fixtures";

const t = setupTestDatabase();
let c: TestCompany;
beforeAll(async () => {
  c = await makeCompany(t.db, "Roles");
});

/** `expect` is what an allowed caller gets back when the call itself fails for another reason. */
type Rule = {
  allowed: readonly Role[] | "public" | "signedIn";
  input?: () => unknown | Promise<unknown>;
  expect?: string;
};
const ALL = ROLES;
let n = 0;
const unique = () => `${Date.now()}-${n++}`;
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
const csv = () => new TextEncoder().encode("Account\nRoles account\n");
const accountMapping = { columns: ["account"], values: {}, dateOrder: "mdy", currency: "CNY" };
const upload = async () =>
  (
    await createImport(t.db, { id: c.id, name: "", role: "manager" }, c.users.manager.id, {
      pipelineId: c.pipelineId,
      fileName: "roles.csv",
      bytes: csv(),
    })
  ).importId;

/** Who may call each procedure. A procedure missing from this table fails the test. */
const RULES: Record<string, Rule> = {
  "auth.signUp": { allowed: "public" },
  "auth.inviteInfo": { allowed: "public" },
  "auth.acceptInvite": { allowed: "public" },
  "auth.changePassword": {
    allowed: "signedIn",
    input: () => ({ currentPassword: "wrong", newPassword: "another-password" }),
    expect: "BAD_REQUEST",
  },
  "me.get": { allowed: "signedIn" },
  "me.switchCompany": { allowed: "signedIn", input: () => ({ companyId: c.id }) },
  "me.update": { allowed: "signedIn", input: () => ({}) },
  "company.get": { allowed: ALL },
  "company.update": {
    allowed: ["admin"],
    input: () => ({ name: "Roles Co", nameEn: null, repsSeeTeamDeals: false }),
  },
  "users.list": { allowed: ["admin", "manager"] },
  "users.invites": { allowed: ["admin"] },
  "users.create": {
    allowed: ["admin"],
    input: () => ({ email: `new-${unique()}@roles.test`, name: "New", role: "rep", method: "invite" }),
  },
  "users.setRole": { allowed: ["admin"], input: () => ({ userId: c.users.rep.id, role: "rep" }) },
  "users.setTeams": { allowed: ["admin"], input: () => ({ userId: c.users.rep.id, teamIds: [c.teamId] }) },
  "users.setStatus": { allowed: ["admin"], input: () => ({ userId: c.users.rep.id, active: true }) },
  "users.resetPassword": { allowed: ["admin"], input: () => ({ userId: c.users.trainer.id }) },
  "users.revokeInvite": { allowed: ["admin"], input: () => ({ inviteId: c.inviteId }) },
  "teams.list": { allowed: ALL },
  "teams.myDefaultPipeline": { allowed: ALL },
  "teams.create": {
    allowed: ["admin", "manager"],
    input: () => ({ name: `Team ${unique()}`, managerId: null, memberIds: [] }),
  },
  "teams.update": {
    allowed: ["admin", "manager"],
    input: () => ({
      teamId: c.teamId,
      name: "Roles team",
      managerId: c.users.manager.id,
      memberIds: [c.users.manager.id, c.users.rep.id],
    }),
  },
  "teams.delete": {
    allowed: ["admin", "manager"],
    input: async () => ({
      teamId: (await createTeam(t.db, c.id, { name: `Doomed ${unique()}`, managerId: null, memberIds: [] }))
        .id,
    }),
  },
  "pipelines.list": { allowed: ALL },
  "pipelines.newDealForms": { allowed: ALL },
  // The process editor: admins and trainers only.
  "editor.templates": { allowed: ["admin", "trainer"] },
  "editor.createPipeline": {
    allowed: ["admin", "trainer"],
    input: () => ({ name: { zh: "角色流程", en: `Roles ${unique()}` }, template: "blank" }),
  },
  "editor.duplicatePipeline": {
    allowed: ["admin", "trainer"],
    input: () => ({ pipelineId: c.pipelineId, name: { zh: "副本", en: `Copy ${unique()}` } }),
  },
  "editor.pipeline": { allowed: ["admin", "trainer"], input: () => ({ pipelineId: c.pipelineId }) },
  "editor.version": { allowed: ["admin", "trainer"], input: () => ({ versionId: c.versionId }) },
  "editor.openDraft": { allowed: ["admin", "trainer"], input: () => ({ pipelineId: c.pipelineId }) },
  "editor.saveDraft": {
    allowed: ["admin", "trainer"],
    input: async () => ({
      versionId: (await openDraft(t.db, c.id, c.users.admin.id, c.pipelineId)).versionId,
      expectedRevision: 999,
      definition: defaultProcess,
    }),
    expect: "CONFLICT",
  },
  "editor.publish": {
    allowed: ["admin", "trainer"],
    input: async () => ({
      versionId: (await openDraft(t.db, c.id, c.users.admin.id, c.pipelineId)).versionId,
      expectedRevision: 999,
      changeNote: "Roles check",
    }),
    expect: "CONFLICT",
  },
  "editor.discardDraft": {
    allowed: ["admin", "trainer"],
    input: async () => ({
      versionId: (
        await createPipeline(t.db, c.id, c.users.admin.id, {
          name: { zh: "草稿", en: `Draft ${unique()}` },
          template: "blank",
        })
      ).versionId,
    }),
  },
  "editor.fieldFit": {
    allowed: ["admin", "trainer"],
    input: () => ({
      pipelineId: c.pipelineId,
      field: { key: "industry", name: { zh: "行业", en: "Industry" }, type: "text" },
    }),
  },
  "editor.directory": { allowed: ["admin", "trainer"] },
  "deals.list": { allowed: ALL, input: () => ({}) },
  "deals.count": { allowed: ALL, input: () => ({}) },
  "deals.versionGroups": { allowed: ALL, input: () => ({}) },
  "deals.summary": { allowed: ALL },
  "views.list": { allowed: ALL },
  "views.create": {
    allowed: ALL,
    input: () => ({ name: `View ${unique()}`, state: { filters: {}, sort: null, columns: ["title"] } }),
  },
  "views.update": {
    allowed: ALL,
    input: () => ({ viewId: "00000000-0000-4000-8000-000000000000", name: "Renamed" }),
    expect: "NOT_FOUND",
  },
  "views.delete": {
    allowed: ALL,
    input: () => ({ viewId: "00000000-0000-4000-8000-000000000000" }),
    expect: "NOT_FOUND",
  },
  "deals.byStage": { allowed: ALL },
  // Every member: the figures cover the deals the member may see (test/integration/analytics-access.test.ts).
  "analytics.options": { allowed: ALL },
  "analytics.dashboard": { allowed: ALL, input: () => ({ period: "thisMonth" }) },
  // Every member: admins and trainers see every row, managers their teams', reps their own
  // (test/integration/adoption.test.ts).
  "analytics.adoption": { allowed: ALL, input: () => ({ filters: { period: "thisWeek" }, staleDays: 14 }) },
  "targets.list": { allowed: ALL },
  // A month of its own per call (one target per scope, period and metric); the team is the manager's.
  "targets.set": {
    allowed: ["admin", "manager"],
    input: () => {
      const i = n++;
      return {
        scope: "team",
        teamId: c.teamId,
        periodKind: "month",
        periodStart: `${2031 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01`,
        metric: "dealsWon",
        value: 5,
      };
    },
  },
  "targets.delete": {
    allowed: ["admin", "manager"],
    input: () => ({ targetId: NO_SUCH_ID, expectedVersion: 1 }),
    expect: "NOT_FOUND",
  },
  // Process feedback: every member sends and follows their own; admins, trainers and managers
  // read the inbox; admins and trainers triage (test/integration/feedback.test.ts).
  "feedback.form": { allowed: ALL, input: () => ({ pipelineId: c.pipelineId }) },
  "feedback.submit": {
    allowed: ALL,
    input: () => ({ pipelineId: c.pipelineId, stageKey: "lead", problem: "Roles check feedback" }),
  },
  "feedback.mine": { allowed: ALL, input: () => ({}) },
  "feedback.get": { allowed: ALL, input: () => ({ feedbackId: NO_SUCH_ID }), expect: "NOT_FOUND" },
  "feedback.inbox": { allowed: ["admin", "trainer", "manager"], input: () => ({}) },
  "feedback.filters": { allowed: ["admin", "trainer", "manager"] },
  "feedback.triage": {
    allowed: ["admin", "trainer"],
    input: () => ({ feedbackId: NO_SUCH_ID, expectedVersion: 1, status: "accepted" }),
    expect: "NOT_FOUND",
  },
  "feedback.stageCounts": { allowed: ["admin", "trainer"], input: () => ({ pipelineId: c.pipelineId }) },
  "feedback.openCount": { allowed: ["admin", "trainer"] },
  "analytics.drill": {
    allowed: ALL,
    input: () => ({ filters: { period: "thisMonth" }, figure: { kind: "funnelDeals" } }),
  },
  "deals.approvals": { allowed: ALL },
  "board.get": { allowed: ALL, input: () => ({}) },
  "notifications.list": { allowed: ALL },
  "notifications.unreadCount": { allowed: ALL },
  "notifications.markRead": { allowed: ALL, input: () => ({}) },
  // Every role may work deals; which deals is the visibility rule (isolation.test.ts).
  "deals.get": { allowed: ALL, input: () => ({ dealId: c.dealIds[2] }), expect: "NOT_FOUND_FOR_SOME" },
  "deals.form": { allowed: ALL, input: () => ({ dealId: c.dealIds[2] }), expect: "NOT_FOUND_FOR_SOME" },
  "deals.create": { allowed: ALL, input: () => ({ values: { title: `Deal ${unique()}`, account: "Acme" } }) },
  "deals.update": {
    allowed: ALL,
    input: () => ({ dealId: c.dealIds[2], expectedVersion: 999, changes: {} }),
    expect: "NOT_FOUND_FOR_SOME_ELSE_CONFLICT",
  },
  "deals.applyAction": {
    allowed: ALL,
    input: () => ({ dealId: c.dealIds[2], expectedVersion: 1, action: "noSuchAction" }),
    expect: "NOT_FOUND_FOR_SOME",
  },
  // Deal 1 is the rep's, in the manager's team: every role sees it.
  "dealActivity.mentionable": { allowed: ALL, input: () => ({ dealId: c.dealIds[0] }) },
  "dealActivity.comment": { allowed: ALL, input: () => ({ dealId: c.dealIds[0], text: "Roles check" }) },
  "dealActivity.setNextStep": {
    allowed: ALL,
    input: () => ({ dealId: c.dealIds[0], expectedVersion: 999, text: "Call", date: null }),
    expect: "CONFLICT",
  },
  "dealActivity.reopen": {
    allowed: ["admin", "manager"],
    input: () => ({ dealId: c.dealIds[0], expectedVersion: 999 }),
    expect: "CONFLICT",
  },
  "apiKeys.list": { allowed: ["admin"] },
  "apiKeys.create": { allowed: ["admin"], input: () => ({ name: `Key ${unique()}`, scope: "read" }) },
  "apiKeys.revoke": {
    allowed: ["admin"],
    input: () => ({ keyId: "00000000-0000-4000-8000-000000000000" }),
    expect: "NOT_FOUND",
  },
  // Webhooks: admins only. An unknown endpoint or delivery id reaches the domain (NOT_FOUND).
  "webhooks.list": { allowed: ["admin"] },
  "webhooks.create": {
    allowed: ["admin"],
    input: () => ({ url: `https://hooks.example.com/${unique()}`, events: ["deal.created"] }),
  },
  ...Object.fromEntries(
    ["enable", "disable", "delete", "rotateSecret", "sendTest", "delivery", "resend"].map((name) => [
      `webhooks.${name}`,
      { allowed: ["admin"], input: () => ({ id: NO_SUCH_ID }), expect: "NOT_FOUND" } satisfies Rule,
    ]),
  ),
  "webhooks.update": {
    allowed: ["admin"],
    input: () => ({
      id: NO_SUCH_ID,
      expectedVersion: 1,
      url: "https://hooks.example.com/x",
      events: ["deal.won"],
    }),
    expect: "NOT_FOUND",
  },
  "webhooks.deliveries": { allowed: ["admin"], input: () => ({}) },
  // Imports: managers and admins; each call gets a fresh upload of the manager's (admins see it too).
  "imports.create": {
    allowed: ["admin", "manager"],
    input: () => ({ pipelineId: c.pipelineId, fileName: "roles.csv", bytes: csv() }),
  },
  "imports.list": { allowed: ["admin", "manager"] },
  "imports.get": { allowed: ["admin", "manager"], input: async () => ({ importId: await upload() }) },
  "imports.analyze": {
    allowed: ["admin", "manager"],
    input: async () => ({ importId: await upload(), columns: ["account"] }),
  },
  "imports.dryRun": {
    allowed: ["admin", "manager"],
    input: async () => ({ importId: await upload(), mapping: accountMapping }),
  },
  "imports.start": {
    allowed: ["admin", "manager"],
    input: async () => ({ importId: await upload(), mapping: accountMapping }),
  },
  "imports.progress": { allowed: ["admin", "manager"], input: async () => ({ importId: await upload() }) },
  "imports.cancel": { allowed: ["admin", "manager"], input: async () => ({ importId: await upload() }) },
  "imports.resume": {
    allowed: ["admin", "manager"],
    input: async () => ({ importId: await upload() }),
    expect: "CONFLICT",
  },
  "imports.errors": { allowed: ["admin", "manager"], input: async () => ({ importId: await upload() }) },
  "imports.mappings": { allowed: ["admin", "manager"] },
  "imports.saveMapping": {
    allowed: ["admin", "manager"],
    input: () => ({
      name: `Mapping ${unique()}`,
      preset: { columns: { account: "account" }, values: {}, dateOrder: "mdy", currency: "CNY" },
    }),
  },
  "imports.deleteMapping": {
    allowed: ["admin", "manager"],
    input: () => ({ mappingId: "00000000-0000-4000-8000-000000000000" }),
    expect: "NOT_FOUND",
  },
  // Exports: deals for everyone (what each sees); definitions for pipeline editors; the archive for admins.
  "exports.deals": { allowed: ALL, input: () => ({ format: "csv", filters: {} }) },
  "exports.pipeline": {
    allowed: ["admin", "trainer"],
    input: () => ({ pipelineId: c.pipelineId, format: "json" }),
  },
  "archive.export": { allowed: ["admin"] },
  "archive.restore": {
    allowed: ["admin"],
    input: () => ({ bytes: new TextEncoder().encode("not an archive") }),
    expect: "BAD_REQUEST",
  },
  // Process versions, pilots and rollout: admins and trainers; the others see only the badges.
  // Practice mode: everyone practises on their own deals; trainers and admins see and reset everyone's.
  "practice.versions": { allowed: ALL },
  "practice.mine": { allowed: ALL },
  "practice.get": { allowed: ALL, input: () => ({ id: NO_SUCH_ID }), expect: "NOT_FOUND" },
  "practice.create": {
    allowed: ALL,
    input: () => ({ versionId: c.versionId, title: `Practice ${unique()}`, account: "Acme" }),
  },
  "practice.act": {
    allowed: ALL,
    input: () => ({ id: NO_SUCH_ID, expectedVersion: 1, action: "startContact" }),
    expect: "NOT_FOUND",
  },
  "practice.edit": {
    allowed: ALL,
    input: () => ({ id: NO_SUCH_ID, expectedVersion: 1, changes: {} }),
    expect: "NOT_FOUND",
  },
  "practice.skipAhead": {
    allowed: ALL,
    input: () => ({ id: NO_SUCH_ID, expectedVersion: 1, days: 1 }),
    expect: "NOT_FOUND",
  },
  "practice.remove": { allowed: ALL, input: () => ({ id: NO_SUCH_ID }), expect: "NOT_FOUND" },
  "practice.members": { allowed: ["admin", "trainer"] },
  "practice.reset": { allowed: ["admin", "trainer"], input: () => ({ userId: c.users.rep.id }) },
  "simulations.run": { allowed: ["admin", "trainer"], input: () => ({ versionId: c.versionId, months: 6 }) },
  "versions.overview": { allowed: ["admin", "trainer"], input: () => ({ pipelineId: c.pipelineId }) },
  "versions.newDraft": { allowed: ["admin", "trainer"], input: () => ({ versionId: c.versionId }) },
  "versions.startPilot": {
    allowed: ["admin", "trainer"],
    // The published version cannot be piloted: an allowed caller reaches the lifecycle rule.
    input: () => ({
      versionId: c.versionId,
      teamIds: [c.teamId],
      startsAt: new Date(),
      endsAt: null,
      note: "Roles check",
    }),
    expect: "BAD_REQUEST",
  },
  "versions.endPilot": {
    allowed: ["admin", "trainer"],
    input: () => ({ pilotId: "00000000-0000-4000-8000-000000000000" }),
    expect: "NOT_FOUND",
  },
  "versions.promote": {
    allowed: ["admin", "trainer"],
    input: () => ({ versionId: c.versionId, note: "Roles check" }),
    expect: "BAD_REQUEST",
  },
  "versions.compare": {
    allowed: ["admin", "trainer"],
    // Never piloted: an allowed caller is told there is nothing to compare.
    input: () => ({ versionId: c.versionId }),
    expect: "BAD_REQUEST",
  },
  "versions.retire": {
    allowed: ["admin", "trainer"],
    input: () => ({ versionId: c.versionId, note: "Roles check" }),
    expect: "BAD_REQUEST",
  },
  // Version migrations: admins and trainers. A version paired with itself reaches the domain's check.
  "migrations.plan": {
    allowed: ["admin", "trainer"],
    input: () => ({ fromVersionId: c.versionId, toVersionId: c.versionId }),
    expect: "BAD_REQUEST",
  },
  "migrations.dryRun": {
    allowed: ["admin", "trainer"],
    input: () => ({ fromVersionId: c.versionId, toVersionId: c.versionId, mapping: {} }),
    expect: "BAD_REQUEST",
  },
  "migrations.start": {
    allowed: ["admin", "trainer"],
    input: () => ({ fromVersionId: c.versionId, toVersionId: c.versionId, mapping: {}, note: "Roles check" }),
    expect: "BAD_REQUEST",
  },
  "migrations.list": { allowed: ["admin", "trainer"], input: () => ({ pipelineId: c.pipelineId }) },
  "migrations.get": {
    allowed: ["admin", "trainer"],
    input: () => ({ migrationId: NO_SUCH_ID }),
    expect: "NOT_FOUND",
  },
  "migrations.cancel": {
    allowed: ["admin", "trainer"],
    input: () => ({ migrationId: NO_SUCH_ID }),
    expect: "NOT_FOUND",
  },
  "migrations.resume": {
    allowed: ["admin", "trainer"],
    input: () => ({ migrationId: NO_SUCH_ID }),
    expect: "NOT_FOUND",
  },
  "migrations.rollback": {
    allowed: ["admin", "trainer"],
    input: () => ({ migrationId: NO_SUCH_ID, note: "Roles check" }),
    expect: "NOT_FOUND",
  },
};

async function call(caller: ReturnType<typeof callerFor>, path: string, input: unknown) {
  const [router, name] = path.split(".") as [string, string];
  const fn = (caller as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[router]![
    name
  ]!;
  return fn(input).then(
    () => "ok" as const,
    (e: { code?: string }) => e.code ?? "error",
  );
}

describe("role rules", () => {
  it("should declare a rule for every procedure of the API", () => {
    expect(Object.keys(appRouter._def.procedures).sort()).toEqual(Object.keys(RULES).sort());
  });

  const guarded = Object.entries(RULES).filter(([, r]) => r.allowed !== "public");

  it.each(guarded)("should refuse %s to a signed-out caller", async (path, rule) => {
    expect(await call(callerFor(t.db, null), path, await rule.input?.())).toBe("UNAUTHORIZED");
  });

  for (const role of ROLES) {
    it.each(guarded)(`should let a ${role} call %s only if the rule allows it`, async (path, rule) => {
      const result = await call(callerFor(t.db, c.users[role].id, c.id), path, await rule.input?.());
      const allowed = rule.allowed === "signedIn" || (rule.allowed as readonly Role[]).includes(role);
      if (!allowed) return expect(result).toBe("FORBIDDEN");
      if (!rule.expect?.startsWith("NOT_FOUND_FOR_SOME")) return expect(result).toBe(rule.expect ?? "ok");
      // Deal 3 is the admin's own: those who see every deal reach the engine, the others get NOT_FOUND.
      const seesAll = role === "admin" || role === "trainer";
      const reached =
        path === "deals.get" || path === "deals.form"
          ? "ok"
          : rule.expect === "NOT_FOUND_FOR_SOME_ELSE_CONFLICT"
            ? "CONFLICT"
            : "UNPROCESSABLE_CONTENT";
      expect(result).toBe(seesAll ? reached : "NOT_FOUND");
    });
  }
});
