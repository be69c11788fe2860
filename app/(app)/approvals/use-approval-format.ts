"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { useFormatter, useNow } from "next-intl";
import { useCallback } from "react";
import type { AppRouter } from "@/lib/server/api/root";

/** One deal waiting for the member's decision, as `deals.approvals` lists it. */
export type ApprovalItem = inferRouterOutputs<AppRouter>["deals"]["approvals"][number];

/**
 * How an approval reads: its amount in whole yuan per locale, how long it has waited (ticking
 * each half minute), and the moment it started waiting.
 */
export function useApprovalFormat() {
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  const money = useCallback(
    (item: Pick<ApprovalItem, "amount" | "currency">) =>
      item.amount === null || item.amount === undefined
        ? "—"
        : format.number(Number(item.amount), {
            style: "currency",
            currency: item.currency || "CNY",
            maximumFractionDigits: 0,
          }),
    [format],
  );
  /** "3 hours ago"; `bare` leaves out the "ago" side for "Waiting 3 hours"-style sentences. */
  const waited = useCallback(
    (item: Pick<ApprovalItem, "since">, bare = false) => {
      const since = item.since > now ? now : item.since;
      if (!bare) return format.relativeTime(since, now);
      return duration(now.getTime() - since.getTime(), format);
    },
    [format, now],
  );
  const since = useCallback(
    (item: Pick<ApprovalItem, "since">) =>
      format.dateTime(item.since, { dateStyle: "medium", timeStyle: "short" }),
    [format],
  );
  return { money, waited, since };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span of time in its largest whole unit, per locale ("3 days", "3天"). */
function duration(ms: number, format: ReturnType<typeof useFormatter>) {
  const [value, unit] =
    ms >= DAY
      ? [Math.floor(ms / DAY), "day"]
      : ms >= HOUR
        ? [Math.floor(ms / HOUR), "hour"]
        : [Math.max(1, Math.floor(ms / MINUTE)), "minute"];
  return format.number(value, { style: "unit", unit, unitDisplay: "long" });
}
