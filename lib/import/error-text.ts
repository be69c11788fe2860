import type { CellError, ErrorValues } from "./errors";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The values of an error in one language: names kept in both languages resolve to the reader's. */
export function localValues(
  values: ErrorValues | undefined,
  locale: string,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(values ?? {}))
    out[k] = typeof v === "object" ? (locale.startsWith("zh") ? v.zh : v.en) : v;
  return out;
}

/**
 * An import error as a sentence, with a translator of the `imports` namespace. An error the
 * engine raised ("engine") carries its own catalogue key under `errors`, translated by `app`.
 */
export function errorText(error: CellError, locale: string, t: Translate, app: Translate): string {
  const values = localValues(error.values, locale);
  if (error.code === "engine" && typeof values.key === "string") {
    const { key, ...rest } = values;
    return app(String(key), rest);
  }
  return t(`errors.${error.code}`, values);
}
