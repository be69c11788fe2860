import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { daysFromNow, failOnPageErrors, screenshot, signIn, signOut } from "./helpers";

const REP = "rep.east@example.com";
/** 李娜 manages the East team, so the discount approvals of its deals wait for her. */
const MANAGER = "manager@example.com";

type Names = {
  deals: RegExp;
  proposal: string;
  analysis: string;
  startProposal: string;
  sendProposal: string;
  painPoints: string;
  competitor: string;
  proposalAmount: string;
  proposalLink: string;
  expectedClose: string;
  discount: string;
  approval: string;
};

const ZH: Names = {
  deals: /^商机$/,
  proposal: "方案制定",
  analysis: "需求分析",
  startProposal: "制定方案",
  sendProposal: "提交方案",
  painPoints: "痛点",
  competitor: "友商A",
  proposalAmount: "方案金额",
  proposalLink: "方案文档",
  expectedClose: "预计成交日期",
  discount: "折扣 %",
  approval: "折扣审批",
};

const EN: Names = {
  deals: /^Deals$/,
  proposal: "Proposal",
  analysis: "Needs analysis",
  startProposal: "Start proposal",
  sendProposal: "Send proposal",
  painPoints: "Pain points",
  competitor: "Rival A",
  proposalAmount: "Proposal amount",
  proposalLink: "Proposal document",
  expectedClose: "Expected close",
  discount: "Discount %",
  approval: "Discount approval",
};

/** The viewport only, for an open popover or dialog: a full-page shot would cut its overlay. */
async function screenshotViewport(page: Page, name: string, settled?: Locator) {
  // Let an opening animation finish, or the shot catches it half faded in.
  if (settled) await settled.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
  const file = path.resolve(import.meta.dirname, "../../test-results/screens", `${name}.png`);
  await page.screenshot({ path: file });
}

failOnPageErrors();

/** The links of the signed-in rep's deals listed in a stage. */
async function dealsIn(page: Page, names: Names, stage: string) {
  await page.goto("/deals");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(names.deals);
  // The table is in the page at every width (on a phone it is hidden behind the cards).
  const table = page.getByTestId("deals-table");
  await expect(table.getByTestId("deal-link").first()).toBeAttached();
  return table
    .locator("tbody tr")
    .filter({ has: page.getByText(stage, { exact: true }) })
    .getByTestId("deal-link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
}

/** Fills an input of the dialog when the dialog asks for it. */
async function fillIfAsked(dialog: Locator, label: string, value: string) {
  const input = dialog.getByLabel(label, { exact: true });
  if ((await input.count()) > 0) await input.fill(value);
}

/** Ticks an option of a multi-select field (a group of checkboxes), when the dialog asks for it. */
async function tickIfAsked(dialog: Locator, option: string) {
  const box = dialog.getByText(option, { exact: true });
  if ((await box.count()) > 0) await box.click();
}

/**
 * Opens one of the rep's deals in the proposal stage, driving one there from needs analysis
 * when none is left. Returns its title.
 */
async function openProposalDeal(page: Page, names: Names) {
  const proposals = await dealsIn(page, names, names.proposal);
  if (proposals.length > 0) {
    await page.locator(`a[href="${proposals[0]}"]:visible`).first().click();
    await expect(page.getByTestId("deal-stage")).toHaveText(names.proposal);
  } else {
    const analyses = await dealsIn(page, names, names.analysis);
    expect(analyses.length).toBeGreaterThan(0);
    await page.locator(`a[href="${analyses[0]}"]:visible`).first().click();
    await expect(page.getByTestId("deal-stage")).toHaveText(names.analysis);
    await page.getByTestId("action-startProposal").getByRole("button", { name: names.startProposal }).click();
    const dialog = page.getByTestId("action-dialog");
    const moved = page.getByTestId("deal-stage").getByText(names.proposal, { exact: true });
    await expect(dialog.or(moved)).toBeVisible();
    if (await dialog.isVisible()) {
      await fillIfAsked(dialog, names.painPoints, "线索分散在各门店,无法统一跟进。");
      await tickIfAsked(dialog, names.competitor);
      await dialog.getByRole("button", { name: names.startProposal }).click();
      await expect(dialog).toBeHidden();
    }
    await expect(page.getByTestId("deal-stage")).toHaveText(names.proposal);
  }
  await expect(page.getByTestId("deal-page")).toBeVisible();
  return (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
}

/** Sends the proposal with a 20% discount, over the 15% limit: the deal waits at the discount approval. */
async function sendOverLimit(page: Page, names: Names) {
  await page.getByTestId("action-sendProposal").getByRole("button", { name: names.sendProposal }).click();
  const dialog = page.getByTestId("action-dialog");
  await expect(dialog).toBeVisible();
  await fillIfAsked(dialog, names.proposalAmount, "480000");
  await fillIfAsked(dialog, names.proposalLink, "https://docs.example.com/proposal-v2.pdf");
  await fillIfAsked(dialog, names.expectedClose, daysFromNow(45));
  await dialog.getByLabel(names.discount, { exact: true }).fill("20");
  await dialog.getByRole("button", { name: names.sendProposal }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("deal-stage")).toHaveText(names.approval);
}

test.describe("deciding a discount approval in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("should bring the manager the request by the bell and the inbox, and move the deal on when approved", async ({
    page,
  }) => {
    await signIn(page, REP);
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    // A rep decides no approvals: the entry is not in their navigation.
    await expect(page.getByRole("link", { name: "审批", exact: true })).toHaveCount(0);
    const title = await openProposalDeal(page, ZH);
    await sendOverLimit(page, ZH);
    await signOut(page);

    await signIn(page, MANAGER);
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    const bell = page.getByTestId("notifications-bell");
    await expect(bell).toHaveAttribute("aria-label", /通知,\d+ 条未读/);
    const unread = Number(await page.getByTestId("notifications-count").textContent());
    expect(unread).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId("nav-approvals-count").first()).toHaveText(/^\d+$/);

    await bell.click();
    const panel = page.getByTestId("notifications-panel");
    await expect(panel).toBeVisible();
    const request = panel
      .getByTestId("notification")
      .filter({ hasText: `商机「${title}」等待您审批` })
      .first();
    await expect(request).toHaveAttribute("data-unread", "true");
    await expect(request).toHaveAttribute("data-kind", "approvalRequested");
    await expect(request.locator("time")).toHaveText(/前|现在/);
    await screenshotViewport(page, "notifications-open-zh", panel);

    // Opening it marks it read and goes to the deal.
    await request.click();
    await expect(page).toHaveURL(/\/deals\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByTestId("deal-stage")).toHaveText("折扣审批");
    await expect(page.getByTestId("notifications-bell")).toHaveAttribute(
      "aria-label",
      unread === 1 ? "通知,没有未读" : `通知,${unread - 1} 条未读`,
    );
    const dealUrl = page.url();

    await page.getByRole("link", { name: /^审批/ }).first().click();
    await expect(page).toHaveURL(/\/approvals$/);
    await expect(page.getByRole("heading", { name: "审批", exact: true })).toBeVisible();
    const row = page.getByTestId("approvals-table").getByTestId("approval-row").filter({ hasText: title });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("approval-name")).toHaveText("折扣审批");
    await expect(row).toContainText("张伟");
    await expect(row).toContainText("¥");
    await expect(row.getByTestId("approval-deal")).toHaveAttribute("href", new URL(dealUrl).pathname);
    await screenshot(page, "approvals-zh");

    await row.getByTestId("approval-approve").click();
    const dialog = page.getByTestId("decision-dialog");
    await expect(dialog.getByRole("heading", { name: "批准该商机?" })).toBeVisible();
    await expect(dialog.getByTestId("decision-deal")).toContainText(title);
    await dialog.getByLabel("审批意见(选填)").fill("20% 折扣可以接受,请尽快推进签约。");
    await screenshotViewport(page, "approvals-approve-dialog-zh", dialog);
    await dialog.getByTestId("decision-submit").click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`已批准「${title}」`)).toBeVisible();
    await expect(page.getByTestId("approval-row").filter({ hasText: title })).toHaveCount(0);

    // The deal page tells the rest: approved, on to negotiation, with the comment.
    await page.goto(dealUrl);
    await expect(page.getByTestId("deal-stage")).toHaveText("商务谈判");
    const latest = page.getByTestId("timeline-event").first();
    await expect(latest).toContainText("批准");
    await expect(latest).toContainText("李娜");
    await expect(latest.getByTestId("timeline-move")).toHaveText(/折扣审批\s*商务谈判/);
    await expect(latest).toContainText("20% 折扣可以接受");
  });
});

test.describe("rejecting a discount approval in English", () => {
  test.use({ locale: "en-US" });

  test("should ask for a reason, then send the deal back to the proposal stage", async ({ page }) => {
    await signIn(page, REP);
    await expect(page.getByRole("heading", { name: /Hello/ })).toBeVisible();
    const title = await openProposalDeal(page, EN);
    await sendOverLimit(page, EN);
    const dealUrl = page.url();
    await signOut(page);

    await signIn(page, MANAGER);
    await expect(page.getByRole("heading", { name: /Hello/ })).toBeVisible();
    await expect(page.getByTestId("notifications-bell")).toHaveAttribute(
      "aria-label",
      /Notifications, \d+ unread/,
    );
    await page
      .getByRole("link", { name: /^Approvals/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { name: "Approvals", exact: true })).toBeVisible();
    const row = page.getByTestId("approvals-table").getByTestId("approval-row").filter({ hasText: title });
    await expect(row.getByTestId("approval-name")).toHaveText("Discount approval");
    await screenshot(page, "approvals-en");

    await row.getByTestId("approval-reject").click();
    const dialog = page.getByTestId("decision-dialog");
    await expect(dialog.getByRole("heading", { name: "Reject this deal?" })).toBeVisible();
    // No reason, no rejection.
    await dialog.getByTestId("decision-submit").click();
    await expect(dialog.getByText("Give the owner a reason for rejecting.")).toBeVisible();
    await expect(dialog.getByLabel("Reason for rejecting")).toBeFocused();
    await dialog
      .getByLabel("Reason for rejecting")
      .fill("20% is too deep for this account; stay within 15%.");
    await screenshotViewport(page, "approvals-reject-dialog-en", dialog);
    await dialog.getByTestId("decision-submit").click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Rejected “${title}”`)).toBeVisible();
    await expect(page.getByTestId("approval-row").filter({ hasText: title })).toHaveCount(0);

    await page.goto(dealUrl);
    await expect(page.getByTestId("deal-stage")).toHaveText("Proposal");
    const latest = page.getByTestId("timeline-event").first();
    await expect(latest).toContainText("Reject");
    await expect(latest.getByTestId("timeline-move")).toHaveText(/Discount approval\s*Proposal/);
    await expect(latest).toContainText("stay within 15%");
  });

  test("should tell the manager when the deal was decided elsewhere, and refresh the inbox", async ({
    page,
    context,
  }) => {
    await signIn(page, REP);
    await expect(page.getByRole("heading", { name: /Hello/ })).toBeVisible();
    const title = await openProposalDeal(page, EN);
    await sendOverLimit(page, EN);
    await signOut(page);

    await signIn(page, MANAGER);
    await expect(page.getByRole("heading", { name: /Hello/ })).toBeVisible();
    await page.goto("/approvals");
    const row = page.getByTestId("approvals-table").getByTestId("approval-row").filter({ hasText: title });
    await expect(row).toHaveCount(1);
    // A second tab approves it first; this one still shows the version it listed.
    const other = await context.newPage();
    await other.goto("/approvals");
    await other
      .getByTestId("approvals-table")
      .getByTestId("approval-row")
      .filter({ hasText: title })
      .getByTestId("approval-approve")
      .click();
    await other.getByTestId("decision-dialog").getByTestId("decision-submit").click();
    await expect(other.getByText(`Approved “${title}”`)).toBeVisible();
    await other.close();

    await row.getByTestId("approval-reject").click();
    const dialog = page.getByTestId("decision-dialog");
    await dialog.getByLabel("Reason for rejecting").fill("Too deep.");
    await dialog.getByTestId("decision-submit").click();
    await expect(page.getByText(`“${title}” was changed by someone else in the meantime`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("approval-row").filter({ hasText: title })).toHaveCount(0);
  });
});

test.describe("an empty inbox", () => {
  test.use({ locale: "zh-CN" });

  test("should say so when nothing waits for the member", async ({ page }) => {
    await signIn(page, "trainer@example.com");
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    await page.goto("/approvals");
    await expect(page.getByTestId("approvals-empty")).toContainText("没有待审批的商机");
    await screenshot(page, "approvals-empty-zh");
  });
});

test.describe("the bell and the inbox at phone width", () => {
  test.use({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("should fit the screen", async ({ page }) => {
    await signIn(page, REP);
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    const title = await openProposalDeal(page, ZH);
    await sendOverLimit(page, ZH);
    await signOut(page);

    await signIn(page, MANAGER);
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.getByTestId("notifications-bell").click();
    const panel = page.getByTestId("notifications-panel");
    await expect(panel.getByTestId("notification").first()).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(1);
    await screenshotViewport(page, "phone-notifications-zh", panel);
    // Mark all read: no unread dot, no count on the bell.
    await panel.getByRole("button", { name: "全部标为已读" }).click();
    await expect(panel.getByTestId("notification-unread")).toHaveCount(0);
    await expect(page.getByTestId("notifications-count")).toHaveCount(0);
    await expect(page.getByTestId("notifications-bell")).toHaveAttribute("aria-label", "通知,没有未读");
    await page.keyboard.press("Escape");

    await page.goto("/approvals");
    const card = page.getByTestId("approvals-cards").getByTestId("approval-card").filter({ hasText: title });
    await expect(card).toBeVisible();
    await expect(card).toContainText("折扣审批");
    expect(await overflow()).toBeLessThanOrEqual(1);
    await screenshot(page, "phone-approvals-zh");

    await card.getByTestId("approval-approve").click();
    const dialog = page.getByTestId("decision-dialog");
    await expect(dialog).toBeVisible();
    await screenshotViewport(page, "phone-approvals-dialog-zh", dialog);
    await dialog.getByTestId("decision-submit").click();
    await expect(card).toHaveCount(0);
  });
});
