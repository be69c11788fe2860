"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/lib/ui/badge";

export type ImportStatus = "draft" | "queued" | "running" | "done" | "failed" | "cancelled";

const VARIANT = {
  draft: "secondary",
  queued: "default",
  running: "default",
  done: "success",
  failed: "destructive",
  cancelled: "outline",
} as const;

export function ImportStatusBadge({ status, failed = 0 }: { status: ImportStatus; failed?: number }) {
  const t = useTranslations("imports.status");
  const variant = status === "done" && failed > 0 ? "warning" : VARIANT[status];
  return (
    <Badge variant={variant} data-testid="import-status">
      {status === "done" && failed > 0 ? t("doneWithErrors") : t(status)}
    </Badge>
  );
}
