import { expect, test, type Page } from "@playwright/test";
import { failOnPageErrors, screenshot, screenshotDialog, signIn, signOut, speak } from "./helpers";

const REP = "rep.east@example.com";

failOnPageErrors();

/** Signs in and waits for the app, so a following `goto` does not race the sign-in. */
async function signInAsRep(page: Page) {
  await signIn(page, REP);
  await expect(page.getByTestId("user-menu")).toBeVisible();
}

const rows = (page: Page) => page.getByTestId("deals-table").locator("tbody tr");

test.describe("creating a deal in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("should ask for the required fields, then create the deal in the lead stage owned by the rep", async ({
    page,
  }) => {
    await signInAsRep(page);
    await page.getByRole("link", { name: "商机", exact: true }).first().click();
    await expect(page).toHaveURL(/\/deals$/);
    await page.getByRole("button", { name: "新建商机" }).click();
    const dialog = page.getByTestId("new-deal-dialog");
    await expect(dialog.getByRole("heading", { name: "新建商机" })).toBeVisible();
    await expect(dialog).toContainText("线索");
    await expect(dialog).toContainText("您将是此商机的负责人");

    // Submitting empty: each required field says so, beside it.
    await dialog.getByRole("button", { name: "创建商机" }).click();
    await expect(dialog.getByTestId("form-alert")).toContainText("请填写标出的字段");
    await expect(page.locator("#new-deal-title-error")).toHaveText("必填。");
    await expect(page.locator("#new-deal-account-error")).toHaveText("必填。");
    await screenshotDialog(page, "new-deal-errors-zh");

    const title = `华东制造数字化项目 ${Date.now()}`;
    await dialog.getByLabel("商机名称").fill(title);
    await dialog.getByLabel("客户").fill("苏州精工机械");
    await expect(page.locator("#new-deal-title-error")).toHaveCount(0);
    await dialog.getByLabel("预计金额").fill("380000");
    await dialog.getByLabel("区域").click();
    await page.getByRole("option", { name: "华东", exact: true }).click();
    await dialog.getByRole("button", { name: /更多字段/ }).click();
    await expect(dialog.getByLabel("决策人")).toBeVisible();
    await dialog.getByLabel("决策人").fill("陈总");
    await screenshotDialog(page, "new-deal-zh");

    await dialog.getByRole("button", { name: "创建商机" }).click();
    await expect(page).toHaveURL(/\/deals\/[0-9a-f-]{36}$/);
    await expect(page.getByText(`已创建商机:${title}`)).toBeVisible();
    await expect(page.getByTestId("deal-page")).toBeVisible();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.getByTestId("deal-stage")).toContainText("线索");
    await expect(page.getByTestId("deal-owner")).toHaveText("张伟");
    await screenshot(page, "new-deal-created-zh");

    // The new deal heads the list, and a stage filter in the URL keeps it.
    await page.goto("/deals?stage=lead");
    await expect(page.getByTestId("filter-stage")).toContainText("阶段:线索");
    await expect(rows(page).first()).toContainText(title);
    await screenshot(page, "deals-filtered-zh");
  });
});

test.describe("filtering the deals list in English", () => {
  test.use({ locale: "en-US" });

  test("should narrow the list by stage and to overdue deals, keeping the filters in the URL", async ({
    page,
  }) => {
    await signInAsRep(page);
    await page.goto("/deals");
    await expect(rows(page).first()).toBeVisible();

    // A rep may only narrow to their own deals: no one else is offered.
    await page.getByTestId("filter-owner").click();
    await expect(page.getByRole("option")).toHaveText(["Any owner", "My deals"]);
    await page.keyboard.press("Escape");

    // The rest as the admin, who sees every deal: other browser tests move demo deals (and roll
    // out and migrate versions), so a single rep may have no overdue deal left by now.
    await signOut(page);
    await signIn(page, "admin@example.com");
    await page.waitForURL((url) => url.pathname === "/");
    await speak(page);
    await page.goto("/deals");
    await expect(rows(page).first()).toBeVisible();
    const total = await rows(page).count();

    const filterStage = async (name: string) => {
      await page.getByTestId("filter-stage").click();
      await page.getByRole("menuitemcheckbox", { name, exact: true }).click();
      await page.keyboard.press("Escape");
    };
    const stageCells = page.getByTestId("deals-table").locator("tbody tr td[data-column=stage]");

    // By stage: only leads are left.
    await filterStage("Lead");
    await expect(page).toHaveURL(/[?&]stage=lead/);
    await expect(page.getByTestId("filter-stage")).toHaveText("Stage: Lead");
    await expect(async () => {
      const texts = await stageCells.allTextContents();
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) expect(text).toMatch(/^Lead/);
    }).toPass();
    await filterStage("Lead");
    await expect(page).not.toHaveURL(/stage=/);

    // Overdue only: every row left carries the badge.
    await page.getByTestId("filter-overdue").click();
    await expect(page).toHaveURL(/overdue=1/);
    await expect(page.getByTestId("filter-overdue")).toHaveAttribute("aria-pressed", "true");
    await expect(async () => {
      const n = await rows(page).count();
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(total);
      expect(await stageCells.getByTestId("overdue-badge").count()).toBe(n);
    }).toPass();

    // Both: the stage of the first overdue deal, and still overdue.
    const stage = (await stageCells.first().locator("span").first().textContent())!.trim();
    await filterStage(stage);
    await expect(page.getByTestId("filter-stage")).toHaveText(`Stage: ${stage}`);
    await expect(async () => {
      const texts = await stageCells.allTextContents();
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) expect(text).toBe(`${stage}Overdue`);
    }).toPass();
    await screenshot(page, "deals-filtered-en");

    // A bookmarked view opens as it was left.
    await page.reload();
    await expect(page.getByTestId("filter-overdue")).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("filter-stage")).toHaveText(`Stage: ${stage}`);

    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/deals$/);
    await expect(page.getByTestId("filter-overdue")).toHaveAttribute("aria-pressed", "false");
  });

  test("should open the new-deal form in English with the common fields and the owner hint", async ({
    page,
  }) => {
    await signInAsRep(page);
    await page.goto("/deals");
    await page.getByRole("button", { name: "New deal" }).click();
    const dialog = page.getByTestId("new-deal-dialog");
    await expect(dialog.getByText("The deal starts in Lead.", { exact: false })).toBeVisible();
    // Required first, then the common fields; the rest waits behind "More fields".
    const controls = [
      ["textbox", "Title"],
      ["textbox", "Account"],
      ["textbox", "Contact"],
      ["spinbutton", "Amount"],
      ["textbox", "Expected close"],
      ["combobox", "Industry"],
      ["combobox", "Region"],
      ["combobox", "Source"],
    ] as const;
    for (const [role, name] of controls)
      await expect(dialog.getByRole(role, { name, exact: true })).toBeVisible();
    await expect(dialog.getByLabel("Decision maker")).toHaveCount(0);
    await expect(dialog).toContainText("You will own this deal");
    await screenshotDialog(page, "new-deal-en");
  });
});

test.describe("on a phone", () => {
  test.use({ locale: "zh-CN", viewport: { width: 390, height: 844 } });

  test("should fit the new-deal form and the filtered list on a phone", async ({ page }) => {
    await signInAsRep(page);
    await page.goto("/deals?overdue=1");
    await expect(page.getByTestId("filter-overdue")).toHaveAttribute("aria-pressed", "true");
    const cards = page.getByTestId("deals-cards").locator("li");
    await expect(cards.first().or(page.getByText("没有符合筛选条件的商机。"))).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "deals-filtered-phone-zh");

    await page.getByRole("button", { name: "新建商机" }).click();
    const dialog = page.getByTestId("new-deal-dialog");
    await dialog.getByRole("button", { name: "创建商机" }).click();
    await expect(page.locator("#new-deal-title-error")).toBeVisible();
    await screenshotDialog(page, "new-deal-phone-zh");
  });
});
