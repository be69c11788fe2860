import fs from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { choose, createLeadDeal, failOnPageErrors, screenshot, signIn } from "./helpers";

const REP = "rep.east@example.com";

/** The viewport only, for an open dialog or toast. */
async function screenshotViewport(page: Page, name: string) {
  const file = path.resolve(import.meta.dirname, "../../test-results/screens", `${name}.png`);
  await page.screenshot({ path: file });
}

/** Drags with the mouse in small steps, as dnd-kit's pointer sensor expects. */
async function drag(page: Page, from: Locator, to: Locator) {
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 5, { steps: 3 });
  await to.scrollIntoViewIfNeeded();
  const b = (await to.boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + 80, { steps: 12 });
  await page.mouse.up();
}

failOnPageErrors();

test.describe("the board in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("should move a lead by dragging and refuse a move no action makes", async ({ page }) => {
    await signIn(page, REP);
    await expect(page.getByRole("heading", { name: /您好/ })).toBeVisible();
    // A lead of our own: earlier tests may have moved the demo's.
    await createLeadDeal(page, `看板线索 ${Date.now()}`);
    await page.goto("/deals");
    await page.getByTestId("view-board").click();
    await expect(page).toHaveURL(/\/deals\/board$/);
    const lead = page.getByTestId("board-column-lead");
    const contact = page.getByTestId("board-column-contact");
    await expect(lead.getByTestId("board-card").first()).toBeVisible();
    await expect(page.getByTestId("board-column-won")).toContainText("赢单");
    await expect(lead.getByTestId("column-count")).toContainText("个商机");
    await screenshot(page, "board-zh");

    // 线索 → 赢单: no action leads there; the card springs back and the toast lists the allowed moves.
    const refused = lead.getByTestId("board-card").first();
    const refusedId = (await refused.getAttribute("data-deal-id"))!;
    await drag(page, refused, page.getByTestId("board-column-won"));
    await expect(page.getByText(/不能从当前阶段直接推进到赢单/)).toBeVisible();
    await expect(page.getByText(/可以推进到：.*初步接触/)).toBeVisible();
    await screenshotViewport(page, "board-refused-zh");
    await expect(lead.locator(`[data-deal-id="${refusedId}"]`)).toBeVisible();
    await expect(page.getByTestId("board-column-won").locator(`[data-deal-id="${refusedId}"]`)).toHaveCount(
      0,
    );

    // 线索 → 初步接触: moves at once when the lead has industry, region and source, else the dialog asks.
    const card = lead.getByTestId("board-card").first();
    const id = (await card.getAttribute("data-deal-id"))!;
    await drag(page, card, contact);
    const dialog = page.getByTestId("action-dialog");
    const moved = contact.locator(`[data-deal-id="${id}"]`);
    await expect(dialog.or(moved)).toBeVisible();
    if (await dialog.isVisible()) {
      await expect(dialog.getByRole("heading", { name: "开始接触" })).toBeVisible();
      await screenshotViewport(page, "board-dialog-zh");
      await choose(page, dialog, "行业", "金融");
      await choose(page, dialog, "区域", "华东");
      await choose(page, dialog, "来源", "转介绍");
      await dialog.getByRole("button", { name: "开始接触" }).click();
      await expect(dialog).toBeHidden();
    }
    await expect(moved).toBeVisible();
    await expect(lead.locator(`[data-deal-id="${id}"]`)).toHaveCount(0);
  });
});

test.describe("moving a card with the keyboard, in English", () => {
  test.use({ locale: "en-US" });

  test("should pick a card up with space, carry it with the arrows and drop it with space, asking for the missing fields", async ({
    page,
  }) => {
    await signIn(page, REP);
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    const title = `Keyboard lead ${Date.now()}`;
    await createLeadDeal(page, title);
    await page.goto("/deals/board");
    const lead = page.getByTestId("board-column-lead");
    const contact = page.getByTestId("board-column-contact");
    const card = lead.getByTestId("board-card").filter({ hasText: title });
    await expect(lead.getByTestId("board-card").first()).toBeVisible();
    // Long columns show their first cards; the rest come with "show more".
    while (!(await card.isVisible())) await lead.getByTestId("column-show-more").click();

    await card.focus();
    await page.keyboard.press("Space");
    await expect(card).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("ArrowRight");
    await expect(page.getByText(`${title} is over Initial contact.`)).toBeAttached();
    await page.keyboard.press("Space");

    // Refused for missing fields: the form offers them inline; filled in, the move goes through.
    const dialog = page.getByTestId("action-dialog");
    await expect(dialog.getByRole("heading", { name: "Start contact" })).toBeVisible();
    await expect(dialog).toContainText("Required");
    await choose(page, dialog, "Industry", "Finance");
    await choose(page, dialog, "Region", "East");
    await choose(page, dialog, "Source", "Referral");
    await screenshotViewport(page, "board-keyboard-dialog-en");
    await dialog.getByRole("button", { name: "Start contact" }).click();
    await expect(dialog).toBeHidden();
    await expect(contact.getByTestId("board-card").filter({ hasText: title })).toBeVisible();
    await expect(lead.getByTestId("board-card").filter({ hasText: title })).toHaveCount(0);
  });
});

test.describe("the board and the CSV export in English", () => {
  test.use({ locale: "en-US" });

  test("should show the board and export the rep's deals as CSV", async ({ page }) => {
    await signIn(page, REP);
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    await page.goto("/deals/board");
    await expect(page.getByTestId("board-column-lead")).toContainText("Lead");
    await expect(page.getByTestId("board-column-won")).toContainText("Won");
    await screenshot(page, "board-en");

    await page.goto("/deals");
    await expect(page.getByTestId("deals-table").getByTestId("deal-link").first()).toBeVisible();
    const titles = await page
      .getByTestId("deals-table")
      .getByTestId("deal-link")
      .evaluateAll((links) => links.map((a) => a.textContent ?? ""));
    expect(titles.length).toBeGreaterThan(0);
    const downloading = page.waitForEvent("download");
    await page.getByTestId("export-csv").click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^deals-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync((await download.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...lines] = text.slice(1).split(/\r?\n/);
    // The list's default columns, in their order (the amount's currency beside it).
    expect(header).toBe("Deal,Account,Stage,Version,Amount,Currency,Priority,Owner,Expected close,Updated");
    expect(lines.filter(Boolean).length).toBeGreaterThanOrEqual(titles.length);
    for (const title of titles.slice(0, 5)) expect(text).toContain(title);
    expect(lines.filter(Boolean).every((l) => l.includes("张伟"))).toBe(true);
  });

  test("should fit the board on a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, REP);
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    await page.goto("/deals/board");
    await expect(page.getByTestId("board-column-lead").getByTestId("board-card").first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshotViewport(page, "board-phone");
  });
});
