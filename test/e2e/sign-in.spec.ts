import { expect, test } from "@playwright/test";
import { screenshot, signIn, speak } from "./helpers";

test.describe("signing in to the demo company in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("should show the admin the demo company's data in Chinese", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole("heading", { name: "欢迎回来" })).toBeVisible();
    await screenshot(page, "signin-zh");

    await signIn(page, "admin@example.com");
    await page.waitForURL((url) => url.pathname === "/");
    await speak(page);
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    await expect(page.getByTestId("company-switcher")).toContainText("演示公司");
    await expect(page.getByTestId("kpi-open")).toContainText(/\d/);
    await expect(page.getByRole("link", { name: "团队" })).toBeVisible();
    await screenshot(page, "home-admin-zh");

    await page.getByRole("link", { name: "商机", exact: true }).click();
    await expect(page.getByRole("heading", { name: "商机", exact: true })).toBeVisible();
    await expect(page.getByTestId("deals-table").locator("tbody tr")).toHaveCount(50);
    await screenshot(page, "deals-admin-zh");

    await page.getByRole("link", { name: "商机流程" }).click();
    await expect(page.getByTestId("pipeline-card").first()).toContainText("需求分析");
    await screenshot(page, "pipelines-zh");

    await page.getByRole("link", { name: "团队" }).click();
    await expect(page.getByTestId("users-table")).toContainText("rep.east@example.com");
    await expect(page.getByTestId("team-card").first()).toBeVisible();
    await screenshot(page, "team-zh");

    await page.getByRole("link", { name: "数据分析" }).click();
    await expect(page.getByTestId("funnel-table")).toContainText("商务谈判");
    await screenshot(page, "analytics-zh");

    await page.getByRole("link", { name: "设置" }).click();
    await expect(page.locator("#company-name")).toHaveValue("演示公司");
    await screenshot(page, "settings-zh");
  });

  test("should show a rep their own deals in Chinese", async ({ page }) => {
    await signIn(page, "rep.north@example.com");
    await page.waitForURL((url) => url.pathname === "/");
    await speak(page);
    await expect(page.getByRole("heading", { name: "您好,刘洋" })).toBeVisible();
    await page.getByRole("link", { name: "商机", exact: true }).click();
    await expect(page.getByRole("heading", { name: "商机", exact: true })).toBeVisible();
    await expect(page.getByTestId("deals-table").getByTestId("deal-owner").first()).toBeVisible();
    const owners = await page.getByTestId("deals-table").getByTestId("deal-owner").allTextContents();
    expect(new Set(owners)).toEqual(new Set(["刘洋"]));
    await screenshot(page, "deals-rep-zh");
  });

  test("should refuse a wrong password with a readable message in Chinese", async ({ page }) => {
    await signIn(page, "manager@example.com", "not-the-password");
    await expect(page.getByTestId("form-alert")).toHaveText("邮箱或密码错误。");
  });

  test("should let the user switch the language and keep it as their setting", async ({ page }) => {
    await signIn(page, "trainer@example.com");
    await page.waitForURL((url) => url.pathname === "/");
    await speak(page);
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    await page.getByTestId("language-switcher").click();
    await page.getByRole("menuitem", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: /Hello/ })).toBeVisible();
    // The setting follows the user, whatever the browser says.
    await page.context().clearCookies({ name: "pw-locale" });
    await page.reload();
    await expect(page.getByRole("heading", { name: /Hello/ })).toBeVisible();
    await screenshot(page, "home-trainer-en");
    // Back to Chinese, so the account is as the demo left it.
    await page.getByTestId("language-switcher").click();
    await page.getByRole("menuitem", { name: "简体中文" }).click();
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
  });
});

test.describe("signing in to the demo company in English", () => {
  test.use({ locale: "en-US" });

  test("should show the admin the demo company's data in English", async ({ page }) => {
    await signIn(page, "admin@example.com");
    await page.waitForURL((url) => url.pathname === "/");
    await speak(page);
    await expect(page.getByRole("heading", { name: "Hello, 王磊" })).toBeVisible();
    await expect(page.getByTestId("company-switcher")).toContainText("Demo Co.");
    await expect(page.getByTestId("kpi-weighted")).toContainText("CN¥");
    await screenshot(page, "home-admin-en");
    await page.getByRole("link", { name: "Team" }).click();
    await expect(page.getByTestId("team-card").first()).toContainText(/East team|North team/);
    await screenshot(page, "team-en");
  });

  test("should show a rep only their own deals in English, without admin pages", async ({ page }) => {
    await signIn(page, "rep.east@example.com");
    await page.waitForURL((url) => url.pathname === "/");
    await speak(page);
    await expect(page.getByRole("heading", { name: /Hello/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Team" })).toHaveCount(0);
    // Reps see analytics too, but only their own figures (docs/analytics.md).
    await screenshot(page, "home-rep-en");

    await page.getByRole("link", { name: "Deals", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Deals", exact: true })).toBeVisible();
    await expect(page.getByTestId("deals-table").getByTestId("deal-owner").first()).toBeVisible();
    // Every deal listed is owned by this rep (the owner column shows their name).
    const owners = await page.getByTestId("deals-table").getByTestId("deal-owner").allTextContents();
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set(["张伟"]));
    await screenshot(page, "deals-rep-en");

    await page.goto("/team");
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/pipelines");
    await expect(page.getByTestId("pipeline-card").first()).toContainText("Needs analysis");
    await screenshot(page, "pipelines-en");
  });

  test("should refuse a wrong password with a readable message in English", async ({ page }) => {
    await signIn(page, "rep.north@example.com", "not-the-password");
    await expect(page.getByTestId("form-alert")).toHaveText("Wrong email or password.");
    await screenshot(page, "signin-error-en");
  });
});
