"use client";

import { useFormatter, useLocale, useNow, useTranslations } from "next-intl";
import { useCallback } from "react";
import { localized } from "@/lib/i18n/localized";
import { isSet, type FieldDef } from "./types";

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Money as the reader writes it, without cents: amounts in deals are whole yuan. */
export function useMoney() {
  const format = useFormatter();
  return useCallback(
    (value: number, currency = "CNY") =>
      format.number(value, { style: "currency", currency, maximumFractionDigits: 0 }),
    [format],
  );
}

/**
 * Formats a deal value for reading, as its field's type says: option labels in the reader's
 * language, 是/否 for booleans, dates and money per locale. Null when the value is empty.
 */
export function useFieldFormatter(currency = "CNY") {
  const t = useTranslations("dealPage");
  const format = useFormatter();
  const locale = useLocale();
  const money = useMoney();
  return useCallback(
    (field: FieldDef | undefined, value: unknown): string | null => {
      if (!isSet(value)) return null;
      const label = (v: unknown) => {
        const option = field?.options?.find((o) => o.value === v);
        return option ? localized(option.label, locale) : String(v);
      };
      switch (field?.type) {
        case "boolean":
          return value === true ? t("yes") : value === false ? t("no") : String(value);
        case "currency":
          return typeof value === "number" ? money(value, currency) : String(value);
        case "number":
          return typeof value === "number" ? format.number(value) : String(value);
        case "date":
          return typeof value === "string" && DATE_ONLY.test(value)
            ? format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" })
            : String(value);
        case "select":
          return label(value);
        case "multiSelect":
          return Array.isArray(value) ? format.list(value.map(label), { type: "conjunction" }) : label(value);
        default:
          return Array.isArray(value) ? value.join(", ") : String(value);
      }
    },
    [t, format, locale, money, currency],
  );
}

/**
 * "Now" for relative times on the deal page: the clock, ticking each half minute, but never
 * before the deal's last change — the page's `now` may date from when it was first rendered,
 * and an action just taken must not read "in 2 seconds".
 */
export function useDealNow(updatedAt: Date) {
  const now = useNow({ updateInterval: 30_000 });
  return updatedAt > now ? updatedAt : now;
}
