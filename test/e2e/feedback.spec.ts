import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import {
  failOnPageErrors,
  screenshot,
  screenshotDialog,
  signIn as signInForm,
  signOut,
  speak,
  trpc,
} from "./helpers";

/*
 * Process feedback (流程反馈): a rep sends feedback from a stage of a deal's path; a trainer finds
 * it in the inbox and as a badge on the stage in the editor, accepts it and marks it shipped in
 * the next version; the rep is notified. Each test works on a pipeline of its own, so other
 * tests' versions and feedback do not matter.
 */
failOnPageErrors();

const REP = "rep.east@example.com";
const REP_NAME = "张伟";
const TRAINER = "trainer@example.com";
const ADMIN = "admin@example.com";

async function signIn(page: Page, email: string) {
  await signInForm(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  await speak(page);
}

async function switchTo(page: Page, email: string) {
  await signOut(page);
  await signIn(page, email);
}

/** A published pipeline of its own (the standard template), made by the trainer through the API. */
async function newPipeline(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInForm(page, TRAINER);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  const created = await trpc<{ pipelineId: string; versionId: string }>(
    page.request,
    "editor.createPipeline",
    {
      name: { zh: name, en: name },
      template: "bant",
    },
  );
  await publishDraft(page, created.pipelineId, "first");
  await context.close();
  return created.pipelineId;
}

/** Publishes the pipeline's draft (made from the live version when there is none), through the API. */
async function publishDraft(page: Page, pipelineId: string, changeNote: string) {
  const { versionId } = await trpc<{ versionId: string }>(page.request, "editor.openDraft", { pipelineId });
  const { revision } = await trpc<{ revision: number }>(page.request, "editor.version", { versionId }, "GET");
  await trpc(page.request, "editor.publish", { versionId, expectedRevision: revision, changeNote });
}

/** A deal of the signed-in rep in the pipeline's first stage; opens its page. */
async function openNewDeal(page: Page, pipelineId: string, title: string) {
  const deal = await trpc<{ id: string }>(page.request, "deals.create", {
    pipelineId,
    values: { title, account: "Acme" },
  });
  await page.goto(`/deals/${deal.id}`);
  await expect(page.getByTestId("deal-page")).toBeVisible();
  return deal.id;
}

const card = (within: Page | Locator, text: string) =>
  within.getByTestId("feedback-card").filter({ hasText: text });
const fitsPhone = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

test.describe("in English", () => {
  test.use({ locale: "en-US", viewport: { width: 1440, height: 1000 } });

  test("a rep's feedback on a stage is triaged in the inbox and the editor, shipped in the next version, and the rep hears of it", async ({
    page,
    browser,
  }) => {
    const run = Date.now().toString(36);
    const pipelineName = `Feedback flow ${run}`;
    const pipelineId = await newPipeline(browser, pipelineName);
    const problem = `Lead asks for the source before we have even called (${run}).`;

    // The rep, on a new deal in Lead: the feedback icon by the current stage of the path.
    await signIn(page, REP);
    await openNewDeal(page, pipelineId, `Feedback deal ${run}`);
    await page.locator('[data-testid=stage-feedback][data-stage="lead"]').click();
    const dialog = page.getByTestId("send-feedback-dialog");
    await expect(dialog.getByTestId("send-feedback-context")).toContainText(`${pipelineName} · v1`);
    await expect(dialog.getByTestId("feedback-stage-select")).toHaveText("Lead");
    await dialog.getByTestId("feedback-subject-select").click();
    await page.getByRole("option", { name: "Start contact", exact: true }).click();
    // Nothing to say is not feedback.
    await dialog.getByTestId("send-feedback-submit").click();
    await expect(dialog.getByRole("alert")).toHaveText("Say what's wrong (at least 3 characters).");
    await dialog.locator("#feedback-problem").fill(problem);
    await dialog.locator("#feedback-suggestion").fill("Ask for the source when the lead is qualified.");
    await screenshotDialog(page, "feedback-send-en");
    await dialog.getByTestId("send-feedback-submit").click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Feedback sent. You will be notified as it is triaged.")).toBeVisible();

    await page.goto("/feedback");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Process feedback");
    const mine = card(page, problem);
    await expect(mine.getByTestId("feedback-status")).toHaveText("Open");
    await expect(mine.getByTestId("feedback-subject")).toHaveText("Action·Start contact");

    // The trainer: the inbox shows it with who sent it and from which deal.
    await switchTo(page, TRAINER);
    await page.goto(`/feedback?pipeline=${pipelineId}`);
    const inboxCard = card(page, problem);
    await expect(inboxCard.getByTestId("feedback-stage")).toHaveText("Lead");
    await expect(inboxCard.getByTestId("feedback-author")).toHaveText(REP_NAME);
    await expect(inboxCard.getByTestId("feedback-deal")).toHaveText(`Feedback deal ${run}`);
    await expect(page.getByTestId("feedback-tab-open").getByTestId("feedback-tab-count")).toHaveText("1");
    await screenshot(page, "feedback-inbox-en");

    // …and on the Lead node in the editor, where it is accepted.
    await page.goto(`/pipelines/${pipelineId}/edit`);
    const badge = page.locator('[data-testid=flow-stage][data-key="lead"] [data-testid=feedback-badge]');
    await expect(badge).toHaveText("1");
    await expect(page.locator("[data-testid=feedback-badge]")).toHaveCount(1);
    await badge.click();
    const sheet = page.getByTestId("stage-feedback-sheet");
    await expect(sheet).toContainText("Feedback on “Lead”");
    await screenshot(page, "feedback-editor-en");
    await card(sheet, problem).getByTestId("feedback-to-accepted").click();
    const triage = page.getByTestId("triage-dialog");
    await triage.locator("#triage-reply").fill("Agreed: the next version asks for it at qualification.");
    await triage.getByTestId("triage-submit").click();
    await expect(triage).toBeHidden();
    await expect(card(sheet, problem).getByTestId("feedback-status")).toHaveText("Accepted");
    await page.keyboard.press("Escape");

    // The change ships in v2; the trainer marks it so.
    await publishDraft(page, pipelineId, "Source asked for at qualification");
    await page.goto(`/feedback?pipeline=${pipelineId}&status=accepted`);
    await card(page, problem).getByTestId("feedback-to-shipped").click();
    await expect(triage.getByTestId("triage-version")).toHaveText("v2 · published");
    await screenshotDialog(page, "feedback-ship-en");
    await triage.getByTestId("triage-submit").click();
    await expect(triage).toBeHidden();
    await expect(page.getByTestId("feedback-tab-shipped").getByTestId("feedback-tab-count")).toHaveText("1");
    await page.getByTestId("feedback-tab-shipped").click();
    await expect(card(page, problem)).toContainText("Shipped in v2");
    // Shipped feedback no longer shows on the node.
    await page.goto(`/pipelines/${pipelineId}/edit`);
    await expect(page.locator('[data-testid=flow-stage][data-key="lead"]')).toBeVisible();
    await expect(page.locator("[data-testid=feedback-badge]")).toHaveCount(0);

    // The rep was told of each change; the notification leads to their feedback.
    await page.goto("/");
    await switchTo(page, REP);
    await page.getByTestId("notifications-bell").click();
    const panel = page.getByTestId("notifications-panel");
    await expect(
      panel.locator('[data-kind="feedback"]', { hasText: "Your feedback on “Lead” was accepted" }),
    ).toBeVisible();
    await panel
      .locator('[data-kind="feedback"]', { hasText: "Your feedback on “Lead” shipped in v2" })
      .click();
    await expect(page).toHaveURL(/\/feedback\?tab=mine$/);
    const shipped = card(page, problem);
    await expect(shipped.getByTestId("feedback-status")).toHaveText("Shipped");
    await expect(shipped.getByTestId("feedback-reply")).toContainText("Shipped in v2");
    await expect(shipped.getByTestId("feedback-reply")).toContainText(
      "the next version asks for it at qualification",
    );
    await shipped.getByTestId("feedback-history-toggle").click();
    await expect(shipped.getByTestId("feedback-history-item")).toHaveCount(2);
    await screenshot(page, "feedback-mine-en");
  });
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN", viewport: { width: 1440, height: 1000 } });

  test("anonymous feedback, once the company allows it, names its author to admins only", async ({
    page,
    browser,
  }) => {
    const run = Date.now().toString(36);
    const pipelineId = await newPipeline(browser, `匿名反馈 ${run}`);
    const problem = `初步接触阶段要求两个检查项，电话沟通时很难都做到（${run}）。`;

    await signIn(page, ADMIN);
    await page.goto("/settings");
    const anonymous = page.getByTestId("setting-anonymous-feedback");
    if ((await anonymous.getAttribute("data-state")) !== "checked") await anonymous.click();
    await page.getByTestId("company-save").click();
    await expect(page.getByText("已保存", { exact: true })).toBeVisible();

    await switchTo(page, REP);
    await openNewDeal(page, pipelineId, `匿名反馈商机 ${run}`);
    // Another stage than the current one: its icon shows on hover.
    const contact = page.getByTestId("stage-path").locator("li").filter({ hasText: "初步接触" });
    await contact.hover();
    await contact.getByTestId("stage-feedback").click();
    const dialog = page.getByTestId("send-feedback-dialog");
    await expect(dialog.getByTestId("feedback-stage-select")).toHaveText("初步接触");
    await dialog.getByTestId("feedback-anonymous").click();
    await dialog.locator("#feedback-problem").fill(problem);
    await screenshotDialog(page, "feedback-send-zh");
    await dialog.getByTestId("send-feedback-submit").click();
    await expect(dialog).toBeHidden();

    await switchTo(page, TRAINER);
    await page.goto(`/feedback?pipeline=${pipelineId}`);
    const hidden = card(page, problem);
    await expect(hidden.getByTestId("feedback-author")).toHaveText("匿名");
    await expect(hidden.getByTestId("feedback-deal")).toHaveCount(0);
    await expect(hidden).not.toContainText(REP_NAME);
    await screenshot(page, "feedback-inbox-zh");
    await page.goto(`/pipelines/${pipelineId}/edit`);
    await page.locator('[data-testid=flow-stage][data-key="contact"] [data-testid=feedback-badge]').click();
    await expect(page.getByTestId("stage-feedback-sheet")).toContainText("「初步接触」的反馈");
    await screenshot(page, "feedback-editor-zh");

    await page.goto("/");
    await switchTo(page, ADMIN);
    await page.goto(`/feedback?pipeline=${pipelineId}`);
    const named = card(page, problem);
    await expect(named.getByTestId("feedback-author")).toHaveText(`${REP_NAME} · 匿名`);
    await expect(named.getByTestId("feedback-deal")).toHaveText(`匿名反馈商机 ${run}`);
  });
});

for (const [locale, texts] of [
  ["zh-CN", { decline: "不采纳", reply: "这一条我们暂时不改。", shot: "zh" }],
  ["en-US", { decline: "Decline", reply: "We keep this one as it is for now.", shot: "en" }],
] as const) {
  test.describe(`at phone width (${locale})`, () => {
    test.use({ locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    test("a rep sends feedback from the stage panel and a trainer declines it, all within the screen", async ({
      page,
      browser,
    }) => {
      const run = Date.now().toString(36);
      const pipelineId = await newPipeline(browser, `Phone ${run}`);
      const problem = `Phone feedback ${run}: the lead form is long on a small screen.`;

      await signIn(page, REP);
      await openNewDeal(page, pipelineId, `Phone deal ${run}`);
      // On a touch screen every stage of the path offers feedback.
      await expect(page.locator("[data-testid=stage-feedback]").last()).toBeVisible();
      await screenshot(page, `feedback-deal-phone-${texts.shot}`);
      await page.getByTestId("stage-panel-feedback").click();
      const dialog = page.getByTestId("send-feedback-dialog");
      await expect(dialog.getByTestId("send-feedback-context")).toContainText(`Phone ${run} · v1`);
      await dialog.locator("#feedback-problem").fill(problem);
      await screenshotDialog(page, `feedback-send-phone-${texts.shot}`);
      await dialog.getByTestId("send-feedback-submit").click();
      await expect(dialog).toBeHidden();

      await switchTo(page, TRAINER);
      await page.goto(`/feedback?pipeline=${pipelineId}`);
      await expect(card(page, problem)).toBeVisible();
      await fitsPhone(page);
      await screenshot(page, `feedback-inbox-phone-${texts.shot}`);
      await card(page, problem).getByTestId("feedback-to-declined").click();
      const triage = page.getByTestId("triage-dialog");
      await expect(triage.getByRole("button", { name: texts.decline })).toBeVisible();
      await triage.locator("#triage-reply").fill(texts.reply);
      await screenshotDialog(page, `feedback-decline-phone-${texts.shot}`);
      await triage.getByTestId("triage-submit").click();
      await expect(triage).toBeHidden();

      await page.goto("/");
      await switchTo(page, REP);
      await page.goto("/feedback");
      const declined = card(page, problem);
      await expect(declined.getByTestId("feedback-status")).toHaveAttribute("data-status", "declined");
      await expect(declined.getByTestId("feedback-reply")).toContainText(texts.reply);
      await fitsPhone(page);
      await screenshot(page, `feedback-mine-phone-${texts.shot}`);
    });
  });
}
