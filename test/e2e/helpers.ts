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
