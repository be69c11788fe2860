import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { failOnPageErrors, screenshot, screenshotDialog, signIn } from "./helpers";

const MANAGER = "manager@example.com";

failOnPageErrors();
// Many steps, each a server round trip: more time than the default on a busy machine.
test.describe.configure({ timeout: 300_000 });

const rows = (page: Page) => page.getByTestId("deals-table").getByTestId("deal-row");
const headers = (page: Page) =>
  page
    .getByTestId("deals-table")
    .locator("thead th")
    .evaluateAll((ths) => ths.map((th) => th.textContent?.trim() ?? ""));
/** The amounts shown, as numbers (blank amounts are "—"). */
const amounts = (page: Page) =>
  page
    .getByTestId("deals-table")
    .locator("tbody tr td[data-column=amount]")
    .evaluateAll((tds) => tds.map((td) => td.textContent ?? "").filter((t) => /\d/.test(t)))
    .then((texts) => texts.map((t) => Number(t.replace(/[^\d.]/g, ""))));

test.describe("the deals list in English", () => {
  test.use({ locale: "en-US" });

  test("should filter, sort, choose columns, save a view and export it", async ({ page }) => {
    await signIn(page, MANAGER);
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    await page.goto("/deals");
    await expect(rows(page).first()).toBeVisible({ timeout: 30_000 });
    const all = Number((await page.getByTestId("deal-count").textContent())!.replace(/\D/g, ""));
    expect(all).toBeGreaterThan(0);

    // A built-in view: my deals only, in the URL, and fewer of them.
    await page.getByTestId("view-mine").click();
    await expect(page).toHaveURL(/view=mine/);
    await expect(page).toHaveURL(/owner=me/);
    await expect(page.getByTestId("view-mine")).toHaveAttribute("aria-selected", "true");
    await expect(page.getByTestId("filter-chips")).toContainText("My deals");
    await expect(async () => {
      const mine = Number((await page.getByTestId("deal-count").textContent())!.replace(/\D/g, ""));
      expect(mine).toBeLessThan(all);
    }).toPass();

    // Back to all deals, then filters: region East and an amount range.
    await page.getByTestId("view-all").click();
    await page.getByTestId("filter-region").click();
    await page.getByRole("menuitemcheckbox", { name: "East", exact: true }).click();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/region=east/);
    await expect(page.getByTestId("filter-region")).toHaveText("Region: East");
    await page.getByTestId("filter-ranges").click();
    await page.getByTestId("range-amountMin").fill("50000");
    await screenshotDialog(page, "deals-ranges-en");
    await page.getByTestId("range-apply").click();
    await expect(page).toHaveURL(/amin=50000/);
    await expect(page.getByTestId("filter-chips")).toContainText("Region: East");
    await expect(page.getByTestId("filter-chips")).toContainText("Amount: ≥ 50,000");

    // Sorted by amount on the server: largest first after two clicks.
    await page.getByTestId("sort-amount").click();
    await expect(page).toHaveURL(/sort=amount\.asc/);
    await expect(async () => {
      const shown = await amounts(page);
      expect(shown.length).toBeGreaterThan(1);
      expect(shown).toEqual([...shown].sort((a, b) => a - b));
      expect(shown.every((a) => a >= 50000)).toBe(true);
    }).toPass();
    await page.getByTestId("sort-amount").click();
    await expect(page).toHaveURL(/sort=amount\.desc/);
    await expect(page.getByTestId("col-amount")).toHaveAttribute("aria-sort", "descending");
    await expect(async () => {
      const shown = await amounts(page);
      expect(shown).toEqual([...shown].sort((a, b) => b - a));
    }).toPass();

    // Columns: hide the account, show the contact.
    await page.getByTestId("column-chooser").click();
    const dialog = page.getByTestId("column-dialog");
    await dialog.getByTestId("column-account").getByRole("checkbox").click();
    await dialog.getByTestId("column-contact").getByRole("checkbox").click();
    await screenshotDialog(page, "deals-columns-en");
    await page.keyboard.press("Escape");
    await expect(async () => {
      const names = await headers(page);
      expect(names).not.toContain("Account");
      expect(names).toContain("Contact");
    }).toPass();

    // Saved as a view of my own; it is active and in the URL.
    const name = `East big ${Date.now()}`;
    await page.getByTestId("view-save").click();
    await page.getByTestId("view-name").fill(name);
    await page.getByTestId("view-name-save").click();
    await expect(page.getByText(`View “${name}” saved.`)).toBeVisible();
    const tab = page.getByTestId("view-saved").filter({ hasText: name });
    await expect(tab).toHaveAttribute("aria-selected", "true");
    await expect(page).toHaveURL(/view=[0-9a-f-]{36}/);
    await screenshot(page, "deals-list-en");

    // Elsewhere, then back through the view after a reload: filters, sort and columns return.
    await page.goto("/deals");
    await page.reload();
    await page.getByTestId("view-saved").filter({ hasText: name }).click();
    await expect(page).toHaveURL(/region=east/);
    await expect(page).toHaveURL(/amin=50000/);
    await expect(page).toHaveURL(/sort=amount\.desc/);
    await expect(async () => {
      const names = await headers(page);
      expect(names).toContain("Contact");
      expect(names).not.toContain("Account");
    }).toPass();

    // The CSV holds the view's columns, in order, and only its deals.
    const count = Number((await page.getByTestId("deal-count").textContent())!.replace(/\D/g, ""));
    const downloading = page.waitForEvent("download");
    await page.getByTestId("export-csv").click();
    const download = await downloading;
    const text = fs.readFileSync((await download.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...lines] = text.slice(1).split(/\r?\n/);
    expect(header).toBe("Deal,Stage,Version,Amount,Currency,Priority,Owner,Expected close,Updated,Contact");
    expect(lines.filter(Boolean)).toHaveLength(count);

    // Clear all: every chip goes, the sort stays.
    await page.getByTestId("clear-filters").click();
    await expect(page.getByTestId("filter-chips")).toHaveCount(0);
    await expect(page).not.toHaveURL(/region=/);

    // Delete the view again.
    await page.getByTestId("view-saved").filter({ hasText: name }).click();
    await page.getByTestId("view-menu").click();
    await page.getByTestId("view-delete").click();
    await page.getByTestId("view-delete-confirm").click();
    await expect(page.getByTestId("view-saved").filter({ hasText: name })).toHaveCount(0);
    await expect(page.getByTestId("view-all")).toHaveAttribute("aria-selected", "true");
  });
});

test.describe("the deals list in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("should search Chinese text and show the built-in views in Chinese", async ({ page }) => {
    await signIn(page, MANAGER);
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    await page.goto("/deals");
    await expect(page.getByTestId("view-mine")).toHaveText("我的商机");
    await expect(page.getByTestId("view-overdue")).toHaveText("逾期");
    await expect(page.getByTestId("view-high")).toHaveText("高优先级");
    const first = (await rows(page).first().getByTestId("deal-link").textContent())!.trim();
    const word = [...first].slice(0, 2).join("");
    await page.getByTestId("deal-search").fill(word);
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word).replace(/%/g, "%")}`));
    await expect(async () => {
      const titles = await rows(page).getByTestId("deal-link").allTextContents();
      expect(titles.length).toBeGreaterThan(0);
      expect(titles).toContain(first);
    }).toPass();
    await page.getByTestId("deal-search").fill("");
    await expect(page).not.toHaveURL(/q=/);
    await page.getByTestId("view-high").click();
    await expect(page).toHaveURL(/priority=A/);
    await expect(async () => {
      const cells = await rows(page).locator("td[data-column=priority]").allTextContents();
      expect(cells.length).toBeGreaterThan(0);
      expect(cells.every((c) => c === "A")).toBe(true);
    }).toPass();
    await page.getByTestId("view-all").click();
    await screenshot(page, "deals-list-zh");
  });

  test("should show deals as cards on a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, MANAGER);
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    await page.goto("/deals");
    await expect(page.getByTestId("deals-cards").getByTestId("deal-card-link").first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByTestId("deals-table")).toBeHidden();
    // The filters fold under one button; it unfolds them.
    await expect(page.getByTestId("filter-stage")).toBeHidden();
    await page.getByTestId("filters-toggle").click();
    await expect(page.getByTestId("filter-stage")).toBeVisible();
    await page.getByTestId("filters-toggle").click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshotDialog(page, "deals-list-phone-zh");
  });
});
