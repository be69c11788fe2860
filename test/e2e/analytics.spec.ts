import { expect, test, type Page } from "@playwright/test";
import { failOnPageErrors, screenshot, screenshotDialog, signIn } from "./helpers";

failOnPageErrors();

/** Signs in and opens the dashboard for the last twelve months (the demo's year of deals). */
async function openDashboard(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto("/analytics?period=last12Months");
}

/** The count in a funnel cell, as the page prints it ("1,234" / "1,234"). */
const count = async (page: Page, step: string) =>
  Number(
    (await page.getByTestId(`funnel-row-${step}`).getByRole("cell").nth(1).innerText()).replace(/\D/g, ""),
  );

test.describe("analytics in English", () => {
  test.use({ locale: "en-US", viewport: { width: 1440, height: 1000 } });

  test("should let a manager filter by team and open the deals behind a funnel number", async ({ page }) => {
    await openDashboard(page, "manager@example.com");
    await expect(page.getByTestId("analytics-dashboard")).toBeVisible();
    await expect(page.getByTestId("scope")).toContainText("The deals of the teams you manage");
    await expect(page.getByTestId("funnel-table")).toBeVisible();
    const before = await count(page, "lead");
    expect(before).toBeGreaterThan(0);

    // Filter by the team the manager runs: the URL carries it, the figures follow.
    await page.getByTestId("filter-team").click();
    await page.getByRole("menuitemcheckbox", { name: "East team" }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/team=[0-9a-f-]{36}/);
    await expect(page.getByTestId("filter-team")).toContainText("Team: East team");
    const filtered = await count(page, "lead");
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThanOrEqual(before);

    // Drill down: Proposal's "Reached" lists exactly that many deals, each a link to the deal.
    const reached = await count(page, "proposal");
    expect(reached).toBeGreaterThan(0);
    await page.getByTestId("funnel-row-proposal").getByRole("cell").nth(1).getByRole("button").click();
    const dialog = page.getByTestId("drill-dialog");
    await expect(dialog.getByRole("heading", { name: "Reached Proposal" })).toBeVisible();
    await expect(dialog.getByTestId("drill-table")).toBeVisible();
    const rows = dialog.getByTestId("drill-table").locator("tbody tr");
    await expect(rows).toHaveCount(Math.min(reached, 100));
    await expect(dialog).toContainText(reached > 100 ? `100 of ${reached}` : `${reached} deals`);
    await screenshotDialog(page, "analytics-drill-en");
    const first = rows.first().getByRole("link");
    const title = await first.innerText();
    await first.click();
    await expect(page).toHaveURL(/\/deals\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: title })).toBeVisible();

    await page.goBack();
    await expect(page.getByTestId("analytics-dashboard")).toBeVisible();
    // Every figure says what it counts.
    await page.getByTestId("funnel").getByTestId("help-reached").first().click();
    await expect(page.getByText("Deals that entered this step or any later one")).toBeVisible();
    await page.keyboard.press("Escape");
    await screenshot(page, "analytics-en");
  });
});

test.describe("analytics in Chinese", () => {
  test.use({ locale: "zh-CN", viewport: { width: 1440, height: 1000 } });

  test("should show the dashboard with its charts and tables in Chinese", async ({ page }) => {
    await openDashboard(page, "admin@example.com");
    await expect(page.getByRole("heading", { name: "数据分析" })).toBeVisible();
    await expect(page.getByTestId("funnel")).toContainText("销售漏斗");
    await expect(page.getByTestId("time-in-stage")).toContainText("阶段停留时长");
    await expect(page.getByTestId("forecast")).toContainText("按预计成交月份的预测");
    await expect(page.getByTestId("funnel").locator("svg").first()).toBeVisible();
    await screenshot(page, "analytics-zh");
    // On paper: no controls, the charts as drawn.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByTestId("filter-period")).toBeHidden();
    await screenshot(page, "analytics-print-zh");
  });

  test("should show a rep their own figures", async ({ page }) => {
    await signIn(page, "rep.east@example.com");
    await expect(page).not.toHaveURL(/\/signin/);
    await page.getByRole("link", { name: "数据分析" }).click();
    await expect(page.getByTestId("scope")).toContainText("您自己的商机");
    await expect(page.getByTestId("filter-team")).toHaveCount(0);
  });
});

test.describe("analytics at phone width", () => {
  test.use({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("should fit the screen", async ({ page }) => {
    await openDashboard(page, "manager@example.com");
    await expect(page.getByTestId("funnel-table")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    // Every card within the screen (wide tables scroll inside their card).
    for (const id of ["kpis", "funnel", "time-in-stage", "forecast"]) {
      const box = await page.getByTestId(id).boundingBox();
      expect([id, Math.round(box!.x + box!.width)]).toEqual([id, expect.any(Number)]);
      expect(box!.x + box!.width).toBeLessThanOrEqual(391);
    }
    await screenshot(page, "phone-analytics-zh");
    await screenshotDialog(page, "phone-analytics-zh-top");
    await page.getByTestId("time-in-stage").scrollIntoViewIfNeeded();
    await screenshotDialog(page, "phone-analytics-zh-time");
    await page.getByTestId("funnel-row-lead").getByRole("cell").nth(1).getByRole("button").click();
    await expect(page.getByTestId("drill-table")).toBeVisible();
    await screenshotDialog(page, "phone-analytics-drill-zh");
  });
});

test.describe("targets", () => {
  test.use({ locale: "en-US", viewport: { width: 1440, height: 1000 } });

  test("should let a manager set a rep's target, and the rep see it on their home", async ({ page }) => {
    await openDashboard(page, "manager@example.com");
    // The demo's quarterly target for the East team is there, with its pace.
    await expect(page.getByTestId("targets")).toContainText("Won amount");
    await page.getByTestId("target-add").click();
    const dialog = page.getByTestId("target-dialog");
    await dialog.getByLabel("For").click();
    await page.getByRole("option", { name: "A rep" }).click();
    await dialog.getByLabel("Rep").click();
    await page.getByRole("option", { name: "张伟" }).click();
    await dialog.getByLabel("Figure").click();
    await page.getByRole("option", { name: "Deals won" }).click();
    await dialog.getByLabel("Target", { exact: true }).fill("3");
    await dialog.getByTestId("target-save").click();
    await expect(dialog).toBeHidden();
    const target = page.getByTestId("target").filter({ hasText: "Deals won" });
    await expect(target).toContainText("张伟");
    await expect(target.getByText(/On track|At risk|Behind/)).toBeVisible();
    await screenshot(page, "analytics-targets-en");

    await page.context().clearCookies();
    await signIn(page, "rep.east@example.com");
    await expect(page).not.toHaveURL(/\/signin/);
    const mine = page.getByTestId("targets");
    await expect(mine).toContainText("My targets");
    await expect(mine).toContainText("Deals won");
    // A team's target is the manager's business, not the rep's.
    await expect(mine).not.toContainText("Won amount");
  });
});
