import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

test.describe("at phone width", () => {
  test.use({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("should fit the screen and reach every page through the menu", async ({ page }) => {
    await signIn(page, "manager@example.com");
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, "phone-home-zh");

    await page.getByRole("button", { name: "打开导航" }).click();
    await screenshot(page, "phone-menu-zh");
    await page.getByRole("dialog").getByRole("link", { name: "商机", exact: true }).click();
    await expect(page.getByRole("heading", { name: "商机", exact: true })).toBeVisible();
    await expect(page.getByTestId("deals-cards")).toBeVisible();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(1);
    await screenshot(page, "phone-deals-zh");
  });
});
