import { expect, test, type Page } from "@playwright/test";
import {
  createLeadDeal,
  failOnPageErrors,
  screenshot,
  screenshotDialog,
  signIn as signInForm,
  signOut,
  trpc,
} from "./helpers";

/*
 * Version migration (版本迁移): a trainer pilots a version whose Nurture stage became "Incubate",
 * then rolls it out with the open deals — maps the stage the suggestions could not, reads the dry
 * run, applies, watches the progress finish — and a migrated deal's timeline shows the move. In
 * Chinese, a second rollout with migration is rolled back.
 */
failOnPageErrors();

async function signIn(page: Page, email: string) {
  await signInForm(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** The default pipeline's "Versions & pilots" page; returns the pipeline id. */
async function openVersions(page: Page) {
  await page.goto("/pipelines");
  await page.getByTestId("pipeline-card").first().getByTestId("pipeline-versions").click();
  await expect(page).toHaveURL(/\/pipelines\/[0-9a-f-]{36}\/versions$/);
  await expect(page.getByTestId("versions-page")).toBeVisible();
  return page.url().match(/pipelines\/([0-9a-f-]{36})/)![1]!;
}

type Node = {
  data: { kind: string; key: string; name: { zh: string; en: string }; requiredFields?: string[] };
};
type Overview = { versions: { id: string; number: number; status: string }[] };

/**
 * A draft copied from the published version with Nurture renamed to Incubate (a new key and name:
 * nothing to suggest) and Initial contact asking for a budget to move on, saved through the
 * editor's API. Returns the published and draft numbers.
 */
async function changedDraft(page: Page, pipelineId: string) {
  const overview = await trpc<Overview>(page.request, "versions.overview", { pipelineId }, "GET");
  const published = overview.versions.find((v) => v.status === "published")!;
  const { versionId, number } = await trpc<{ versionId: string; number: number }>(
    page.request,
    "versions.newDraft",
    { versionId: published.id },
  );
  const draft = await trpc<{ revision: number; definition: { nodes: Node[] } }>(
    page.request,
    "editor.version",
    { versionId },
    "GET",
  );
  for (const node of draft.definition.nodes) {
    if (node.data.key === "nurture")
      node.data = { ...node.data, key: "incubate", name: { zh: "孵化", en: "Incubate" } };
    if (node.data.key === "contact") node.data = { ...node.data, requiredFields: ["budget"] };
  }
  await trpc(page.request, "editor.saveDraft", {
    versionId,
    expectedRevision: draft.revision,
    definition: draft.definition,
  });
  await page.reload();
  return { published: published.number, number };
}

/** Pilots the newest draft with one team through the pilot dialog. */
async function pilot(page: Page, team: string, note: string) {
  await page.getByTestId("start-pilot").click();
  const dialog = page.getByTestId("pilot-dialog");
  await dialog.getByTestId(`pilot-team-${team}`).click();
  await dialog.getByTestId("pilot-note").fill(note);
  await dialog.getByTestId("pilot-submit").click();
  await expect(dialog).toBeHidden();
}

/** Opens the rollout of the running pilot and switches to rolling out with the open deals. */
async function openRolloutWithMigration(page: Page) {
  await page.getByTestId("running-pilot").getByTestId("promote").click();
  const confirm = page.getByTestId("note-dialog");
  await confirm.getByTestId("rollout-migrate").getByRole("button").click();
  const dialog = page.getByTestId("migration-dialog");
  await expect(dialog.getByTestId("mapping-table")).toBeVisible();
  return dialog;
}

test.describe("roll out a version with its open deals (en)", () => {
  test.use({ locale: "en-US" });
  test.setTimeout(240_000);

  test("the trainer maps the stages, reads the dry run, applies and the deal's timeline shows the move", async ({
    page,
  }) => {
    // A North rep's deal on the published version, to follow through the migration.
    await signIn(page, "rep.north@example.com");
    await createLeadDeal(page, "Migrate me · 待迁移", "Tianjin Steel");
    const dealUrl = page.url();
    await signOut(page);

    await signIn(page, "trainer@example.com");
    const pipelineId = await openVersions(page);
    const { published, number: n } = await changedDraft(page, pipelineId);
    await pilot(page, "East team", "Nurture becomes Incubate: East tries it first.");
    await expect(page.getByTestId("running-pilot")).toContainText(`Pilot v${n}`);

    // The rollout dialog offers to take the published version's open deals along.
    await page.getByTestId("running-pilot").getByTestId("promote").click();
    await expect(page.getByTestId("rollout-migrate")).toContainText(`open deals of v${published} to v${n}`);
    await screenshotDialog(page, "migration-rollout-option-en");
    await page.keyboard.press("Escape");
    const dialog = await openRolloutWithMigration(page);

    // Same keys are suggested; Nurture has no match and must be chosen before the dry run.
    const lead = dialog.locator('[data-testid="mapping-row"][data-stage="lead"]');
    await expect(lead.getByTestId("mapping-target")).toHaveText("Lead");
    await expect(lead).toContainText("Same key");
    const nurture = dialog.locator('[data-testid="mapping-row"][data-stage="nurture"]');
    await expect(nurture).toContainText("No match: choose");
    await expect(dialog.getByTestId("migration-dry-run")).toBeDisabled();
    await screenshotDialog(page, "migration-mapping-en");
    await nurture.getByTestId("mapping-target").click();
    await page.getByRole("option", { name: "Incubate", exact: true }).click();
    await expect(nurture).toContainText("Changed");
    await expect(dialog.getByTestId("migration-dry-run")).toBeEnabled();

    // The dry run: how many deals move where, and which would lack something. Nothing written yet.
    await dialog.getByTestId("migration-dry-run").click();
    const total = dialog.getByTestId("dry-run-total");
    await expect(total).toContainText(`from v${published} to v${n}`);
    const count = Number((await total.textContent())!.match(/\d+/)![0]);
    expect(count).toBeGreaterThan(0);
    await expect(dialog.getByTestId("dry-run-moves")).toContainText("Incubate");
    // Initial contact now asks for a budget: deals there without one are marked as new issues.
    await expect(dialog.getByTestId("dry-run-issue-count")).toContainText(`because of v${n}'s changes`);
    await expect(dialog.getByTestId("dry-run-added").first()).toHaveText(`New with v${n}`);
    await screenshotDialog(page, "migration-dry-run-en");
    await dialog.getByTestId("migration-note").fill("Everyone on the new stages; open deals follow.");
    await expect(dialog.getByTestId("migration-apply")).toHaveText(
      `Roll out v${n} and migrate ${count} deals`,
    );
    await dialog.getByTestId("migration-apply").click();

    // The job runs; the progress bar fills and the migration finishes.
    await expect(dialog.getByTestId("migration-title")).toHaveText("Migration finished", { timeout: 60_000 });
    await expect(dialog.getByTestId("migration-migrated")).toHaveText(String(count));
    await expect(dialog.getByTestId("migration-progress")).toHaveAttribute("aria-valuenow", String(count));
    await screenshotDialog(page, "migration-done-en");
    await dialog.getByTestId("migration-close").click();

    const row = (v: number) => page.locator(`[data-testid="version-row"][data-version="${v}"]`);
    await expect(row(n).getByTestId("version-status")).toHaveText("Published");
    await expect(row(published)).toContainText("(0 open)");
    const migrations = page.getByTestId("migrations-card");
    await expect(migrations.getByTestId("migration-row").first()).toContainText(`v${published}`);
    await expect(migrations.getByTestId("migration-status").first()).toHaveText("Done");
    await expect(page.getByTestId("audit-log")).toContainText(`rolled out v${n} with its open deals`);
    await expect(page.getByTestId("audit-log")).toContainText(`finished: ${count} deals migrated`);
    await screenshot(page, "versions-migrated-en");

    // The deal runs on the new version; its timeline records the move, stages named in each version.
    await page.goto(dealUrl);
    await expect(page.getByTestId("deal-page").getByTestId("version-badge")).toHaveText(`v${n}`);
    const entry = page.getByTestId("timeline-event").filter({ hasText: `Migrated to version v${n}` });
    await expect(entry).toBeVisible();
    const move = entry.getByTestId("timeline-migration");
    await expect(move.locator(":scope > span").first()).toHaveText(`v${published} · Lead`);
    await expect(move.locator(":scope > span").last()).toHaveText(`v${n} · Lead`);
    await expect(entry).toContainText("Everyone on the new stages; open deals follow.");
    await screenshot(page, "deal-timeline-migrated-en");
  });
});

test.describe("版本迁移与回滚 (zh-CN)", () => {
  test.use({ locale: "zh-CN" });
  test.setTimeout(240_000);

  test("培训师随全面上线迁移未结商机，然后回滚迁移", async ({ page }) => {
    await signIn(page, "rep.north2@example.com");
    await createLeadDeal(page, "迁移回滚 · 华北", "天津重工");
    const dealUrl = page.url();
    await signOut(page);

    await signIn(page, "trainer@example.com");
    const pipelineId = await openVersions(page);
    const { published, number: n } = await changedDraft(page, pipelineId);
    await pilot(page, "North team", "华北一组试用新版本。");
    const dialog = await openRolloutWithMigration(page);
    // Every stage has a target already (the published version may have renamed Nurture before).
    await expect(dialog.getByTestId("mapping-row").first()).toContainText("标识相同");
    const nurture = dialog.locator('[data-testid="mapping-row"][data-stage="nurture"]');
    if (await nurture.count()) {
      await nurture.getByTestId("mapping-target").click();
      await page.getByRole("option", { name: "孵化", exact: true }).click();
    }
    await screenshotDialog(page, "migration-mapping-zh");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshotDialog(page, "migration-mapping-phone-zh");
    await page.setViewportSize({ width: 1280, height: 720 });
    await dialog.getByTestId("migration-dry-run").click();
    await expect(dialog.getByTestId("dry-run-total")).toContainText(`从 v${published} 迁移到 v${n}`);
    await screenshotDialog(page, "migration-dry-run-zh");
    await dialog.getByTestId("migration-note").fill("全面上线新版本,未结商机一并迁移。");
    await dialog.getByTestId("migration-apply").click();
    await expect(dialog.getByTestId("migration-title")).toHaveText("迁移完成", { timeout: 60_000 });
    await screenshotDialog(page, "migration-done-zh");
    await dialog.getByTestId("migration-close").click();

    // Rolled back: every deal it moved goes back to the version and stage it was in.
    const migrations = page.getByTestId("migrations-card");
    await migrations.getByTestId("migration-row").first().getByTestId("migration-rollback").click();
    const rollback = page.getByTestId("rollback-dialog");
    await expect(rollback).toContainText(`回滚从 v${published} 到 v${n} 的迁移`);
    await rollback.getByTestId("rollback-note").fill("华北团队尚未培训,先退回原版本。");
    await screenshotDialog(page, "migration-rollback-zh");
    await rollback.getByTestId("rollback-submit").click();
    await expect(rollback).toBeHidden();
    await expect(migrations.getByTestId("migration-status").first()).toHaveText("已回滚");
    await expect(page.getByTestId("audit-log")).toContainText(`回滚了从 v${published} 到 v${n} 的迁移`);
    await screenshot(page, "versions-rolled-back-zh");
    // The earlier migration's deals have moved since (migrated again, then back): refused, naming them.
    const earlier = migrations.getByTestId("migration-row").nth(1);
    if (await earlier.count()) {
      await earlier.getByTestId("migration-rollback").click();
      await rollback.getByTestId("rollback-note").fill("再退一步。");
      await rollback.getByTestId("rollback-submit").click();
      await expect(rollback.getByTestId("rollback-error")).toContainText("在迁移后已推进,无法再回滚");
      await expect(rollback.getByTestId("rollback-error").getByRole("link").first()).toBeVisible();
      await screenshotDialog(page, "migration-rollback-refused-zh");
      await page.keyboard.press("Escape");
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "versions-migrations-phone-zh");
    await page.setViewportSize({ width: 1280, height: 720 });

    await page.goto(dealUrl);
    await expect(page.getByTestId("deal-page").getByTestId("version-badge")).toHaveText(`v${published}`);
    await expect(page.getByTestId("timeline-event").filter({ hasText: `迁移到版本 v${n}` })).toBeVisible();
    await expect(
      page.getByTestId("timeline-event").filter({ hasText: `迁移已回滚:回到 v${published}` }),
    ).toBeVisible();
    await screenshot(page, "deal-timeline-rolled-back-zh");
  });
});
