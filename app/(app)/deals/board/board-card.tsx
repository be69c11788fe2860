"use client";

import { useDraggable } from "@dnd-kit/core";
import { ClockAlertIcon, Loader2Icon, UserIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import type { ComponentProps } from "react";
import { Badge } from "@/lib/ui/badge";
import { VersionBadge } from "../../_components/version-badge";
import { cn } from "@/lib/ui/cn";
import { useMoney } from "../[id]/use-deal-format";
import type { BoardCardData } from "./types";

const PRIORITY_VARIANT = { A: "destructive", B: "warning", C: "default", D: "secondary" } as const;

/** What a card shows: title (a link to the deal), account, amount, priority, owner, time in stage. */
export function CardBody({
  card,
  moving = false,
  className,
  ...rest
}: { card: BoardCardData; moving?: boolean } & ComponentProps<"div">) {
  const t = useTranslations("board");
  const money = useMoney();
  return (
    <div
      className={cn(
        "grid gap-2 rounded-lg border bg-card p-3 text-sm shadow-xs",
        card.overdue && "border-l-[3px] border-l-destructive",
        className,
      )}
      {...rest}
    >
      <div className="flex items-start justify-between gap-2">
        <Link
          href={`/deals/${card.id}`}
          className="min-w-0 font-medium leading-snug break-words hover:text-primary hover:underline"
          data-testid="board-card-link"
          draggable={false}
        >
          {card.title}
        </Link>
        {moving ? (
          <Loader2Icon
            className="size-4 shrink-0 animate-spin text-muted-foreground"
            aria-label={t("moving")}
          />
        ) : card.priority ? (
          <Badge variant={PRIORITY_VARIANT[card.priority as keyof typeof PRIORITY_VARIANT] ?? "outline"}>
            {card.priority}
          </Badge>
        ) : null}
      </div>
      <div className="flex items-center justify-between gap-2">
        <span className="min-w-0 truncate text-xs text-muted-foreground">{card.account}</span>
        {card.pilot ? <VersionBadge number={card.versionNumber} status="pilot" /> : null}
      </div>
      <div className="flex items-center justify-between gap-2">
        <span className="font-semibold tabular-nums">
          {card.amount === null ? "—" : money(card.amount, card.currency)}
        </span>
        {card.overdue ? (
          <Badge variant="destructive" data-testid="board-overdue">
            <ClockAlertIcon className="size-3" />
            {t("overdue")}
          </Badge>
        ) : null}
      </div>
      <div className="flex items-center justify-between gap-2 text-xs text-muted-foreground">
        <span className="flex min-w-0 items-center gap-1">
          <UserIcon className="size-3 shrink-0" />
          <span className="truncate">{card.ownerName ?? t("unassigned")}</span>
        </span>
        <span className={cn("shrink-0 tabular-nums", card.overdue && "text-destructive")}>
          {t("daysInStage", { days: card.daysInStage })}
        </span>
      </div>
    </div>
  );
}

/** A card that can be picked up with a mouse, a finger or the keyboard (space). */
export function BoardCard({
  card,
  locked,
  moving,
}: {
  card: BoardCardData;
  /** Closed deals stay where they are. */
  locked: boolean;
  moving: boolean;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: card.id,
    data: { card },
    disabled: locked || moving,
  });
  return (
    <CardBody
      ref={setNodeRef}
      card={card}
      moving={moving}
      data-testid="board-card"
      data-deal-id={card.id}
      className={cn(
        "touch-manipulation outline-none select-none focus-visible:ring-2 focus-visible:ring-ring",
        !locked && "cursor-grab active:cursor-grabbing hover:border-primary/40",
        isDragging && "opacity-40",
        moving && "opacity-70",
      )}
      {...attributes}
      {...listeners}
    />
  );
}
