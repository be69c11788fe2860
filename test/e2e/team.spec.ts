import { expect, test } from "@playwright/test";
import { screenshot, signIn, signOut } from "./helpers";

test.describe("people and companies", () => {
  test.use({ locale: "zh-CN" });

  test("should let an admin add a rep who must choose a password at first sign-in", async ({ page }) => {
    await signIn(page, "admin@example.com");
    await page.getByRole("link", { name: "团队" }).click();
    await page.getByRole("button", { name: "添加成员" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.locator("#new-name").fill("马超");
    await dialog.locator("#new-email").fill("ma.chao@example.com");
    await screenshot(page, "team-add-user-zh");
    await dialog.getByRole("button", { name: "添加成员" }).click();
    const secret = page.getByTestId("secret-value");
    await expect(secret).toHaveText(/^[A-Za-z2-9]{12}$/);
    const password = (await secret.textContent())!;
    await page.getByRole("button", { name: "完成" }).click();
    await expect(page.getByTestId("users-table")).toContainText("ma.chao@example.com");
    await expect(page.getByTestId("users-table")).toContainText("待设置密码");
    await signOut(page);

    await signIn(page, "ma.chao@example.com", password);
    await expect(page).toHaveURL(/\/change-password/);
    await page.locator("#currentPassword").fill(password);
    await page.locator("#newPassword").fill("short");
    await page.locator("form button[type=submit]").click();
    await expect(page.getByText("密码至少 8 个字符。")).toBeVisible();
    await page.locator("#newPassword").fill("ma-chao-password");
    await page.locator("form button[type=submit]").click();
    await expect(page.getByRole("heading", { name: /您好,马超/ })).toBeVisible();
  });

  test("should let an admin deactivate a rep, who then cannot sign in", async ({ page }) => {
    await signIn(page, "admin@example.com");
    await page.getByRole("link", { name: "团队" }).click();
    await page.getByRole("button", { name: "周杰 的操作" }).click();
    await page.getByRole("menuitem", { name: "停用" }).click();
    await expect(page.getByRole("row", { name: /周杰/ })).toContainText("已停用");
    await signOut(page);
    await signIn(page, "rep.north2@example.com");
    await expect(page.getByTestId("form-alert")).toHaveText("您的账号已被停用,请联系管理员。");
  });
});

test.describe("a new company", () => {
  test.use({ locale: "en-US" });

  test("should be created by signing up, its founder becoming admin", async ({ page }) => {
    await page.goto("/signup");
    await page.locator("form button[type=submit]").click();
    await expect(page.getByText("Required.")).toBeVisible();
    await page.locator("#companyName").fill("Northwind Trading");
    await page.locator("#name").fill("Ada Lovelace");
    await page.locator("#email").fill("ada@northwind.test");
    await page.locator("#password").fill("ada-password-1");
    await screenshot(page, "signup-en");
    await page.locator("form button[type=submit]").click();
    await expect(page.getByRole("heading", { name: "Hello, Ada Lovelace" })).toBeVisible();
    await expect(page.getByTestId("company-switcher")).toContainText("Northwind Trading");
    await expect(page.getByTestId("company-switcher")).toContainText("Admin");
    await expect(page.getByTestId("kpi-open")).toContainText("0");
  });

  test("should refuse an e-mail that is already registered, in English", async ({ page }) => {
    await page.goto("/signup");
    await page.locator("#companyName").fill("Copycat Ltd");
    await page.locator("#name").fill("Copy Cat");
    await page.locator("#email").fill("admin@example.com");
    await page.locator("#password").fill("copycat-password");
    await page.locator("form button[type=submit]").click();
    await expect(page.getByTestId("form-alert")).toHaveText(
      "An account with this email already exists. Sign in instead.",
    );
  });
});
