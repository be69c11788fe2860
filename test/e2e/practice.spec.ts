import { expect, test, type Page } from "@playwright/test";
import { choose, failOnPageErrors, screenshot, signIn, signOut, speak } from "./helpers";

/**
 * Practice mode as a rep and a trainer use it: a practice deal on the published process, an action
 * refused for missing fields and then run from its form, the practice clock moved past a time
 * limit (written down, not sent), the deal absent from the real deals list; the trainer sees who
 * practised and resets it.
 */

failOnPageErrors();
test.setTimeout(120_000);

async function signInAs(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === "/");
  await speak(page);
}

for (const locale of ["en-US", "zh-CN"] as const) {
  test.describe(locale, () => {
    test.use({ locale });
    test(`a rep practises on the published process and a trainer resets it (${locale})`, async ({ page }) => {
      const en = locale === "en-US";
      await page.setViewportSize({ width: 1440, height: 1000 });
      const title = `${en ? "Practice" : "练习"} ${Date.now().toString(36)}`;
      await signInAs(page, "rep.east@example.com");
      await page
        .getByRole("link", { name: en ? "Practice" : "练习", exact: true })
        .first()
        .click();
      await expect(page.getByTestId("practice-page")).toBeVisible();

      await page.getByTestId("practice-new").click();
      const dialog = page.getByTestId("practice-new-dialog");
      await dialog.getByTestId("practice-create").click();
      await expect(dialog.getByRole("alert")).toBeVisible(); // title and account are needed
      await dialog.getByTestId("practice-title").fill(title);
      await dialog.getByTestId("practice-account").fill("华东医院");
      await dialog.getByTestId("practice-create").click();
      await expect(page).toHaveURL(/\/practice\/[0-9a-f-]{36}$/);
      const deal = page.getByTestId("practice-deal");
      await expect(deal).toHaveAttribute("data-stage", "lead");

      // Start contact needs the lead's fields: refused with the reasons, then run from its form.
      const start = page.locator("[data-testid=practice-action][data-action=startContact]");
      await expect(start).toHaveAttribute("data-enabled", "false");
      await expect(start.getByTestId("practice-reasons")).toContainText(en ? "Industry" : "行业");
      await start.getByRole("button").click();
      const form = page.getByTestId("practice-action-dialog");
      await choose(page, form, en ? "Industry" : "行业", en ? "Healthcare" : "医疗");
      await choose(page, form, en ? "Region" : "区域", en ? "East" : "华东");
      await choose(page, form, en ? "Source" : "来源", en ? "Website" : "官网");
      await form.getByTestId("practice-action-submit").click();
      await expect(deal).toHaveAttribute("data-stage", "contact");
      await expect(page.getByTestId("practice-due")).toBeVisible();

      // Two weeks on the practice clock: the 7-day limit passes, its consequences written down only.
      await page.getByTestId("practice-skip-days").click();
      await page.getByRole("option", { name: en ? "14 days" : "14 天" }).click();
      await page.getByTestId("practice-skip").click();
      const fired = page.locator("[data-testid=practice-entry][data-kind=timeLimit]");
      await expect(fired).toBeVisible();
      await expect(fired).toContainText(en ? "not sent in practice" : "练习中不发送");
      await expect(page.getByTestId("practice-clock")).toContainText(en ? "+14 days" : "+14 天");
      await screenshot(page, `practice-deal-${locale}`);

      // Nothing of it in the real deals list.
      await page.goto(`/deals?q=${encodeURIComponent(title)}`);
      await expect(
        page.getByText(en ? "No deals match these filters." : "没有符合筛选条件的商机。"),
      ).toBeVisible();

      await signOut(page);
      await signInAs(page, "trainer@example.com");
      await page.goto("/practice");
      const row = page.locator("[data-testid=practice-member][data-email='rep.east@example.com']");
      await expect(row).toBeVisible();
      await screenshot(page, `practice-trainer-${locale}`);
      const reset = row.getByTestId("practice-reset");
      await reset.click();
      await expect(reset).toContainText(en ? "Delete" : "删除");
      await reset.click();
      await expect(reset).toBeDisabled();
    });
  });
}
