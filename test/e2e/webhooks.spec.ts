import { expect, test, type Browser, type Page } from "@playwright/test";
import { verifySignature } from "@/lib/server/webhooks/signature";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { choose, createLeadDeal, failOnPageErrors, screenshot, screenshotDialog, signIn } from "./helpers";

const ADMIN = "admin@example.com";

failOnPageErrors();
test.setTimeout(180_000);

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 200, body: "received" }));
});
test.afterAll(async () => {
  await receiver.close();
});

async function signedIn(browser: Browser, locale: string, viewport?: { width: number; height: number }) {
  const context = await browser.newContext({ locale, ...(viewport && { viewport }) });
  const page = await context.newPage();
  await signIn(page, ADMIN);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  return page;
}

/** Moves a fresh lead deal of the admin to Initial contact through the deal page's action form. */
async function moveADeal(page: Page, title: string) {
  await createLeadDeal(page, title);
  await page.getByTestId("action-startContact").getByRole("button", { name: "Start contact" }).click();
  const dialog = page.getByTestId("action-dialog");
  for (const [label, option] of [
    ["Industry", "Retail"],
    ["Region", "East"],
    ["Source", "Website"],
  ] as const)
    await choose(page, dialog, label, option);
  await dialog.getByRole("button", { name: "Start contact" }).click();
  await expect(page.getByTestId("deal-stage")).toHaveText("Initial contact");
}

test.describe("webhooks, in English", () => {
  test("should add an endpoint, deliver a deal's move to a real server with 200 in the log, and resend it", async ({
    browser,
  }) => {
    const page = await signedIn(browser, "en-US");
    await page.goto("/settings");
    await expect(page.locator("#webhooks").getByText("Webhooks", { exact: true })).toBeVisible();
    await page.getByTestId("webhooks-link").click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

    await page.getByTestId("webhook-add").first().click();
    const form = page.getByRole("dialog");
    await form.locator("#webhook-url").fill("ftp://files.example.com");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.getByText("The address must start with http:// or https://.")).toBeVisible();
    await form.locator("#webhook-url").fill(receiver.url);
    await form.locator("#webhook-description").fill("ERP order sync");
    // Stage changed, won and lost come ticked; add "Deal created".
    await expect(form.getByRole("checkbox", { name: /Stage changed/ })).toBeChecked();
    await form.getByRole("checkbox", { name: /Deal created/ }).check();
    await screenshotDialog(page, "webhooks-create-en");
    await form.getByRole("button", { name: "Add endpoint" }).click();

    const shown = page.getByRole("dialog");
    await expect(shown.getByText("Endpoint added: copy its signing secret")).toBeVisible();
    const secret = (await shown.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await screenshotDialog(page, "webhooks-secret-en");
    await shown.getByRole("button", { name: "I have saved it" }).click();

    const card = page.getByTestId("webhook-endpoint").filter({ hasText: receiver.url });
    await expect(card.getByTestId("webhook-status")).toHaveText("Active");
    await expect(card).toContainText("ERP order sync");
    await page.reload();
    await expect(page.getByText(secret)).toHaveCount(0);

    // A deal moves: the worker beside the server POSTs the stage change to the receiver.
    const title = `Webhook deal ${Date.now()}`;
    await moveADeal(page, title);
    await expect
      .poll(
        () => receiver.received.filter((r) => r.headers["pipewright-event"] === "deal.stage_changed").length,
        {
          timeout: 30_000,
        },
      )
      .toBe(1);
    const sent = receiver.received.find((r) => r.headers["pipewright-event"] === "deal.stage_changed")!;
    expect(verifySignature(secret, sent.headers["pipewright-signature"] as string, sent.body)).toBe(true);
    const event = JSON.parse(sent.body) as { id: string; data: { deal: { title: string; stage: string } } };
    expect(event.data.deal).toMatchObject({ title, stage: "contact" });

    await page.goto("/settings/webhooks");
    const row = page
      .getByTestId("delivery-row")
      .filter({ has: page.getByText("Stage changed", { exact: true }) })
      .first();
    await expect(row.getByTestId("delivery-status")).toHaveText(/200\s*·\s*Delivered/, { timeout: 20_000 });
    await expect(page.getByTestId("delivery-row").filter({ hasText: "Deal created" }).first()).toBeVisible();
    await screenshot(page, "webhooks-page-en");

    // Resend: a new delivery of the same event, delivered again with 200.
    await row.getByTestId("delivery-resend").click();
    await expect(page.getByText("Sent again as a new delivery")).toBeVisible();
    const detail = page.getByTestId("delivery-detail");
    await expect(detail.getByTestId("delivery-status")).toHaveText(/200\s*·\s*Delivered/, {
      timeout: 20_000,
    });
    await expect(detail.getByTestId("delivery-attempts")).toContainText("200");
    await expect(detail.getByTestId("delivery-body")).toContainText(title);
    await expect(detail).toContainText("received");
    await screenshotDialog(page, "webhooks-delivery-en");
    const resent = receiver.received.filter((r) => JSON.parse(r.body).id === event.id);
    expect(resent).toHaveLength(2);
    expect(resent[0]!.headers["pipewright-delivery"]).not.toBe(resent[1]!.headers["pipewright-delivery"]);
    await detail.getByRole("button", { name: "Close" }).first().click();
    await expect(page.getByTestId("delivery-row").filter({ hasText: "resent" }).first()).toBeVisible();
  });
});

test.describe("webhooks, in Chinese and on a phone", () => {
  test("should show the endpoints and the log in Chinese, and fit a phone screen", async ({ browser }) => {
    const page = await signedIn(browser, "zh-CN");
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("heading", { name: "Webhook", level: 1 })).toBeVisible();
    // An endpoint nobody listens on: its test event fails and is retried.
    await page.getByTestId("webhook-add").first().click();
    const form = page.getByRole("dialog");
    await form.locator("#webhook-url").fill("http://127.0.0.1:9/hooks");
    await form.locator("#webhook-description").fill("旧 CRM 同步");
    await screenshotDialog(page, "webhooks-create-zh");
    await form.getByRole("button", { name: "添加地址" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "我已保存" }).click();
    const card = page.getByTestId("webhook-endpoint").filter({ hasText: "127.0.0.1:9" });
    await card.getByRole("button", { name: "发送测试事件" }).click();
    await expect(page.getByText("测试事件已加入队列")).toBeVisible();
    await expect(card.getByTestId("webhook-status")).toHaveText(/投递失败/, { timeout: 30_000 });
    const failed = page.getByTestId("delivery-row").filter({ hasText: "测试事件" }).first();
    await expect(failed.getByTestId("delivery-status")).toHaveText("重试中");
    await screenshot(page, "webhooks-page-zh");
    await failed.click();
    await expect(page.getByTestId("delivery-detail")).toContainText("无响应");
    await screenshotDialog(page, "webhooks-delivery-zh");

    const phone = await signedIn(browser, "zh-CN", { width: 390, height: 844 });
    await phone.goto("/settings/webhooks");
    await expect(phone.getByTestId("webhook-endpoint").first()).toBeVisible();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, "webhooks-phone-zh");
  });
});
