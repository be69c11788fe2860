import { expect, test, type Page } from "@playwright/test";
import {
  createLeadDeal,
  daysFromNow,
  failOnPageErrors,
  screenshot,
  screenshotDialog,
  signIn as signInForm,
  signOut,
} from "./helpers";

/*
 * A trainer pilots a new version of the default process with the East team (华东一组): an East
 * rep's new deal starts on it (Pilot vN badge), a North rep's on the published version; then the
 * trainer rolls it out to everyone. In Chinese, a second pilot with the North team is ended.
 */
failOnPageErrors();

/** Signs in and waits to be in the app. */
async function signIn(page: Page, email: string) {
  await signInForm(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

/** The default pipeline's "Versions & pilots" page, from the pipelines list. */
async function openVersions(page: Page) {
  await page.goto("/pipelines");
  await page.getByTestId("pipeline-card").first().getByTestId("pipeline-versions").click();
  await expect(page).toHaveURL(/\/pipelines\/[0-9a-f-]{36}\/versions$/);
  await expect(page.getByTestId("versions-page")).toBeVisible();
}

/** A new draft copied from the published version (through its menu); returns its number. */
async function newDraft(page: Page, menuItem: string) {
  const published = page
    .getByTestId("version-row")
    .filter({ has: page.locator('[data-testid="version-status"]', { hasText: /Published|已发布/ }) });
  const versionsUrl = page.url();
  await published.getByRole("button", { name: /More for|更多操作/ }).click();
  await page.getByRole("menuitem", { name: menuItem }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await page.goto(versionsUrl);
  const newest = page.getByTestId("version-row").first();
  await expect(newest.getByTestId("version-status")).toHaveText(/Draft|草稿/);
  return Number(await newest.getAttribute("data-version"));
}

/** Starts a pilot of the newest draft with one team, through the dialog. */
async function startPilot(page: Page, team: string, note: string, shot: string, end?: string) {
  await page.getByTestId("start-pilot").click();
  const dialog = page.getByTestId("pilot-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByTestId(`pilot-team-${team}`).click();
  if (end) await dialog.getByTestId("pilot-end").fill(end);
  await dialog.getByTestId("pilot-note").fill(note);
  await screenshotDialog(page, shot);
  await dialog.getByTestId("pilot-submit").click();
  await expect(dialog).toBeHidden();
}

test.describe("pilot a version with one team, then roll it out (en)", () => {
  test.use({ locale: "en-US" });
  test.setTimeout(240_000);

  test("East pilots vN, North stays on the published version, the trainer rolls vN out", async ({ page }) => {
    await signIn(page, "trainer@example.com");
    await openVersions(page);
    const published = Number(
      await page
        .getByTestId("version-row")
        .filter({ has: page.getByTestId("version-status").getByText("Published", { exact: true }) })
        .getAttribute("data-version"),
    );
    const n = await newDraft(page, "New draft from this version");
    await startPilot(page, "East team", "BANT in one step: East tries it first.", "pilot-dialog-en");
    const running = page.getByTestId("running-pilot");
    await expect(running).toContainText(`Pilot v${n}`);
    await expect(running).toContainText("East team");
    await expect(page.getByTestId("audit-entry").first()).toContainText(`piloted v${n} with East team`);
    await screenshot(page, "versions-pilot-en");
    // Pilot versus the rest: nothing closed yet, so no verdict either way.
    await running.getByTestId("compare-pilot").click();
    await expect(page.getByTestId("verdict")).toContainText("Not enough data yet");
    await expect(page.getByTestId("compare-stages")).toContainText("Lead");
    await screenshot(page, "pilot-compare-en");
    await page.goBack();
    await signOut(page);

    // An East rep's new deal runs on the pilot version; the form says so before it is created.
    await signIn(page, "rep.east@example.com");
    await page.goto("/deals");
    await page.getByTestId("new-deal").click();
    await expect(page.getByTestId("new-deal-pilot")).toContainText(`piloting v${n}`);
    await page.keyboard.press("Escape");
    await createLeadDeal(page, "Pilot East · 试点华东", "Hangzhou Robotics");
    await expect(page.getByTestId("deal-page").getByTestId("version-badge")).toHaveText(`Pilot v${n}`);
    await screenshot(page, "pilot-deal-east-en");
    await page.goto("/deals");
    const eastRow = page.getByTestId("deal-row").filter({ hasText: "Pilot East · 试点华东" });
    await expect(eastRow.getByTestId("version-badge")).toHaveText(`Pilot v${n}`);
    // The version filter keeps the pilot's deals only.
    await page.getByTestId("filter-version").click();
    await page.getByRole("menuitemcheckbox", { name: `Pilot v${n}` }).click();
    await page.keyboard.press("Escape");
    // With more than one pipeline in the company (other tests add some) the chip names it too.
    await expect(page.getByTestId("filter-chips")).toContainText(
      new RegExp(`Version: (New business )?Pilot v${n}(?!\\d)`),
    );
    await expect(page.getByTestId("deal-row")).toHaveCount(1);
    await screenshot(page, "deals-version-filter-en");
    await signOut(page);

    // A North rep's new deal runs on the published version.
    await signIn(page, "rep.north@example.com");
    await createLeadDeal(page, "Published North · 华北", "Tianjin Steel");
    await expect(page.getByTestId("deal-page").getByTestId("version-badge")).toHaveText(`v${published}`);
    await signOut(page);

    // The trainer rolls vN out: it is published for everyone, the old version retired.
    await signIn(page, "trainer@example.com");
    // First a look at the pilot's deals: the list sorted by version groups them under a header,
    // and the board shows one version's deals.
    await page.goto("/deals?sort=version.desc");
    const firstGroup = page.getByTestId("version-group").first();
    await expect(firstGroup.getByTestId("version-badge")).toHaveText(`Pilot v${n}`);
    await expect(firstGroup.getByTestId("version-group-count")).toContainText("1 deal");
    await expect(page.getByTestId("deal-row").first()).toContainText("Pilot East · 试点华东");
    await screenshot(page, "deals-grouped-by-version-en");
    await page.goto("/deals/board");
    await page.getByTestId("board-version").click();
    await page.getByRole("option", { name: new RegExp(`^Pilot v${n} · 1 deal$`) }).click();
    await expect(page).toHaveURL(/version=/);
    await expect(page.getByTestId("deals-board").getByRole("link")).toHaveCount(1);
    await expect(page.getByTestId("deals-board")).toContainText("Pilot East · 试点华东");
    await screenshot(page, "board-pilot-version-en");
    await openVersions(page);
    await page.getByTestId("running-pilot").getByTestId("promote").click();
    const confirm = page.getByTestId("note-dialog");
    await expect(confirm).toContainText(`v${published} is retired`);
    await confirm.getByTestId("note-input").fill("East qualified faster with the same win rate.");
    await screenshotDialog(page, "rollout-dialog-en");
    await confirm.getByTestId("note-submit").click();
    await expect(confirm).toBeHidden();
    const row = (v: number) => page.locator(`[data-testid="version-row"][data-version="${v}"]`);
    await expect(row(n).getByTestId("version-status")).toHaveText("Published");
    await expect(row(published).getByTestId("version-status")).toHaveText("Retired");
    await expect(page.getByTestId("running-pilot")).toHaveCount(0);
    await expect(page.getByTestId("audit-log")).toContainText(`rolled out v${n} to all teams`);
    await expect(page.getByTestId("audit-log")).toContainText(`v${published} was retired when v${n} became`);
    await screenshot(page, "versions-rolled-out-en");
    await signOut(page);

    // The North deal keeps its version (now retired); the next North deal starts on vN.
    await signIn(page, "rep.north@example.com");
    await page.goto("/deals");
    await expect(
      page.getByTestId("deal-row").filter({ hasText: "Published North · 华北" }).getByTestId("version-badge"),
    ).toHaveText(`v${published}`);
    await createLeadDeal(page, "After rollout · 推广后", "Tianjin Steel");
    await expect(page.getByTestId("deal-page").getByTestId("version-badge")).toHaveText(`v${n}`);
  });
});

test.describe("试点 (zh-CN)", () => {
  test.use({ locale: "zh-CN" });
  test.setTimeout(180_000);

  test("华北一组试点新版本，销售看到试点徽标，培训师结束试点", async ({ page }) => {
    await signIn(page, "trainer@example.com");
    await openVersions(page);
    const n = await newDraft(page, "基于此版本新建草稿");
    await startPilot(
      page,
      "North team",
      "华北一组试用新的报价审批规则。",
      "pilot-dialog-zh",
      daysFromNow(30),
    );
    await expect(page.getByTestId("running-pilot")).toContainText(`试点 v${n}`);
    await expect(page.getByTestId("running-pilot")).toContainText("华北一组");
    await screenshot(page, "versions-pilot-zh");
    // On a phone the page stacks: running pilots, versions, audit log.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "versions-phone-zh");
    await page.setViewportSize({ width: 1280, height: 720 });

    // The rulebook of the pilot version, in Chinese, in English, and as it prints.
    const row = page.locator(`[data-testid="version-row"][data-version="${n}"]`);
    await row.getByRole("button", { name: /更多操作/ }).click();
    await page.getByRole("menuitem", { name: "制度手册" }).click();
    const rulebook = page.getByTestId("rulebook");
    await expect(rulebook).toContainText(`v${n}`);
    await expect(rulebook).toContainText("商机管理制度");
    await expect(page.getByTestId("rulebook-stage").first()).toContainText("线索");
    await expect(page.getByTestId("rulebook-changes")).toContainText("与上一版本相比没有变更");
    await screenshot(page, "rulebook-zh");
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "rulebook-print-zh");
    await page.emulateMedia({ media: "screen" });
    await page.getByTestId("rulebook-lang-en").click();
    await expect(rulebook).toContainText("Opportunity management rules");
    await screenshot(page, "rulebook-en");
    await page.goBack();
    await page.goBack();
    await expect(page.getByTestId("versions-page")).toBeVisible();
    await signOut(page);

    await signIn(page, "rep.north2@example.com");
    await createLeadDeal(page, "试点商机 · 华北", "天津重工");
    await expect(page.getByTestId("deal-page").getByTestId("version-badge")).toHaveText(`试点 v${n}`);
    await screenshot(page, "pilot-deal-north-zh");
    await page.goto("/deals");
    await expect(
      page.getByTestId("deal-row").filter({ hasText: "试点商机 · 华北" }).getByTestId("version-badge"),
    ).toHaveText(`试点 v${n}`);
    await screenshot(page, "deals-list-pilot-zh");
    await signOut(page);

    await signIn(page, "trainer@example.com");
    await openVersions(page);
    await page.getByTestId("running-pilot").getByTestId("end-pilot").click();
    await page.getByTestId("note-dialog").getByTestId("note-submit").click();
    await expect(page.getByTestId("running-pilot")).toHaveCount(0);
    await expect(page.getByTestId("audit-log")).toContainText(`结束了 v${n} 的试点`);
    await expect(
      page.locator(`[data-testid="version-row"][data-version="${n}"]`).getByTestId("version-status"),
    ).toHaveText("试点中");
    await screenshot(page, "versions-pilot-ended-zh");
  });
});
