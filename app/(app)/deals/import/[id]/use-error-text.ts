"use client";

import { useLocale, useTranslations } from "next-intl";
import { errorText } from "@/lib/import/error-text";
import type { CellError } from "@/lib/import/errors";

/** An import error as a sentence in the reader's language (the wizard and the CSV share it). */
export function useErrorText() {
  const locale = useLocale();
  const t = useTranslations("imports");
  const te = useTranslations("errors");
  return (error: CellError) =>
    errorText(
      error,
      locale,
      (key, values) => t(key as never, values as never),
      (key, values) => te(key as never, values as never),
    );
}
