import { expect, test, type Browser, type Page } from "@playwright/test";
import { failOnPageErrors, screenshot, screenshotDialog, signIn } from "./helpers";

const ADMIN = "admin@example.com";

failOnPageErrors();
// The settings page, the reference page and the API: three compiles on a cold dev server.
test.setTimeout(120_000);

async function signedIn(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await signIn(page, ADMIN);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  return page;
}

test.describe("API keys, in English", () => {
  test("should show a new key once, let it list deals, and refuse it (401) once revoked", async ({
    browser,
    request,
  }) => {
    const page = await signedIn(browser, "en-US");
    await page.goto("/settings");
    const card = page.locator("#api-keys");
    await expect(card.getByText("API keys", { exact: true })).toBeVisible();

    const name = `ERP sync ${Date.now()}`;
    await card.getByRole("button", { name: "Create key" }).click();
    const create = page.getByRole("dialog");
    await create.getByRole("button", { name: "Create key" }).click();
    await expect(create.getByText("Enter a name.")).toBeVisible();
    await create.locator("#api-key-name").fill(name);
    await create.locator("#api-key-scope").click();
    await page.getByRole("option", { name: "Read + write" }).click();
    await expect(create.getByText("every condition still applies")).toBeVisible();
    await screenshotDialog(page, "api-keys-create-en");
    await create.getByRole("button", { name: "Create key" }).click();

    const shown = page.getByRole("dialog");
    await expect(shown.getByText(`Key “${name}” created`)).toBeVisible();
    const token = (await shown.getByTestId("api-key-token").textContent())!.trim();
    expect(token).toMatch(/^pw_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    await screenshotDialog(page, "api-keys-token-en");
    await shown.getByRole("button", { name: "I have saved it" }).click();

    // Listed by its prefix; the secret is never shown again.
    const row = page.getByTestId("api-key-row").filter({ hasText: name });
    await expect(row).toContainText(`pw_${token.split("_")[1]}_…`);
    await expect(row).toContainText("Read + write");
    await expect(row).toContainText("Never");
    await page.reload();
    await expect(page.getByText(token)).toHaveCount(0);

    const deals = await request.get("/api/v1/deals?limit=5", {
      headers: { Authorization: `Bearer ${token}`, "Accept-Language": "en" },
    });
    expect(deals.status()).toBe(200);
    expect(deals.headers()["ratelimit-limit"]).toBe("120");
    const body = (await deals.json()) as { items: Array<{ id: string; title: string }> };
    expect(body.items.length).toBe(5);

    await page.reload();
    await expect(page.getByTestId("api-key-row").filter({ hasText: name })).not.toContainText("Never");
    await screenshot(page, "api-keys-settings-en");

    await page
      .getByTestId("api-key-row")
      .filter({ hasText: name })
      .getByRole("button", { name: "Revoke" })
      .click();
    const confirm = page.getByRole("dialog");
    await expect(confirm.getByText(`Revoke the key “${name}”?`)).toBeVisible();
    await confirm.getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByTestId("api-key-row").filter({ hasText: name })).toContainText("Revoked");

    const refused = await request.get("/api/v1/deals", {
      headers: { Authorization: `Bearer ${token}`, "Accept-Language": "en" },
    });
    expect(refused.status()).toBe(401);
    expect(refused.headers()["content-type"]).toContain("application/problem+json");
    expect(((await refused.json()) as { detail: string }).detail).toBe(
      "The API key is invalid or has been revoked.",
    );
  });

  test("should render the API reference from the OpenAPI document", async ({ browser }) => {
    const page = await signedIn(browser, "en-US");
    await page.goto("/settings");
    const link = page.locator("#api-keys").getByRole("link", { name: "Read the API reference" });
    await expect(link).toHaveAttribute("href", "/developers");
    await page.goto("/developers");
    await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
    const action = page.locator("#applyDealAction");
    await expect(action).toContainText("/api/v1/deals/{id}/actions/{action}");
    await expect(action).toContainText("If-Match");
    await expect(action).toContainText("Idempotency-Key");
    await expect(page.locator("#problem-action-refused")).toContainText("unmet criterion");
    await expect(page.locator("#schema-Deal")).toContainText("version");
    await screenshot(page, "api-reference-en");
  });
});

test.describe("API keys, in Chinese", () => {
  test("should create and list a read-only key and show the reference in Chinese", async ({ browser }) => {
    const page = await signedIn(browser, "zh-CN");
    await page.goto("/settings");
    const card = page.locator("#api-keys");
    await card.getByRole("button", { name: "创建密钥" }).click();
    const create = page.getByRole("dialog");
    await create.locator("#api-key-name").fill("数据仓库");
    await expect(create.getByText("只能读取流程、商机和历史。")).toBeVisible();
    await create.getByRole("button", { name: "创建密钥" }).click();
    await expect(page.getByRole("dialog").getByText("关闭此窗口后将无法再次查看")).toBeVisible();
    await screenshotDialog(page, "api-keys-token-zh");
    await page.getByRole("dialog").getByRole("button", { name: "我已保存" }).click();
    const row = page.getByTestId("api-key-row").filter({ hasText: "数据仓库" }).first();
    await expect(row).toContainText("只读");
    await expect(row).toContainText("从未使用");
    await screenshot(page, "api-keys-settings-zh");

    await page.goto("/developers");
    await expect(page.getByRole("heading", { name: "API 文档" })).toBeVisible();
    await expect(page.locator("#applyDealAction")).toContainText("执行操作");
    await expect(page.locator("#rate-limits")).toContainText("每个密钥每 60 秒最多 120 次请求");
    await screenshot(page, "api-reference-zh");
  });
});
