import { expect, test } from "@playwright/test";
import { screenshot, signIn, signOut, speak } from "./helpers";

test.describe("people and companies", () => {
  test.use({ locale: "zh-CN" });

  test("should let an admin add a rep who must choose a password at first sign-in", async ({ page }) => {
    await signIn(page, "admin@example.com");
    await page.waitForURL((url) => url.pathname === "/");
    await speak(page);
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
    await page.waitForURL((url) => url.pathname === "/");
    await speak(page);
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

test.describe("invitations and several companies", () => {
  test.use({ locale: "en-US" });

  test("should let an invited person join through the link and switch between their companies", async ({
    page,
    browser,
  }) => {
    // Someone runs a company of their own…
    await page.goto("/signup");
    await page.locator("#companyName").fill("Contoso Consulting");
    await page.locator("#name").fill("Grace Hopper");
    await page.locator("#email").fill("grace@contoso.test");
    await page.locator("#password").fill("grace-password-1");
    await page.locator("form button[type=submit]").click();
    await expect(page.getByRole("heading", { name: "Hello, Grace Hopper" })).toBeVisible();

    // …and is added to the demo company (as a rep, the default role).
    const admin = await browser.newPage({ locale: "en-US" });
    await signIn(admin, "admin@example.com");
    await admin.getByRole("link", { name: "Team" }).click();
    await admin.getByRole("button", { name: "Add user" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.locator("#new-name").fill("Grace Hopper");
    await dialog.locator("#new-email").fill("grace@contoso.test");
    await dialog.getByRole("button", { name: "Add user" }).click();
    await expect(admin.getByRole("dialog")).toContainText("Added to the company");
    await admin.close();

    await page.reload();
    await page.getByTestId("company-switcher").click();
    await page.getByRole("menuitem", { name: /演示公司|Demo Co\./ }).click();
    await expect(page.getByTestId("company-switcher")).toContainText("Demo Co.");
    await expect(page.getByText("Here is where Demo Co.'s pipeline stands today.")).toBeVisible();
    // A new rep owns no deals yet, and no count on the page reveals anyone else's.
    await expect(page.getByTestId("kpi-open")).toContainText("0");
    await expect(page.getByTestId("stage-bars")).toContainText("0");
    await expect(page.getByTestId("stage-bars")).not.toContainText(/[1-9]/);
    await screenshot(page, "switched-company-en");
    await page.getByTestId("company-switcher").click();
    await page.getByRole("menuitem", { name: /Contoso/ }).click();
    await expect(page.getByTestId("company-switcher")).toContainText("Contoso Consulting");
  });

  test("should let a new person accept an invitation link and choose a password", async ({
    page,
    browser,
  }) => {
    const admin = await browser.newPage({ locale: "en-US" });
    await signIn(admin, "admin@example.com");
    await admin.getByRole("link", { name: "Team" }).click();
    await admin.getByRole("button", { name: "Add user" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.locator("#new-name").fill("Linus");
    await dialog.locator("#new-email").fill("linus@example.com");
    await dialog.getByText("Invitation link").click();
    await dialog.getByRole("button", { name: "Add user" }).click();
    const link = (await admin.getByTestId("secret-value").textContent())!;
    expect(link).toMatch(/\/invite\/[\w-]{20,}$/);
    await admin.close();

    await page.goto(link);
    await expect(page.getByText("invites linus@example.com to join as Rep")).toBeVisible();
    await page.locator("#name").fill("Linus T.");
    await page.locator("#password").fill("linus-password");
    await screenshot(page, "invite-en");
    await page.locator("form button[type=submit]").click();
    await expect(page.getByRole("heading", { name: "Hello, Linus T." })).toBeVisible();
    await page.goto(link);
    await expect(page.getByTestId("form-alert")).toContainText("invalid, has expired or was already used");
  });
});
