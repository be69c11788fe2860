import { expect, test, type Page } from "@playwright/test";
import {
  choose,
  createLeadDeal,
  daysFromNow,
  failOnPageErrors,
  screenshot,
  screenshotDialog,
  signIn,
} from "./helpers";

const REP = "rep.east@example.com";

/**
 * Opens a lead deal of the rep that still needs its fields: a fresh one made through the
 * new-deal form, so the test does not depend on which demo deals other tests moved.
 */
async function openLeadDeal(page: Page, names: { deals: RegExp; lead: string; needs: RegExp }) {
  await createLeadDeal(page, `${names.lead} ${Date.now()}`);
  await expect(page.getByTestId("action-startContact").getByText(names.needs)).toBeVisible();
  return true;
}

failOnPageErrors();

function currentStep(page: Page) {
  return page.getByTestId("stage-path").locator('[aria-current="step"]');
}

/** Starts contact: through the form when it asks for industry, region and source, else directly. */
async function startContact(
  page: Page,
  names: { action: string; industry: [string, string]; region: [string, string]; source: [string, string] },
) {
  await page.getByTestId("action-startContact").getByRole("button", { name: names.action }).click();
  const dialog = page.getByTestId("action-dialog");
  // An action that needs nothing runs at once; one that needs fields opens its form.
  const moved = page.getByTestId("stage-path").locator('[data-status="done"]').first();
  await expect(dialog.or(moved)).toBeVisible();
  if (!(await dialog.isVisible())) return;
  for (const [label, option] of [names.industry, names.region, names.source])
    await choose(page, dialog, label, option);
  await dialog.getByRole("button", { name: names.action }).click();
  await expect(dialog).toBeHidden();
}

test.describe("working a deal in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("should move a lead through contact and qualification, asking for what each step needs", async ({
    page,
  }) => {
    await signIn(page, REP);
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    const needsFields = await openLeadDeal(page, { deals: /^商机$/, lead: "线索", needs: /需补充/ });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("deal-stage")).toHaveText("线索");
    await expect(currentStep(page)).toContainText("线索");
    await expect(page.getByTestId("stage-guidance")).toContainText("24 小时内首次联系");
    await expect(page.getByTestId("deal-owner")).toHaveText("张伟");
    await expect(page.getByTestId("action-disqualify")).toContainText("需补充:输单原因");
    await screenshot(page, "deal-lead-zh");

    const dialog = page.getByTestId("action-dialog");
    if (needsFields) {
      // 开始接触 asks for what the lead still lacks; sent empty, it is refused field by field.
      await page.getByTestId("action-startContact").getByRole("button", { name: "开始接触" }).click();
      await expect(dialog.getByRole("heading", { name: "开始接触" })).toBeVisible();
      await expect(dialog).toContainText("需要填写");
      await dialog.getByRole("button", { name: "开始接触" }).click();
      await expect(dialog.getByTestId("form-alert")).toContainText("暂时不能执行此操作");
      await expect(dialog.getByText(/^请填写「(行业|区域|来源)」$/).first()).toBeVisible();
      await screenshotDialog(page, "deal-start-contact-refused-zh");
      await dialog.getByRole("button", { name: "取消" }).click();
    }
    await startContact(page, {
      action: "开始接触",
      industry: ["行业", "金融"],
      region: ["区域", "华东"],
      source: ["来源", "转介绍"],
    });
    await expect(page.getByText("商机已推进到「初步接触」")).toBeVisible();
    await expect(page.getByTestId("deal-stage")).toHaveText("初步接触");
    await expect(currentStep(page)).toContainText("初步接触");
    await expect(page.getByTestId("stage-path").locator('[data-status="done"]')).toContainText("线索");
    const latest = page.getByTestId("timeline-event").first();
    await expect(latest).toContainText("开始接触");
    await expect(latest).toContainText("张伟");
    await expect(latest.getByTestId("timeline-move")).toHaveText(/线索\s*初步接触/);
    await expect(page.getByTestId("checklist-reachedDecisionMaker")).toHaveAttribute("data-done", "false");

    // 资格审核 asks for the two exit criteria; with one unticked it is refused, naming that one.
    await page.getByTestId("action-qualify").getByRole("button", { name: "资格审核" }).click();
    await expect(dialog).toContainText("出阶段标准");
    await expect(dialog.getByText("已接触决策人或影响人", { exact: true })).toBeVisible();
    await expect(dialog.getByText("已确认客户意向", { exact: true })).toBeVisible();
    await dialog.getByText("已接触决策人或影响人", { exact: true }).click();
    await dialog.getByRole("button", { name: "资格审核" }).click();
    await expect(dialog.getByTestId("form-alert")).toContainText("暂时不能执行此操作");
    await expect(dialog.getByText("请确认「已确认客户意向」")).toBeVisible();
    await screenshotDialog(page, "deal-qualify-refused-zh");

    // The BANT facts decide where the deal goes: recorded here, they send it to needs analysis.
    await expect(dialog).toContainText("判定依据(选填)");
    await dialog.getByText("已确认客户意向", { exact: true }).click();
    const budgetConfirmed = dialog.getByRole("switch");
    if ((await budgetConfirmed.getAttribute("aria-checked")) !== "true") await budgetConfirmed.click();
    await dialog.getByLabel("决策人", { exact: true }).fill("王总(CIO)");
    await dialog.getByLabel("需求描述", { exact: true }).fill("统一管理全国门店的销售线索。");
    await dialog.getByLabel("预计成交日期", { exact: true }).fill(daysFromNow(60));
    await dialog.getByLabel("备注(选填)").fill("已与王总确认预算和上线时间。");
    await dialog.evaluate((el) => el.scrollTo(0, 0));
    await screenshotDialog(page, "deal-qualify-dialog-zh");
    await dialog.getByRole("button", { name: "资格审核" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("商机已推进到「需求分析」")).toBeVisible();
    await expect(page.getByTestId("deal-stage")).toHaveText("需求分析");
    await expect(currentStep(page)).toContainText("需求分析");
    const qualified = page.getByTestId("timeline-event").first();
    await expect(qualified).toContainText("资格审核");
    await expect(qualified.getByTestId("timeline-move")).toHaveText(/初步接触\s*需求分析/);
    await expect(qualified).toContainText("已与王总确认预算和上线时间。");
    await expect(qualified.getByTestId("timeline-changes")).toContainText("王总(CIO)");
    await expect(page.getByTestId("required-painPoints")).toContainText("未填写");
    await expect(page.getByTestId("field-budgetConfirmed")).toContainText("是");
    await screenshot(page, "deal-zh");
  });
});

test.describe("working a deal in English", () => {
  test.use({ locale: "en-US" });

  test("should start contact, explain a stale page and let the rep drop their entries, and close the deal lost with a reason", async ({
    page,
    context,
  }) => {
    await signIn(page, REP);
    await expect(page.getByRole("heading", { name: /Hello/ })).toBeVisible();
    await openLeadDeal(page, { deals: /^Deals$/, lead: "Lead", needs: /Still needed/ });
    await expect(page.getByTestId("deal-stage")).toHaveText("Lead");
    await expect(page.getByTestId("stage-guidance")).toContainText("first contact within 24 hours");

    // A second tab moves the deal on, so the first one is looking at a stale version.
    const other = await context.newPage();
    await other.goto(page.url());
    await startContact(other, {
      action: "Start contact",
      industry: ["Industry", "Retail"],
      region: ["Region", "East"],
      source: ["Source", "Website"],
    });
    await expect(other.getByText("Deal moved to Initial contact")).toBeVisible();
    await other.close();

    await page.getByTestId("action-disqualify").getByRole("button", { name: "Disqualify" }).click();
    const dialog = page.getByTestId("action-dialog");
    await choose(page, dialog, "Lost reason", "No budget");
    await dialog.getByRole("button", { name: "Disqualify" }).click();
    // Refused as stale: the form says what changed since, who changed it, and keeps the entries.
    const conflict = dialog.getByTestId("edit-conflict");
    await expect(conflict).toContainText("张伟 saved this deal while you were editing.");
    await expect(dialog.getByTestId("conflict-stage")).toHaveText(
      "Meanwhile the deal moved to Initial contact.",
    );
    await expect(conflict.getByTestId("conflict-industry")).toContainText("Retail");
    await expect(conflict.getByTestId("conflict-lostReason")).toContainText("Yours: No budget");
    await screenshotDialog(page, "deal-conflict-en");
    await conflict.getByRole("button", { name: "Discard my edits" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("deal-stage")).toHaveText("Initial contact");
    await expect(page.getByTestId("timeline-event").first()).toContainText("Start contact");

    // Close lost asks only for the lost reason, and closes the deal.
    await page.getByTestId("action-closeLost").getByRole("button", { name: "Close lost" }).click();
    await expect(dialog).toContainText("closed as lost");
    await expect(dialog.getByLabel("Lost reason", { exact: true })).toBeVisible();
    await choose(page, dialog, "Lost reason", "Competitor");
    await dialog.getByLabel("Comment (optional)").fill("Chose Rival A on price and delivery time.");
    await screenshotDialog(page, "deal-close-lost-dialog-en");
    await dialog.getByRole("button", { name: "Close lost" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Deal moved to Lost")).toBeVisible();
    await expect(page.getByTestId("deal-stage")).toHaveText("Lost");
    await expect(currentStep(page)).toContainText("Lost");
    await expect(page.getByTestId("deal-actions")).toContainText("The deal is closed and cannot move on.");
    await expect(page.getByTestId("closed-summary")).toContainText("Lost reason: Competitor");
    const latest = page.getByTestId("timeline-event").first();
    await expect(latest).toContainText("Close lost");
    await expect(latest.getByTestId("timeline-move")).toHaveText(/Initial contact\s*Lost/);
    await expect(latest.getByTestId("timeline-changes")).toContainText("Competitor");
    await expect(latest).toContainText("Chose Rival A");
    await expect(page.getByTestId("field-lostReason")).toContainText("Competitor");
    await screenshot(page, "deal-en");
  });
});

test.describe("a deal at phone width", () => {
  test.use({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("should fit the screen, the stage path and the action form included", async ({ page }) => {
    await signIn(page, REP);
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    await page.goto("/deals");
    // On a phone the list is a column of cards.
    const cards = page
      .getByTestId("deals-cards")
      .locator("li")
      .filter({ has: page.getByText("需求分析", { exact: true }) });
    await cards.first().getByTestId("deal-card-link").click();
    await expect(page.getByTestId("deal-stage")).toHaveText("需求分析");
    await expect(page.getByTestId("stage-path")).toBeVisible();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(1);
    await screenshot(page, "phone-deal-zh");

    await page.getByTestId("action-startProposal").getByRole("button", { name: "制定方案" }).click();
    const dialog = page.getByTestId("action-dialog");
    await expect(dialog).toContainText("需要填写");
    await expect(dialog.getByLabel("痛点", { exact: true })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(1);
    await screenshotDialog(page, "phone-deal-dialog-zh");
  });
});
