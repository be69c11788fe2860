import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { daysFromNow, failOnPageErrors, screenshot, signIn, signOut } from "./helpers";

const REP = "rep.east@example.com";
const MANAGER = "manager@example.com";

failOnPageErrors();

/** Opens the first deal of the deals list, filtered by `query` (e.g. "stage=lost"). */
async function openFirstDeal(page: Page, query = "") {
  await page.goto(`/deals${query ? `?${query}` : ""}`);
  const link = page.getByTestId("deals-table").getByTestId("deal-link").first();
  await expect(link).toBeVisible();
  const href = await link.getAttribute("href");
  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByTestId("deal-page")).toBeVisible();
  return href!;
}

test.describe("deal activity in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("should let a rep mention the manager in a comment, and the manager hear of it", async ({ page }) => {
    await signIn(page, REP);
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    const href = await openFirstDeal(page, "stage=lead");
    const input = page.getByTestId("comment-input");
    await input.click();
    await input.pressSequentially("请 @李");
    const picker = page.getByTestId("mention-picker");
    await expect(picker.getByTestId("mention-option")).toHaveText(["李娜"]);
    await picker.getByTestId("mention-option").first().click();
    await expect(input).toHaveValue("请 @李娜 ");
    await input.pressSequentially("看一下报价");
    await page.getByTestId("comment-submit").click();
    const event = page.getByTestId("timeline-event").first();
    await expect(event).toContainText("评论");
    await expect(event).toContainText("请 @李娜 看一下报价");
    await expect(event.getByTestId("comment-mention")).toHaveText("@李娜");
    await expect(input).toHaveValue("");
    await screenshot(page, "activity-comment-zh");

    await signOut(page);
    await signIn(page, MANAGER);
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    await expect(page.getByTestId("notifications-count")).toBeVisible();
    await page.getByTestId("notifications-bell").click();
    const panel = page.getByTestId("notifications-panel");
    await expect(panel).toContainText("张伟在商机「");
    await expect(panel).toContainText("中提到了您");
    await screenshot(page, "activity-mention-bell-zh");
    await panel
      .getByText(/中提到了您/)
      .first()
      .click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(page.getByTestId("timeline-event").first()).toContainText("请 @李娜 看一下报价");
  });

  test("should let a manager reopen a lost deal into an open stage", async ({ page }) => {
    await signIn(page, MANAGER);
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    await openFirstDeal(page, "stage=lost");
    await expect(page.getByTestId("deal-stage")).toHaveText("输单");
    await page.getByTestId("reopen-button").click();
    const dialog = page.getByTestId("reopen-dialog");
    await expect(dialog).toContainText("重新打开商机");
    await dialog.getByTestId("reopen-stage").click();
    await page.getByRole("option", { name: "需求分析", exact: true }).click();
    await dialog.getByLabel("原因(可选)").fill("客户重新启动了采购");
    // The dialog is fixed: the viewport shows it with its overlay.
    await page.screenshot({
      path: path.resolve(import.meta.dirname, "../../test-results/screens/activity-reopen-dialog-zh.png"),
    });
    await dialog.getByTestId("reopen-confirm").click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("deal-stage")).toHaveText("需求分析");
    await expect(page.getByTestId("reopen-button")).toHaveCount(0);
    const event = page.getByTestId("timeline-event").first();
    await expect(event).toContainText("重新打开");
    await expect(event).toContainText("李娜");
    await expect(event.getByTestId("timeline-move")).toContainText("输单");
    await expect(event.getByTestId("timeline-move")).toContainText("需求分析");
    await expect(event).toContainText("客户重新启动了采购");
    await screenshot(page, "activity-reopened-zh");
  });

  test("should not offer a rep to reopen a closed deal", async ({ page }) => {
    await signIn(page, REP);
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    await openFirstDeal(page, "stage=lost");
    await expect(page.getByTestId("closed-summary")).toBeVisible();
    await expect(page.getByTestId("reopen-button")).toHaveCount(0);
  });
});

test.describe("deal activity in English", () => {
  test.use({ locale: "en-US" });

  test("should set a deal's next step, show it overdue in red once its date passed, and log it", async ({
    page,
  }) => {
    await signIn(page, REP);
    await expect(page.getByRole("heading", { name: /Hello/ })).toBeVisible();
    await openFirstDeal(page, "stage=lead");
    const nextStep = page.getByTestId("next-step");
    await nextStep.getByTestId("next-step-edit").click();
    await page.getByTestId("next-step-text").fill("Send the revised quote");
    await page.getByTestId("next-step-date").fill(daysFromNow(-2));
    await page.getByTestId("next-step-save").click();
    await expect(page.getByTestId("next-step-value")).toHaveText("Send the revised quote");
    await expect(page.getByTestId("next-step")).toHaveAttribute("data-overdue", "true");
    await expect(page.getByTestId("next-step-at")).toContainText("Overdue");
    const event = page.getByTestId("timeline-event").first();
    await expect(event).toContainText("Next step");
    await expect(event.getByTestId("timeline-next-step")).toContainText("Send the revised quote");
    await screenshot(page, "activity-next-step-overdue-en");

    await page.getByTestId("next-step-edit").click();
    await page.getByTestId("next-step-date").fill(daysFromNow(5));
    await page.getByTestId("next-step-save").click();
    await expect(page.getByTestId("next-step")).not.toHaveAttribute("data-overdue", "true");
    await expect(page.getByTestId("next-step-at")).not.toContainText("Overdue");
    await screenshot(page, "activity-next-step-en");
  });
});
