import type { FieldDef, FieldType } from "@/workflows/definition/schema";

/*
 * What a field keeps when its type changes: options only for selects, min/max only for numbers,
 * a format only for one-line text. Values already stored are not touched here; the designer
 * asks the server how many deals would no longer fit (editor.fieldFit) before applying.
 */

const HAS_OPTIONS: ReadonlySet<FieldType> = new Set(["select", "multiSelect"]);

export const hasOptions = (type: FieldType) => HAS_OPTIONS.has(type);

/** The field with another type, keeping what still applies. */
export function retype(field: FieldDef, type: FieldType): FieldDef {
  const { options, min, max, format, ...rest } = field;
  const next: FieldDef = { ...rest, type };
  if (HAS_OPTIONS.has(type)) next.options = options ?? [];
  if (type === "number") {
    if (min !== undefined) next.min = min;
    if (max !== undefined) next.max = max;
  }
  if (type === "text" && format) next.format = format;
  return next;
}

/** Whether a type change could leave stored values that no longer fit (so the server is asked first). */
export function retypeNeedsCheck(from: FieldType, to: FieldType): boolean {
  if (from === to) return false;
  // Every short text fits a long text; a number fits a currency only when not negative (server checks).
  return !(from === "text" && to === "longText");
}

/** What is wrong with a number field's range, or null. */
export function rangeProblem(field: Pick<FieldDef, "min" | "max">): "order" | null {
  return field.min !== undefined && field.max !== undefined && field.min > field.max ? "order" : null;
}
