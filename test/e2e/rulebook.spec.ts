import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { readPdf } from "../support/pdf-text";
import { failOnPageErrors, screenshot, signIn, signOut, speak } from "./helpers";

/**
 * The rulebook (制度手册) as a trainer hands it out: from the published version's menu, the
 * rulebook page's Download PDF gives a real PDF of the same document — several pages, its title,
 * version and every stage the page lists — in the page's language. A rep cannot fetch it.
 */

failOnPageErrors();
test.setTimeout(120_000);

async function openRulebook(page: Page) {
  await page.goto("/pipelines");
  const href = await page
    .getByTestId("pipeline-card")
    .filter({ has: page.getByText(/^(Default|默认)$/) })
    .getByTestId("edit-pipeline")
    .getAttribute("href");
  const pipelineId = href!.split("/")[2]!;
  await page.goto(`/pipelines/${pipelineId}/versions`);
  const published = page.locator("[data-testid=version-row][data-status=published]");
  await published.getByRole("button", { name: /More|更多/ }).click();
  await page.getByRole("menuitem", { name: /^(Rulebook|制度手册)$/ }).click();
  await expect(page.getByTestId("rulebook")).toBeVisible();
}

for (const locale of ["zh-CN", "en-US"] as const) {
  test.describe(`rulebook PDF (${locale})`, () => {
    test.use({ locale, viewport: { width: 1440, height: 1000 } });

    test("downloads the published version's rulebook as a PDF of the same content", async ({ page }) => {
      const zh = locale === "zh-CN";
      await signIn(page, "trainer@example.com");
      await page.waitForURL((url) => url.pathname === "/");
      await speak(page);
      await openRulebook(page);
      const title = (await page.locator("[data-testid=rulebook] h1").textContent())!;
      expect(title).toContain(zh ? "商机管理制度" : "Opportunity management rules");
      const version = (await page.locator("[data-testid=rulebook] header dd").first().textContent())!;
      expect(version).toMatch(/^v\d+$/);
      const stages = (await page.getByTestId("rulebook-stage").locator("h3").allTextContents()).map((s) =>
        s.replace(/^\d+\.\s*/, "").replace(/\s*(结束：赢单|结束：输单|closes the deal as (won|lost))$/, ""),
      );
      expect(stages.length).toBeGreaterThan(3);
      const button = page.getByTestId("download-rulebook-pdf");
      await expect(button).toHaveText(zh ? "下载 PDF" : "Download PDF");
      await screenshot(page, `rulebook-download-${zh ? "zh" : "en"}`);

      const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
      expect(download.suggestedFilename()).toMatch(
        zh
          ? new RegExp(`商机管理制度 ${version}\\.pdf$`)
          : new RegExp(`Opportunity management rules ${version}\\.pdf$`),
      );
      const bytes = await readFile((await download.path())!);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const pdf = readPdf(bytes);
      expect(pdf.pages.length).toBeGreaterThan(1);
      const text = pdf.pages.join("\n");
      expect(pdf.pages[0]).toContain(title.trim());
      expect(pdf.pages[0]).toContain(version);
      for (const stage of stages) expect(text).toContain(stage);
      expect(pdf.pages.at(-1)).toContain(
        zh
          ? `第 ${pdf.pages.length} 页，共 ${pdf.pages.length} 页`
          : `Page ${pdf.pages.length} of ${pdf.pages.length}`,
      );

      // At phone width the buttons wrap under the language switch; nothing runs off the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await expect(button).toBeInViewport();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(page, `rulebook-download-phone-${zh ? "zh" : "en"}`);

      // A rep gets no rulebook: the download answers 403 with a message, not a file.
      const pdfUrl = (await button.getAttribute("href"))!;
      await signOut(page);
      await signIn(page, "rep.east@example.com");
      await page.waitForURL((url) => url.pathname === "/");
      const refused = await page.request.get(pdfUrl);
      expect(refused.status()).toBe(403);
      expect(refused.headers()["content-type"]).toContain("application/json");
    });
  });
}
