"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/lib/ui/badge";
import { cn } from "@/lib/ui/cn";
import { lastDay } from "./dates";
import type { PilotRow, VersionRow } from "./types";

const STATUS_CLASS: Record<VersionRow["status"], string> = {
  draft: "",
  pilot:
    "border-violet-300 bg-violet-50 text-violet-700 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-300",
  published: "",
  retired: "",
};
const STATUS_VARIANT = {
  draft: "secondary",
  pilot: "outline",
  published: "success",
  retired: "outline",
} as const;

/** A version's status in words: 草稿 / 试点中 / 已发布 / 已停用. */
export function StatusBadge({ status }: { status: VersionRow["status"] }) {
  const t = useTranslations("versions.status");
  return (
    <Badge
      variant={STATUS_VARIANT[status]}
      className={cn(STATUS_CLASS[status], status === "retired" && "text-muted-foreground")}
      data-testid="version-status"
    >
      {t(status)}
    </Badge>
  );
}

/** "From 3 Mar 2026 · no end date" or "3 Mar – 31 Mar 2026" (the last day the pilot covers). */
export function PilotWindow({ pilot }: { pilot: Pick<PilotRow, "startsAt" | "endsAt" | "state"> }) {
  const t = useTranslations("versions.window");
  const format = useFormatter();
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  if (pilot.state === "ended" && pilot.endsAt && pilot.endsAt.getTime() <= pilot.startsAt.getTime())
    return <>{t("cancelled", { start: day(pilot.startsAt) })}</>;
  if (!pilot.endsAt) return <>{t("open", { start: day(pilot.startsAt) })}</>;
  return <>{t("range", { start: day(pilot.startsAt), end: day(lastDay(pilot.endsAt)) })}</>;
}
