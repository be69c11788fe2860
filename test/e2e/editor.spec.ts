import { expect, test, type Locator, type Page } from "@playwright/test";
import { failOnPageErrors, screenshot, signIn } from "./helpers";

/**
 * The process editor, as an admin uses it: a new pipeline from the blank template, built up by
 * dragging from the palette and connecting real handles, a condition from the rule builder,
 * live diagnostics, publish, reload, and undo / redo of a deletion.
 */

failOnPageErrors();

async function signInAs(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === "/");
}

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Drags from one node's source handle to another's target handle with the mouse, in steps. */
async function connect(page: Page, from: string, to: string) {
  const source = node(page, from).locator(".react-flow__handle.source");
  const target = node(page, to).locator(".react-flow__handle.target");
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + 40, a.y + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
}

async function dropFromPalette(page: Page, kind: string, at: { x: number; y: number }) {
  const canvas = page.getByTestId("editor-canvas");
  await page.getByTestId(`palette-${kind}`).dragTo(canvas, { targetPosition: at });
}

async function expectSaved(page: Page) {
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
}

function badge(scope: Locator) {
  return scope.getByTestId("diagnostic-error");
}

test.describe("process editor (admin, English)", () => {
  test.use({ locale: "en-US", viewport: { width: 1440, height: 900 } });

  test("builds a pipeline by dragging and connecting, checks it live, publishes, and undoes a deletion", async ({
    page,
  }) => {
    await signInAs(page, "admin@example.com");
    await page.goto("/pipelines");
    await page.getByTestId("new-pipeline").click();
    const dialog = page.getByTestId("new-pipeline-dialog");
    const suffix = Date.now().toString(36);
    await dialog.getByTestId("pipeline-name-zh").fill(`测试流程 ${suffix}`);
    await dialog.getByTestId("pipeline-name-en").fill(`Test process ${suffix}`);
    await dialog.getByTestId("template-blank").click();
    await dialog.getByTestId("create-pipeline").click();
    await expect(page).toHaveURL(/\/pipelines\/[0-9a-f-]{36}\/edit$/, { timeout: 60_000 });
    const editor = page.getByTestId("pipeline-editor");
    await expect(editor).toBeVisible();
    await expect(page.getByTestId("editor-title")).toHaveText(`Test process ${suffix}`);
    // The blank template: one open stage that can be won or lost, no problems.
    await expect(page.locator(".react-flow__node")).toHaveCount(3);
    await expect(page.getByTestId("problem-count")).toHaveText("No problems");

    // Drag a stage from the palette and connect the start stage to it.
    const canvas = (await page.getByTestId("editor-canvas").boundingBox())!;
    await dropFromPalette(page, "stage", { x: canvas.width / 2, y: canvas.height - 140 });
    await expect(node(page, "stage_2")).toBeVisible();
    await expect(page.locator(".react-flow__node")).toHaveCount(4);
    await connect(page, "start", "stage_2");
    await expect(page.locator(`[data-testid=flow-edge-label][data-edge^="start-to_stage_2"]`)).toBeVisible();

    // A stage with no way out: a red badge on it, an entry in the problems list, publish blocked.
    await expect(badge(node(page, "stage_2"))).toBeVisible();
    await expect(page.getByTestId("publish")).toBeDisabled();
    await expect(page.getByTestId("publish-blocked")).toContainText("to publish");
    await page.getByTestId("tab-problems").click();
    await expect(page.getByTestId("problem").filter({ hasText: "stage_2" }).first()).toBeVisible();

    // Connected onwards to won, the problem goes away.
    await connect(page, "stage_2", "won");
    await expect(badge(node(page, "stage_2"))).toHaveCount(0);
    await expect(page.getByTestId("publish")).toBeEnabled();

    // A condition on the new action, with the rule builder: only deals of at least 50,000.
    await page.getByTestId("tab-inspect").click();
    await page.locator(`[data-testid=flow-edge-label][data-edge^="start-to_stage_2"]`).click();
    const inspector = page.getByTestId("inspector-edge");
    await expect(inspector).toBeVisible();
    await inspector.getByTestId("action-name-en").fill("Qualify");
    const condition = inspector.getByTestId("edge-condition");
    await condition.getByTestId("condition-add").first().click();
    await condition.getByTestId("condition-field").click();
    await page.getByRole("option", { name: "Amount", exact: true }).click();
    await condition.getByTestId("condition-op").click();
    await page
      .getByRole("option", { name: /at least|≥/ })
      .first()
      .click();
    await condition
      .locator("input[data-testid=condition-value], [data-testid=condition-value] input")
      .first()
      .fill("50000");
    await expect(condition.getByTestId("condition-summary")).toContainText("50,000");
    const label = page.locator(`[data-testid=flow-edge-label][data-edge^="start-to_stage_2"]`);
    await expect(label).toContainText("Qualify");
    await expect(label.getByLabel("Conditional")).toBeVisible();
    await expectSaved(page);

    // Publish with a change note.
    await page.getByTestId("publish").click();
    const publish = page.getByTestId("publish-dialog");
    await publish.getByTestId("publish-submit").click();
    await expect(publish.getByRole("alert")).toContainText("Say what changed");
    await publish.getByLabel("What changed").fill("Qualified stage between follow-up and won");
    await publish.getByTestId("publish-submit").click();
    await expect(page.getByText(/Version \d+ published/)).toBeVisible();

    // Reload: the published process is what the new draft starts from.
    await page.reload();
    await expect(node(page, "stage_2")).toBeVisible();
    await expect(page.locator(`[data-testid=flow-edge-label][data-edge^="start-to_stage_2"]`)).toContainText(
      "Qualify",
    );
    await page.getByTestId("versions").click();
    await expect(
      page.getByTestId("version-row").filter({ hasText: "Qualified stage between follow-up and won" }),
    ).toBeVisible();
    await page.keyboard.press("Escape");

    // Delete the new stage (its edges go with it), then undo and redo the deletion.
    await node(page, "stage_2").click();
    await page.keyboard.press("Delete");
    await expect(node(page, "stage_2")).toHaveCount(0);
    await expect(page.locator(".react-flow__edge")).toHaveCount(2);
    await page.keyboard.press("ControlOrMeta+z");
    await expect(node(page, "stage_2")).toBeVisible();
    await expect(page.locator(".react-flow__edge")).toHaveCount(4);
    await page.keyboard.press("ControlOrMeta+Shift+z");
    await expect(node(page, "stage_2")).toHaveCount(0);
    await page.getByTestId("undo").click();
    await expect(node(page, "stage_2")).toBeVisible();
    await expectSaved(page);
    // Saved drafts survive a reload.
    await page.reload();
    await expect(node(page, "stage_2")).toBeVisible();
  });
});

async function openDefaultPipeline(page: Page) {
  await page.goto("/pipelines");
  const edit = page
    .getByTestId("pipeline-card")
    .filter({ has: page.getByText(/^(Default|默认)$/) })
    .getByTestId("edit-pipeline");
  await page.goto((await edit.getAttribute("href"))!);
  await expect(page.getByTestId("pipeline-editor")).toBeVisible();
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
}

for (const locale of ["zh-CN", "en-US"] as const) {
  test.describe(`the default process in the editor (${locale})`, () => {
    test.use({ locale, viewport: { width: 1440, height: 900 } });

    test("shows the demo company's pipeline with its stages, decisions and approvals", async ({ page }) => {
      await signInAs(page, "admin@example.com");
      await openDefaultPipeline(page);
      await expect(page.getByTestId("flow-decision").first()).toBeVisible();
      await expect(page.locator("[data-testid=flow-approval]")).toHaveCount(2);
      await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
      await page.waitForTimeout(400); // let the opening zoom settle for the picture
      await screenshot(page, `editor-default-${locale}`);
      // Selecting a stage opens it in the inspector.
      await page.locator("[data-testid=flow-stage]").first().click();
      await expect(page.getByTestId("inspector-node")).toBeVisible();
      await screenshot(page, `editor-stage-inspector-${locale}`);
    });
  });
}

test.describe("who may edit", () => {
  test.use({ locale: "en-US" });

  test("a trainer can open the editor", async ({ page }) => {
    await signInAs(page, "trainer@example.com");
    await openDefaultPipeline(page);
    await expect(page.getByTestId("publish")).toBeVisible();
  });

  test("a rep sees pipelines read-only and cannot open the editor", async ({ page }) => {
    await signInAs(page, "rep.east@example.com");
    await page.goto("/pipelines");
    await expect(page.getByTestId("pipeline-card").first()).toBeVisible();
    await expect(page.getByTestId("edit-pipeline")).toHaveCount(0);
    await expect(page.getByTestId("new-pipeline")).toHaveCount(0);
    const id = await page.evaluate(() => location.pathname);
    expect(id).toBe("/pipelines");
    const response = await page.goto("/pipelines/00000000-0000-4000-8000-000000000000/edit");
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("pipeline-editor")).toHaveCount(0);
  });
});
