import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { failOnPageErrors, screenshotDialog, signIn } from "./helpers";

/**
 * The editor's versioning, as admins and trainers use it: duplicate a pipeline, copy and paste
 * a stage, export and import the definition as JSON (with readable errors), publish, two people
 * editing one draft (both answers of the conflict dialog), and the comparison of two versions.
 */

failOnPageErrors();

async function signInAs(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === "/");
}

const stage = (page: Page, key: string) => page.locator(`[data-testid=flow-stage][data-key="${key}"]`);

async function expectSaved(page: Page) {
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
}

/** Selects a stage on the canvas and types its win probability in the inspector. */
async function setProbability(page: Page, key: string, value: number) {
  await stage(page, key).click();
  await expect(page.getByTestId("inspector-node")).toBeVisible();
  await page.getByTestId("node-probability").fill(String(value));
}

async function stageKeys(page: Page) {
  return page
    .locator("[data-testid=flow-stage]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-key")));
}

test.describe("versions in the editor (English)", () => {
  test.use({ locale: "en-US", viewport: { width: 1440, height: 900 } });

  test("duplicate, copy and paste, JSON export and import, publish, a conflicting edit, and a comparison", async ({
    page,
    browser,
  }) => {
    test.setTimeout(180_000);
    await signInAs(page, "admin@example.com");

    // --- duplicate the default pipeline -------------------------------------------------
    await page.goto("/pipelines");
    await page
      .getByTestId("pipeline-card")
      .filter({ has: page.getByText(/^Default$/) })
      .getByTestId("duplicate-pipeline")
      .click();
    const duplicate = page.getByTestId("duplicate-dialog");
    const suffix = Date.now().toString(36);
    await duplicate.getByTestId("pipeline-name-zh").fill(`副本 ${suffix}`);
    await duplicate.getByTestId("pipeline-name-en").fill(`Copy ${suffix}`);
    await duplicate.getByTestId("duplicate-submit").click();
    await expect(page).toHaveURL(/\/pipelines\/[0-9a-f-]{36}\/edit$/, { timeout: 60_000 });
    const editorUrl = page.url();
    await expect(page.getByTestId("editor-title")).toHaveText(`Copy ${suffix}`);
    await expect(page.getByTestId("version-badge")).toHaveAttribute("data-version", "1");
    await expect(stage(page, "lead")).toBeVisible();

    // --- copy, paste, undo ----------------------------------------------------------------
    const keysBefore = await stageKeys(page);
    await stage(page, "lead").click();
    await page.keyboard.press("Control+c");
    await page.keyboard.press("Control+v");
    await expect(page.locator("[data-testid=flow-stage]")).toHaveCount(keysBefore.length + 1);
    const pasted = (await stageKeys(page)).filter((k) => !keysBefore.includes(k));
    expect(pasted).toHaveLength(1);
    expect(pasted[0]).toMatch(/^lead_\d+$/); // a copy gets a key of its own
    // The copy is selected, and as a stage with no way out it is flagged at once.
    await expect(page.getByTestId("inspector-node")).toBeVisible();
    await expect(stage(page, pasted[0]!).getByTestId("diagnostic-error")).toBeVisible();
    await page.keyboard.press("Control+z");
    await expect(page.locator("[data-testid=flow-stage]")).toHaveCount(keysBefore.length);
    await expectSaved(page);

    // --- export, then import: first a broken file, then an edited one ---------------------
    const download = page.waitForEvent("download");
    await page.getByTestId("export").click();
    const exported = JSON.parse(await readFile((await (await download).path())!, "utf8"));
    expect(exported.schemaVersion).toBe(1);
    expect(exported.nodes.map((n: { data: { key: string } }) => n.data.key)).toEqual(
      expect.arrayContaining(keysBefore),
    );

    await page.getByTestId("import-file").setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ ...exported, nodes: "not a list", edges: undefined })),
    });
    const errors = page.getByTestId("import-errors");
    await expect(errors).toBeVisible();
    await expect(errors).toContainText("nodes");
    await expect(errors).not.toContainText("ZodError");
    await screenshotDialog(page, "editor-import-errors-en");
    await page.keyboard.press("Escape");
    await expect(page.locator("[data-testid=flow-stage]")).toHaveCount(keysBefore.length); // nothing changed

    const edited = structuredClone(exported);
    const lead = edited.nodes.find((n: { data: { key: string } }) => n.data.key === "lead");
    lead.data.name.en = `Imported lead ${suffix}`;
    await page.getByTestId("import-file").setInputFiles({
      name: "edited.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(edited)),
    });
    await expect(stage(page, "lead")).toContainText(`Imported lead ${suffix}`);
    await expectSaved(page);

    // --- publish v1; the editor goes on with a v2 draft -----------------------------------
    await page.getByTestId("publish").click();
    const publish = page.getByTestId("publish-dialog");
    await publish.locator("textarea").fill("First version of the copy");
    await publish.getByTestId("publish-submit").click();
    await expect(page.getByTestId("version-badge")).toHaveAttribute("data-version", "2", { timeout: 30_000 });
    await setProbability(page, "contact", 12);
    await expectSaved(page);

    // --- a trainer edits the same draft meanwhile ---------------------------------------
    const other = await browser.newContext({ locale: "en-US", viewport: { width: 1440, height: 900 } });
    const trainer = await other.newPage();
    await signInAs(trainer, "trainer@example.com");
    await trainer.goto(editorUrl);
    await expect(trainer.getByTestId("version-badge")).toHaveAttribute("data-version", "2");
    await setProbability(trainer, "nurture", 7);
    await expectSaved(trainer);

    // The admin's next edit is refused: the dialog says who changed what, in words.
    await setProbability(page, "contact", 13);
    const conflict = page.getByTestId("conflict-dialog");
    await expect(conflict).toBeVisible({ timeout: 20_000 });
    await expect(conflict.getByTestId("diff-list")).toContainText("win probability");
    await screenshotDialog(page, "editor-conflict-en");
    // "Load theirs": the trainer's value arrives, the admin's unsaved edit is dropped.
    await conflict.getByTestId("conflict-load-theirs").click();
    await expect(conflict).toBeHidden();
    await stage(page, "nurture").click();
    await expect(page.getByTestId("node-probability")).toHaveValue("7");
    await stage(page, "contact").click();
    await expect(page.getByTestId("node-probability")).toHaveValue("12");

    // Now the admin saves first, and the trainer (stale) keeps their own version instead.
    await setProbability(page, "contact", 14);
    await expectSaved(page);
    await setProbability(trainer, "analysis", 30);
    const trainerConflict = trainer.getByTestId("conflict-dialog");
    await expect(trainerConflict).toBeVisible({ timeout: 20_000 });
    await trainerConflict.getByTestId("conflict-keep-mine").click();
    await expect(trainerConflict).toBeHidden();
    await expectSaved(trainer);
    await other.close();

    // The saved draft is the trainer's: their analysis value, and contact as they saw it.
    await page.reload();
    await stage(page, "analysis").click();
    await expect(page.getByTestId("node-probability")).toHaveValue("30");
    await stage(page, "contact").click();
    await expect(page.getByTestId("node-probability")).toHaveValue("12");

    // --- compare v1 with v2 ---------------------------------------------------------------
    await page.getByTestId("versions").click();
    const sheet = page.getByTestId("versions-sheet");
    await expect(sheet.getByTestId("version-row")).toHaveCount(2);
    await sheet.getByRole("checkbox", { name: "Pick version 1 to compare" }).click();
    await sheet.getByRole("checkbox", { name: "Pick version 2 to compare" }).click();
    await sheet.getByTestId("compare").click();
    await expect(page).toHaveURL(/compare=/);
    await expect(page.getByTestId("read-only")).toBeVisible();
    const summary = page.getByTestId("compare-summary");
    await expect(summary).toContainText("Changes from v1 to v2");
    await expect(summary.getByTestId("diff-list")).toContainText("win probability");
    for (const key of ["contact", "nurture", "analysis"])
      await expect(stage(page, key)).toHaveAttribute("data-diff", "changed");
    await expect(stage(page, "lead")).not.toHaveAttribute("data-diff", /./);
    await screenshotDialog(page, "editor-compare-en");
  });
});
