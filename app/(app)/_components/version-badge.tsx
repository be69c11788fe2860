"use client";

import { FlaskConicalIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/lib/ui/badge";
import { cn } from "@/lib/ui/cn";

export type VersionStatus = "draft" | "pilot" | "published" | "retired";

/**
 * The version a deal runs on: "试点 v3 / Pilot v3" for a pilot version (its own colour, so pilot
 * deals stand out in any list), a quiet "v2" otherwise; a retired version's number is struck
 * through lightly, with its status in the tooltip.
 */
export function VersionBadge({
  number,
  status,
  className,
}: {
  number: number;
  status: VersionStatus;
  className?: string;
}) {
  const t = useTranslations("versions.badge");
  const title = t(`title.${status}`, { number });
  if (status === "pilot")
    return (
      <Badge
        title={title}
        data-testid="version-badge"
        data-status={status}
        className={cn(
          "border-violet-300 bg-violet-50 text-violet-700 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-300",
          className,
        )}
      >
        <FlaskConicalIcon className="size-3" />
        {t("pilot", { number })}
      </Badge>
    );
  return (
    <Badge
      variant="outline"
      title={title}
      data-testid="version-badge"
      data-status={status}
      className={cn("text-muted-foreground", status === "retired" && "border-dashed", className)}
    >
      {t("plain", { number })}
    </Badge>
  );
}
