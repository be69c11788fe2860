import { expect, test, type Page } from "@playwright/test";
import {
  createLeadDeal,
  failOnPageErrors,
  screenshot,
  screenshotDialog,
  signIn,
  speak,
  trpc,
} from "./helpers";

failOnPageErrors();

/** Signs in and opens the Adoption tab (this week unless the query says otherwise). */
async function openAdoption(page: Page, email: string, query = "") {
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/signin/);
  await speak(page);
  await page.goto(`/analytics?tab=adoption${query}`);
  await expect(page.getByTestId("adoption-dashboard")).toBeVisible();
}

/** Refused attempts of an action in a stage, as the "by stage and action" table shows them (0 without a row). */
async function refusedAt(page: Page, stage: string, action: string) {
  await expect(page.getByTestId("refusals-by-stage")).toBeVisible();
  const row = page.getByTestId(`refusal-stage-${stage}-${action}`);
  if ((await row.count()) === 0) return 0;
  return Number((await row.locator("td[data-column=attempts]").innerText()).replace(/\D/g, ""));
}

test.describe("adoption in English", () => {
  test.use({ locale: "en-US", viewport: { width: 1440, height: 1000 } });

  test("should count a rep's refused action for their manager, and show the leaderboard", async ({
    page,
  }) => {
    await openAdoption(page, "manager@example.com");
    await expect(page.getByRole("tab", { name: "Adoption" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("filter-period")).toContainText("This week");
    await expect(page.getByTestId("adoption-scope")).toContainText("The members of the teams you manage");
    const before = await refusedAt(page, "lead", "disqualify");

    // The East rep tries to disqualify a new lead without a lost reason: the engine refuses.
    await page.context().clearCookies();
    await signIn(page, "rep.east@example.com");
    await expect(page).not.toHaveURL(/\/signin/);
    await createLeadDeal(page, `Adoption check ${Date.now()}`);
    const dealId = page.url().split("/").pop()!;
    const deal = await trpc<{ deal: { version: number } }>(page.request, "deals.get", { dealId }, "GET");
    await expect(
      trpc(page.request, "deals.applyAction", {
        dealId,
        expectedVersion: deal.deal.version,
        action: "disqualify",
      }),
    ).rejects.toThrow(/UNPROCESSABLE_CONTENT|actionRefused|lost reason/i);

    // Back as the manager: one more refusal of Disqualify in Lead, for a missing Lost reason.
    await page.context().clearCookies();
    await openAdoption(page, "manager@example.com");
    await expect.poll(() => refusedAt(page, "lead", "disqualify")).toBe(before + 1);
    const reasons = page.getByTestId("refusal-reason-field:lostReason");
    await expect(reasons).toContainText("Missing field");
    await expect(reasons).toContainText("Lost reason");

    // The rep's row, and the deals behind their refusals (the new lead among them).
    const rep = page.getByTestId("adoption-people-table").locator("tr", { hasText: "张伟" });
    await expect(rep).toBeVisible();
    await rep.locator("td[data-column=refused]").getByRole("button").click();
    const dialog = page.getByTestId("drill-dialog");
    await expect(dialog.getByTestId("drill-table")).toContainText("Adoption check");
    await page.keyboard.press("Escape");

    // Every figure says what it counts.
    await page.getByTestId("adoption-kpis").getByTestId("help-adoption-score").click();
    await expect(page.getByText(/Compliance score \(0–100\): the mean/).first()).toBeVisible();
    await page.keyboard.press("Escape");
    await screenshot(page, "adoption-en");

    // The leaderboard, full screen, ranked by score then by deals touched.
    await page.getByTestId("open-leaderboard").click();
    const board = page.getByTestId("leaderboard");
    await expect(board).toBeVisible();
    await expect(page).toHaveURL(/board=score/);
    await expect(board.getByTestId("leaderboard-row").first()).toHaveAttribute("data-rank", "1");
    await expect(board).toContainText("张伟");
    await expect(board).toContainText("Compliance score (0–100)");
    await screenshotDialog(page, "adoption-leaderboard-en");
    await board.getByTestId("rank-by-touched").click();
    await expect(page).toHaveURL(/board=touched/);
    const values = await board.locator("[data-column=value]").allInnerTexts();
    const numbers = values.map((v) => Number(v.replace(/\D/g, "")));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    await page.keyboard.press("Escape");
    await expect(board).toBeHidden();
    await expect(page).not.toHaveURL(/board=/);
  });
});

test.describe("adoption in Chinese", () => {
  test.use({ locale: "zh-CN", viewport: { width: 1440, height: 1000 } });

  test("should show an admin the teams, the people and the refusals in Chinese", async ({ page }) => {
    await openAdoption(page, "admin@example.com", "&period=last12Months");
    await expect(page.getByRole("tab", { name: "制度落地" })).toBeVisible();
    await expect(page.getByTestId("adoption-teams")).toContainText("按团队");
    await expect(page.getByTestId("adoption-total")).toContainText("公司合计");
    await expect(page.getByTestId("adoption-people")).toContainText("按人员");
    await expect(page.getByTestId("refusals-by-reason")).toContainText("被拒绝的操作");
    await expect(page.getByTestId("refusals-by-reason").locator("svg").first()).toBeVisible();
    await screenshot(page, "adoption-zh");
    // A shorter stale threshold: the URL keeps it, and more deals are stale.
    const stale = async () =>
      Number((await page.getByTestId("adoption-kpi-stale").innerText()).replace(/\D/g, ""));
    const at14 = await stale();
    await page.getByTestId("stale-days").fill("3");
    await page.getByTestId("stale-days").press("Enter");
    await expect(page).toHaveURL(/stale=3/);
    await expect.poll(stale).toBeGreaterThan(at14);
    await page.getByTestId("open-leaderboard").click();
    await expect(page.getByTestId("leaderboard")).toContainText("排行榜");
    await screenshotDialog(page, "adoption-leaderboard-zh");
    await page.getByTestId("close-leaderboard").click();
    // On paper: no controls.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByTestId("stale-days")).toBeHidden();
    await screenshot(page, "adoption-print-zh");
  });

  test("should show a rep their own row only, and no leaderboard", async ({ page }) => {
    await openAdoption(page, "rep.east@example.com");
    await expect(page.getByTestId("adoption-scope")).toContainText("您本人的数据");
    await expect(page.getByTestId("adoption-people-table").locator("tbody tr")).toHaveCount(1);
    await expect(page.getByTestId("adoption-teams")).toHaveCount(0);
    await expect(page.getByTestId("open-leaderboard")).toHaveCount(0);
  });
});

test.describe("adoption at phone width", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  for (const locale of ["zh-CN", "en-US"] as const) {
    test.describe(locale, () => {
      test.use({ locale });

      test("should fit the screen", async ({ page }) => {
        await openAdoption(page, "manager@example.com", "&period=last12Months");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(1);
        for (const id of [
          "adoption-kpis",
          "adoption-teams",
          "adoption-people",
          "refusals-by-reason",
          "refusals-by-stage",
        ]) {
          const box = await page.getByTestId(id).boundingBox();
          expect([id, box!.x + box!.width <= 391]).toEqual([id, true]);
        }
        const lang = locale === "zh-CN" ? "zh" : "en";
        await screenshot(page, `phone-adoption-${lang}`);
        await screenshotDialog(page, `phone-adoption-${lang}-top`);
        await page.getByTestId("adoption-people").scrollIntoViewIfNeeded();
        await screenshotDialog(page, `phone-adoption-${lang}-people`);
        await page.getByTestId("refusals-by-stage").scrollIntoViewIfNeeded();
        await screenshotDialog(page, `phone-adoption-${lang}-refusals`);
        await page.getByTestId("open-leaderboard").click();
        await expect(page.getByTestId("leaderboard-row").first()).toBeVisible();
        await screenshotDialog(page, `phone-adoption-leaderboard-${lang}`);
      });
    });
  }
});
