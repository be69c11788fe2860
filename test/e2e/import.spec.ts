import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { failOnPageErrors, screenshot, signIn } from "./helpers";

failOnPageErrors();
// Upload, four steps, a job and a download on a two-core machine: give it room.
test.setTimeout(240_000);

/**
 * The browser test's file as Chinese Excel saves it (GBK): four deals of the East team, one with a
 * negative amount, one with an owner written with extra spaces and one with a misspelt industry.
 * The external ids get a suffix per run (ASCII after a comma is the same byte in GBK).
 */
function gbkFile(run: string) {
  const bytes = fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/imports/import-e2e-gbk.csv"));
  const latin = bytes.toString("latin1").replaceAll(",E2E-0", `,E2E-${run}-0`);
  return Buffer.from(latin, "latin1");
}

async function upload(page: Page, run: string) {
  await page.goto("/deals");
  await page.getByTestId("import-deals").click();
  await expect(page).toHaveURL(/\/deals\/import$/);
  await page
    .getByTestId("import-file")
    .setInputFiles({ name: "老系统导出.csv", mimeType: "text/csv", buffer: gbkFile(run) });
  await expect(page.getByTestId("import-file-name")).toHaveText("老系统导出.csv");
}

test.describe("importing deals, in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("should import a GBK CSV through the wizard: map, fix a value, dry run, import, report", async ({
    page,
  }) => {
    const run = String(Date.now()).slice(-6);
    await signIn(page, "manager@example.com");
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    await upload(page, run);
    await screenshot(page, "import-1-upload-zh");
    await page.getByTestId("import-upload").click();
    await expect(page).toHaveURL(/\/deals\/import\/[0-9a-f-]{36}$/);

    // Step 1: the GBK file reads in Chinese and every header is matched.
    await expect(page.getByTestId("import-facts")).toContainText("4 行");
    await expect(page.getByTestId("import-facts")).toContainText("GBK / GB18030");
    const row = (header: string) => page.locator(`[data-testid=column-row][data-header="${header}"]`);
    await expect(row("客户名称").getByTestId("column-target")).toHaveText("客户");
    await expect(row("金额").getByTestId("column-target")).toHaveText("预计金额");
    await expect(row("负责人").getByTestId("column-target")).toHaveText("负责人");
    await expect(row("外部编号").getByTestId("column-target")).toHaveText("外部编号");
    await expect(row("关闭日期").getByTestId("column-target")).toHaveText("赢单/输单日期");
    await screenshot(page, "import-2-columns-zh");
    await page.getByTestId("columns-next").click();

    // Step 2: exact names are mapped; near misses wait. Fix one by choosing, confirm the other.
    const owner = page.locator('[data-testid=value-group][data-target="@owner"]');
    await expect(owner.locator('[data-testid=value-row][data-value="张伟"]')).toHaveAttribute(
      "data-state",
      "mapped",
    );
    const spaced = owner.locator('[data-testid=value-row][data-value="张  伟"]');
    await expect(spaced).toHaveAttribute("data-state", "near");
    const industry = page.locator('[data-testid=value-group][data-target="industry"]');
    const misspelt = industry.locator('[data-testid=value-row][data-value="制造业"]');
    await expect(misspelt).toHaveAttribute("data-state", "near");
    await expect(page.getByTestId("values-summary")).toContainText("2 条建议");
    await screenshot(page, "import-3-values-zh");
    await misspelt.getByTestId("value-target").click();
    await page.getByRole("option", { name: "制造", exact: true }).click();
    await expect(misspelt).toHaveAttribute("data-state", "mapped");
    await spaced.getByTestId("value-confirm").click();
    await expect(spaced).toHaveAttribute("data-state", "mapped");
    await expect(page.getByTestId("values-summary")).toHaveText("所有值都已对应。");
    await page.getByTestId("values-next").click();

    // Step 3: the dry run writes nothing and names the bad row.
    await expect(page.getByTestId("dry-creates")).toHaveText("3");
    await expect(page.getByTestId("dry-failed")).toHaveText("1");
    const bad = page.getByTestId("error-row");
    await expect(bad).toHaveCount(1);
    await expect(bad).toHaveAttribute("data-row", "4");
    await expect(bad).toContainText("金额不能为负数");
    await screenshot(page, "import-4-check-zh");

    // Step 4: the job runs; the bar fills; the counts add up.
    await page.getByTestId("import-start").click();
    await expect(page.getByTestId("import-status")).toHaveText("已完成,部分行失败", { timeout: 60_000 });
    await expect(page.getByTestId("import-progress")).toHaveAttribute("aria-valuenow", "4");
    await expect(page.getByTestId("run-created")).toHaveText("3");
    await expect(page.getByTestId("run-failed")).toHaveText("1");
    await screenshot(page, "import-5-done-zh");

    // The error report: a CSV Excel opens in Chinese (BOM), with the row and why.
    const downloading = page.waitForEvent("download");
    await page.getByTestId("import-error-report").click();
    const report = fs.readFileSync((await (await downloading).path())!, "utf8");
    expect(report.charCodeAt(0)).toBe(0xfeff);
    expect(report).toContain("行号,列,值,问题");
    expect(report).toMatch(/4,金额,-8000,金额不能为负数/);

    // The deals are in the list, the won one with its history at the file's dates.
    await page.getByTestId("import-view-deals").click();
    await page.getByTestId("deal-search").fill("精工 MES");
    const link = page.getByTestId("deal-link").filter({ hasText: "精工 MES 项目" }).first();
    await expect(link).toBeVisible();
    await link.click();
    await expect(page.getByTestId("timeline")).toContainText("已导入");
    await expect(page.getByTestId("timeline")).toContainText("赢单");
    await screenshot(page, "import-6-deal-zh");
    await page.goto("/deals/import");
    await expect(page.getByTestId("recent-import").first()).toContainText("老系统导出.csv");
    await screenshot(page, "import-0-list-zh");
  });
});

test.describe("importing deals, in English", () => {
  test.use({ locale: "en-US" });

  test("should walk the same steps in English, and export the deals again as XLSX", async ({ page }) => {
    const run = String(Date.now()).slice(-6);
    await signIn(page, "admin@example.com");
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    await upload(page, run);
    await screenshot(page, "import-1-upload-en");
    await page.getByTestId("import-upload").click();
    await expect(page.getByTestId("import-facts")).toContainText("4 rows");
    await expect(page.getByTestId("column-row").first().getByTestId("column-target")).toHaveText("Account");
    await screenshot(page, "import-2-columns-en");
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "import-2-columns-phone-en");
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId("columns-next").click();
    await expect(page.getByTestId("values-summary")).toContainText("2 suggestions wait");
    await screenshot(page, "import-3-values-en");
    await page.getByTestId("values-confirm-all").click();
    await page.getByTestId("values-next").click();
    await expect(page.getByTestId("dry-failed")).toHaveText("1");
    await expect(page.getByTestId("error-row")).toContainText("Amounts cannot be negative");
    await screenshot(page, "import-4-check-en");
    await page.getByTestId("import-start").click();
    await expect(page.getByTestId("import-status")).toHaveText("Done, some rows failed", { timeout: 60_000 });
    await screenshot(page, "import-5-done-en");

    await page.goto("/deals/import");
    await expect(page.getByTestId("recent-import").first()).toContainText("老系统导出.csv");
    await screenshot(page, "import-0-list-en");

    // Every field, as XLSX, from the deals list's menu.
    await page.goto("/deals");
    await page.getByTestId("export-menu").click();
    const downloading = page.waitForEvent("download");
    await page.getByTestId("export-xlsx").click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/^deals-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(
      fs
        .readFileSync((await file.path())!)
        .subarray(0, 2)
        .toString("latin1"),
    ).toBe("PK");

    await page.goto("/settings");
    await expect(page.getByTestId("archive-download")).toBeVisible();
    await page.locator("#data").screenshot({
      path: path.resolve(import.meta.dirname, "../../test-results/screens/import-archive-en.png"),
    });
  });
});
