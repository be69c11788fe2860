import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { failOnPageErrors, screenshot, signIn, speak, trpc } from "./helpers";

/**
 * Replay simulation, as a trainer uses it before a pilot: the published version replays the
 * demo company's histories; a draft of it that asks for Discount % before a lead can be contacted
 * shows how many more contacts it would have stopped, why, and which deals, in a table and a CSV.
 * The draft is thrown away afterwards.
 */

failOnPageErrors();
test.setTimeout(120_000);

async function signInAsTrainer(page: Page) {
  await signIn(page, "trainer@example.com");
  await page.waitForURL((url) => url.pathname === "/");
}

async function defaultPipeline(page: Page) {
  await page.goto("/pipelines");
  const href = await page
    .getByTestId("pipeline-card")
    .filter({ has: page.getByText(/^(Default|默认)$/) })
    .getByTestId("edit-pipeline")
    .getAttribute("href");
  return href!.split("/")[2]!;
}

for (const locale of ["en-US", "zh-CN"] as const) {
  test.describe(`replay simulation (${locale})`, () => {
    test.use({ locale, viewport: { width: 1440, height: 1000 } });

    test("replays the published version, then a stricter draft that refuses more, and why", async ({
      page,
    }) => {
      const en = locale === "en-US";
      await signInAsTrainer(page);
      await speak(page);
      const pipelineId = await defaultPipeline(page);

      // From the versions page: the published version's menu → Replay simulation.
      await page.goto(`/pipelines/${pipelineId}/versions`);
      const published = page.locator("[data-testid=version-row][data-status=published]");
      await published.getByRole("button", { name: /More|更多/ }).click();
      await page.getByTestId("simulate-version").click();
      await expect(page.getByTestId("simulation-page")).toBeVisible();
      // The published version (other tests may have rolled out new ones) replayed: how many
      // Start contact actions it refuses, to compare the stricter draft with.
      await expect(page.getByTestId("figure-refused")).toHaveAttribute("data-value", /^\d+$/);
      const start = page.locator("[data-testid=simulation-action][data-action=startContact]");
      const refusedBefore = Number(
        await start.getByTestId("action-refused").locator("span").first().textContent(),
      );
      const publishedId = page.url().split("/versions/")[1]!.split("/")[0]!;

      // A stricter draft of the same process, saved the way the editor saves one.
      const draft = await trpc<{ versionId: string; number: number }>(page.request, "versions.newDraft", {
        versionId: publishedId,
      });
      try {
        const version = await trpc<{ revision: number; definition: PipelineDefinition }>(
          page.request,
          "editor.version",
          { versionId: draft.versionId },
          "GET",
        );
        const definition = structuredClone(version.definition);
        const lead = definition.nodes.find((n) => n.data.kind === "stage" && n.data.key === "lead")!;
        if (lead.data.kind === "stage") lead.data.requiredFields.push("discountPct");
        await trpc(page.request, "editor.saveDraft", {
          versionId: draft.versionId,
          expectedRevision: version.revision,
          definition,
        });
        await page.reload();

        // Switch the page to the draft with the version picker.
        await page.getByTestId("simulation-version").click();
        await page.getByRole("option", { name: `v${draft.number} · ${en ? "Draft" : "草稿"}` }).click();
        await expect(page).toHaveURL(new RegExp(`/versions/${draft.versionId}/simulate`));
        const refused = Number(
          await start.getByTestId("action-refused").locator("span").first().textContent(),
        );
        expect(refused).toBeGreaterThan(refusedBefore);
        const reason = start.getByTestId("action-reason").filter({ hasText: en ? "Discount %" : "折扣 %" });
        await expect(reason).toContainText(en ? "Missing field · Discount %" : "缺少字段 · 折扣 %");
        // The refusals sort first.
        await expect(page.getByTestId("simulation-action").first()).toHaveAttribute(
          "data-action",
          "startContact",
        );
        await screenshot(page, `simulation-${locale}`);

        const download = page.waitForEvent("download");
        await page.getByTestId("simulation-csv").click();
        const csv = await readFile((await (await download).path())!, "utf8");
        expect(csv.charCodeAt(0)).toBe(0xfeff); // Excel reads the Chinese
        expect(csv).toContain(en ? "Missing field: Discount %" : "缺少字段: 折扣 %");
        expect(csv).toContain(`,${refused},`);
      } finally {
        await trpc(page.request, "editor.discardDraft", { versionId: draft.versionId });
      }
    });
  });
}

test("a rep cannot open the simulation", async ({ page }) => {
  await signIn(page, "rep.east@example.com");
  await page.waitForURL((url) => url.pathname === "/");
  const response = await page.goto(
    "/pipelines/00000000-0000-4000-8000-000000000000/versions/00000000-0000-4000-8000-000000000000/simulate",
  );
  expect(response?.status()).toBe(404);
});
