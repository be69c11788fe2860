import path from "node:path";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "pipewright-demo";
const SCREENS = path.resolve(import.meta.dirname, "../../test-results/screens");

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

export async function signOut(page: Page) {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem").last().click();
  await expect(page).toHaveURL(/\/signin/);
}

/**
 * Creates a deal of the signed-in user through the new-deal form, with only the title and
 * account, and lands on its page in the first stage. Tests that move a deal make their own,
 * so they do not depend on which demo deals earlier tests already moved.
 */
export async function createLeadDeal(page: Page, title: string, account = "Acme") {
  await page.goto("/deals");
  await page.getByTestId("new-deal").click();
  const dialog = page.getByTestId("new-deal-dialog");
  await dialog.locator("#new-deal-title").fill(title);
  await dialog.locator("#new-deal-account").fill(account);
  await dialog.getByTestId("new-deal-submit").click();
  await expect(page).toHaveURL(/\/deals\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("deal-page")).toBeVisible();
}
