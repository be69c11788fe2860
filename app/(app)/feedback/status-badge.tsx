"use client";

import { CheckIcon, CircleDotIcon, RocketIcon, XIcon, type LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import type { FeedbackStatus } from "@/lib/feedback/status";
import { Badge } from "@/lib/ui/badge";

const LOOK: Record<
  FeedbackStatus,
  { icon: LucideIcon; variant: "default" | "success" | "secondary" | "warning" }
> = {
  open: { icon: CircleDotIcon, variant: "warning" },
  accepted: { icon: CheckIcon, variant: "default" },
  declined: { icon: XIcon, variant: "secondary" },
  shipped: { icon: RocketIcon, variant: "success" },
};

/** A feedback status as a coloured badge with its icon. */
export function FeedbackStatusBadge({ status, className }: { status: FeedbackStatus; className?: string }) {
  const t = useTranslations("feedback");
  const { icon: Icon, variant } = LOOK[status];
  return (
    <Badge variant={variant} className={className} data-testid="feedback-status" data-status={status}>
      <Icon className="size-3" aria-hidden />
      {t(`status.${status}`)}
    </Badge>
  );
}
