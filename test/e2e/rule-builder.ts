import { expect, type Locator, type Page } from "@playwright/test";

/*
 * Drives the rule builder (ConditionEditor) the way a user does, through its stable test ids.
 * Names are the field and comparison as the page shows them in its language, e.g.
 * addCondition(page, editor, { field: "Amount", op: "at least (≥)", value: "50000" }).
 */

/** A choice of a Radix select: open the trigger, pick the option by its visible name. */
async function pick(page: Page, trigger: Locator, name: string) {
  await trigger.click();
  await page.getByRole("option", { name, exact: true }).click();
  await expect(page.getByRole("listbox")).toHaveCount(0);
}

/**
 * Adds one comparison to a condition editor (the top-level "Add condition" of `editor`, which is a
 * locator of [data-testid=condition-editor]) and fills it in. `value` is typed into an input, or,
 * for option / person fields, picked by name; chips (several options, yes / no) are pressed by name.
 */
export async function addCondition(
  page: Page,
  editor: Locator,
  condition: { field: string; op?: string; value?: string | string[] },
) {
  const rows = editor.getByTestId("condition-row");
  const before = await rows.count();
  await editor.getByTestId("condition-add").last().click();
  await expect(rows).toHaveCount(before + 1);
  const row = rows.last();
  await pick(page, row.getByTestId("condition-field"), condition.field);
  if (condition.op) await pick(page, row.getByTestId("condition-op"), condition.op);
  if (condition.value === undefined) return row;
  const control = row.getByTestId("condition-value");
  const values = Array.isArray(condition.value) ? condition.value : [condition.value];
  const tag = await control.evaluate((el) => el.tagName.toLowerCase());
  if (tag === "input") await control.fill(values[0] ?? "");
  else if (tag === "button") await pick(page, control, values[0] ?? "");
  else if ((await control.locator("input").count()) > 0) {
    const inputs = control.locator("input");
    for (const [i, v] of values.entries()) await inputs.nth(i).fill(v);
  } else for (const v of values) await control.getByRole("button", { name: v, exact: true }).click();
  await expect(row).not.toHaveAttribute("data-invalid", "true");
  return row;
}
