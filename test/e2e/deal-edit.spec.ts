import { expect, test, type Browser, type Page } from "@playwright/test";
import { createLeadDeal, failOnPageErrors, screenshot, screenshotDialog, signIn } from "./helpers";

const REP = "rep.east@example.com";
const MANAGER = "manager@example.com";

failOnPageErrors();

async function signedIn(browser: Browser, email: string, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await signIn(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  return page;
}

test.describe("two people editing the same deal, in English", () => {
  test("should show the second saver what changed, by whom, and re-apply their edits in one click", async ({
    browser,
  }) => {
    const rep = await signedIn(browser, REP, "en-US");
    const title = `Edited twice ${Date.now()}`;
    await createLeadDeal(rep, title);
    const manager = await signedIn(browser, MANAGER, "en-US");
    await manager.goto(rep.url());
    await expect(manager.getByRole("heading", { name: title })).toBeVisible();

    // Both open the editor on the same version.
    await rep.getByTestId("edit-fields").click();
    const repEditor = rep.getByTestId("fields-editor");
    await expect(repEditor.getByText("Needed to leave Lead").first()).toBeVisible();
    await repEditor.locator("#edit-field-amount").fill("120000");
    await repEditor.locator("#edit-field-contact").fill("Lin Feng");
    await screenshot(rep, "deal-edit-en");

    await manager.getByTestId("edit-fields").click();
    const managerEditor = manager.getByTestId("fields-editor");
    await managerEditor.locator("#edit-field-amount").fill("150000");
    await managerEditor.locator("#edit-field-need").fill("ERP rollout for three plants");
    await managerEditor.getByTestId("edit-save").click();
    await expect(manager.getByText("Deal saved")).toBeVisible();
    await expect(manager.getByTestId("field-amount")).toContainText("150,000");

    // The rep saves second: refused, with what changed field by field, and nothing lost.
    await repEditor.getByTestId("edit-save").click();
    const conflict = rep.getByTestId("edit-conflict");
    await expect(conflict).toContainText("李娜 saved this deal while you were editing.");
    const amount = conflict.getByTestId("conflict-amount");
    await expect(amount).toContainText("changed by both of you");
    await expect(amount).toContainText(/Yours: .*120,000/);
    await expect(amount).toContainText(/Now: .*150,000/);
    await expect(amount).toContainText("Changed by 李娜");
    await expect(conflict.getByTestId("conflict-need")).toContainText("ERP rollout for three plants");
    await expect(conflict.getByTestId("conflict-contact")).toContainText("Yours: Lin Feng");
    await expect(repEditor.locator("#edit-field-contact")).toHaveValue("Lin Feng");
    await screenshot(rep, "deal-edit-conflict-en");

    await conflict.getByTestId("edit-reapply").click();
    await expect(rep.getByText("Deal saved")).toBeVisible();
    await expect(rep.getByTestId("fields-editor")).toBeHidden();
    await expect(rep.getByTestId("field-amount")).toContainText("120,000");
    await expect(rep.getByTestId("field-contact")).toContainText("Lin Feng");
    // The manager's edit of a field the rep did not touch is kept.
    await expect(rep.getByTestId("field-need")).toContainText("ERP rollout for three plants");
    const latest = rep.getByTestId("timeline-event").first();
    await expect(latest.getByTestId("timeline-changes")).toContainText(/Amount.*150,000.*120,000/);

    // The manager's page, reloaded, shows the rep's values on top of theirs.
    await manager.reload();
    await expect(manager.getByTestId("field-amount")).toContainText("120,000");
    await expect(manager.getByTestId("field-need")).toContainText("ERP rollout for three plants");
    await rep.context().close();
    await manager.context().close();
  });

  test("should refuse to empty a field every deal must have, and keep the deal as it was", async ({
    page,
  }) => {
    await signIn(page, REP);
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    const title = `Keep title ${Date.now()}`;
    await createLeadDeal(page, title);
    await page.getByTestId("edit-fields").click();
    const editor = page.getByTestId("fields-editor");
    await editor.locator("#edit-field-title").fill("");
    await editor.getByTestId("edit-save").click();
    await expect(editor.getByTestId("form-alert")).toContainText("Please correct the highlighted fields.");
    await expect(editor.getByText("Required.")).toBeVisible();
    await editor.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
  });
});

test.describe("editing a deal in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("should mark the fields the stage needs and re-score the priority when they are filled", async ({
    page,
  }) => {
    await signIn(page, REP);
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    await createLeadDeal(page, `编辑商机 ${Date.now()}`);
    await expect(page.getByTestId("deal-priority")).toHaveText(/D/);
    await expect(page.getByTestId("field-industry")).toContainText("推进前需填写");
    await page.getByTestId("edit-fields").click();
    const editor = page.getByTestId("fields-editor");
    await expect(editor.getByTestId("leave-hint")).toContainText(
      "还有 3 个标出的字段需填写后,商机才能离开「线索」",
    );
    await editor.getByLabel(/^决策人/).fill("王总");
    await editor.getByLabel(/^需求描述/).fill("三个工厂的 ERP 升级");
    await editor.getByRole("switch").first().click();
    await screenshot(page, "deal-edit-zh");
    await editor.getByTestId("edit-save").click();
    await expect(page.getByText("商机已保存")).toBeVisible();
    await expect(page.getByTestId("deal-priority")).toHaveText(/B/);
    const latest = page.getByTestId("timeline-event").first();
    await expect(latest.getByTestId("timeline-changes")).toContainText("王总");
  });
});

test.describe("editing a deal at phone width", () => {
  test.use({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("should fit the editor on the screen", async ({ page }) => {
    await signIn(page, REP);
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    await createLeadDeal(page, `手机编辑 ${Date.now()}`);
    await page.getByTestId("edit-fields").click();
    await expect(page.getByTestId("fields-editor")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.getByTestId("fields-editor").locator("#edit-field-amount").scrollIntoViewIfNeeded();
    await screenshotDialog(page, "phone-deal-edit-zh");
  });
});
