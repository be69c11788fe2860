"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import type { LocalizedText } from "@/workflows/definition/schema";

const HOUR = 3_600;
const DAY = 86_400;

/** How the dashboard writes its numbers: money without cents, rates with one decimal, stays in days or hours. */
export function useFigures() {
  const t = useTranslations("analytics");
  const format = useFormatter();
  const locale = useLocale();
  const number = (v: number) => format.number(v, { maximumFractionDigits: 0 });
  const money = (v: number | null | undefined) =>
    v === null || v === undefined
      ? "—"
      : format.number(v, { style: "currency", currency: "CNY", maximumFractionDigits: 0 });
  const percent = (v: number | null | undefined) =>
    v === null || v === undefined ? "—" : format.number(v, { style: "percent", maximumFractionDigits: 1 });
  const stay = (seconds: number | null | undefined) => {
    if (seconds === null || seconds === undefined) return "—";
    const n = (x: number) => format.number(x, { maximumFractionDigits: 1 });
    if (seconds < HOUR) return t("minutes", { n: n(seconds / 60) });
    if (seconds < DAY) return t("hours", { n: n(seconds / HOUR) });
    return t("days", { n: n(seconds / DAY) });
  };
  const days = (seconds: number) => Math.round((seconds / DAY) * 10) / 10;
  const date = (d: Date | null | undefined) =>
    d ? format.dateTime(d, { dateStyle: "medium", timeZone: "Asia/Shanghai" }) : "—";
  const month = (key: string) =>
    key === "overdue" || key === "none"
      ? t(`forecast.${key}`)
      : format.dateTime(new Date(`${key}-15T00:00:00Z`), {
          year: "numeric",
          month: "short",
          timeZone: "UTC",
        });
  const name = (text: LocalizedText | undefined, fallback: string) =>
    text ? localized(text, locale) : fallback;
  /** A change of a rate, in points ("+4.2 pts"). */
  const points = (now: number | null, before: number | null) =>
    now === null || before === null
      ? null
      : t("points", {
          n: format.number((now - before) * 100, { maximumFractionDigits: 1, signDisplay: "exceptZero" }),
        });
  /** A distance between two rates, in points ("25.6 pts"). */
  const gap = (a: number, b: number) =>
    t("points", { n: format.number(Math.abs(a - b) * 100, { maximumFractionDigits: 1 }) });
  return { number, money, percent, stay, days, date, month, name, points, gap, locale };
}
