import path from "node:path";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";

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

/** The viewport only, for an open dialog: it is fixed, so a full-page shot would cut its overlay. */
export async function screenshotDialog(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
}

/** YYYY-MM-DD some days from today, as a date input takes it. */
export const daysFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Picks an option of a select field of a dialog, when the dialog asks for that field. */
export async function choose(page: Page, dialog: Locator, label: string, option: string) {
  const trigger = dialog.getByLabel(label, { exact: true });
  if ((await trigger.count()) === 0) return;
  await trigger.click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** Fails each test of the file in which a page threw (e.g. crashed into an error boundary). */
export function failOnPageErrors() {
  let pageErrors: string[] = [];
  test.beforeEach(({ page }) => {
    pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  });
  test.afterEach(() => expect(pageErrors).toEqual([]));
}

/** A tRPC call with a browser context's session cookie (page.request or context.request). */
export async function trpc<T>(
  request: APIRequestContext,
  name: string,
  input: unknown,
  method: "GET" | "POST" = "POST",
) {
  const payload = JSON.stringify({ 0: { json: input } });
  const res =
    method === "GET"
      ? await request.get(`/api/trpc/${name}?batch=1&input=${encodeURIComponent(payload)}`)
      : await request.post(`/api/trpc/${name}?batch=1`, {
          data: payload,
          headers: { "content-type": "application/json" },
        });
  const [out] = (await res.json()) as [{ result?: { data: { json: T } }; error?: unknown }];
  if (!out.result) throw new Error(`${name}: ${JSON.stringify(out.error)}`);
  return out.result.data.json;
}

/**
 * Clears the signed-in user's saved language, so the page speaks the browser's (the test's
 * `locale`): a saved language wins over the browser's, and other tests save one.
 */
export async function speak(page: Page) {
  await trpc(page.request, "me.update", { locale: null });
  // The session carries the language: refresh it, as the language switcher does.
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  await page.request.post("/api/auth/session", { data: { csrfToken, data: {} } });
  await page.reload();
}
