"use client";

import { useDroppable } from "@dnd-kit/core";
import { HourglassIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { localized } from "@/lib/i18n/localized";
import { cn } from "@/lib/ui/cn";
import { useMoney } from "../[id]/use-deal-format";
import type { BoardColumnData } from "./types";

const ACCENT = {
  open: "border-t-primary/70",
  won: "border-t-success",
  lost: "border-t-muted-foreground/40",
  approval: "border-t-warning",
} as const;

/**
 * A stage of the board: its name, how many deals and how much money sit in it, and the cards
 * (the first ones of a long column, with a button for the next; the figures count them all).
 */
export function BoardColumn({
  column,
  hidden = 0,
  loadingMore = false,
  onShowMore,
  children,
}: {
  column: BoardColumnData;
  /** Cards of the column not rendered yet. */
  hidden?: number;
  loadingMore?: boolean;
  onShowMore?: () => void;
  children: ReactNode;
}) {
  const t = useTranslations("board");
  const locale = useLocale();
  const money = useMoney();
  const { setNodeRef, isOver, active } = useDroppable({ id: column.key, data: { column } });
  const name = localized(column.name, locale);
  const accent = column.kind === "approval" ? ACCENT.approval : ACCENT[column.outcome];
  const from = (active?.data.current as { card?: { stage: string } } | undefined)?.card?.stage;
  return (
    <section
      ref={setNodeRef}
      aria-label={name}
      data-testid={`board-column-${column.key}`}
      data-stage={column.key}
      className={cn(
        "flex w-[min(82vw,18rem)] shrink-0 snap-start flex-col rounded-xl border border-t-4 bg-muted/40 transition-colors",
        accent,
        isOver && from !== column.key && "border-primary/50 bg-primary/5 ring-2 ring-primary/30",
      )}
    >
      <header className="grid gap-1 border-b px-3 py-2.5">
        <div className="flex items-center justify-between gap-2">
          <h2 className="flex min-w-0 items-center gap-1.5 text-sm font-semibold">
            {column.kind === "approval" ? (
              <HourglassIcon className="size-3.5 shrink-0 text-[oklch(0.45_0.1_70)]" />
            ) : null}
            <span className="truncate">{name}</span>
            {column.onlyIn ? (
              <span
                className="shrink-0 rounded bg-warning/15 px-1.5 py-0.5 text-[10px] font-medium text-[oklch(0.45_0.1_70)]"
                title={t("onlyInHint")}
                data-testid="column-only-in"
              >
                {t("onlyIn", { versions: column.onlyIn.map((n) => `v${n}`).join(", ") })}
              </span>
            ) : null}
          </h2>
          <span
            className="rounded-full bg-background px-2 py-0.5 text-xs font-medium tabular-nums text-muted-foreground"
            data-testid="column-count"
          >
            {t("count", { count: column.count })}
          </span>
        </div>
        <dl className="grid grid-cols-2 gap-x-2 text-xs">
          <div className="min-w-0">
            <dt className="text-muted-foreground">{t("total")}</dt>
            <dd className="truncate font-medium tabular-nums" data-testid="column-amount">
              {money(column.amount)}
            </dd>
          </div>
          <div className="min-w-0" title={t("probability", { probability: column.probability })}>
            <dt className="text-muted-foreground">
              {t("weighted")} · {column.probability}%
            </dt>
            <dd className="truncate font-medium tabular-nums" data-testid="column-weighted">
              {money(column.weightedAmount)}
            </dd>
          </div>
        </dl>
      </header>
      <div className="flex min-h-24 flex-1 flex-col gap-2 p-2">
        {children}
        {hidden > 0 ? (
          <button
            type="button"
            onClick={onShowMore}
            disabled={loadingMore}
            data-testid="column-show-more"
            className="cursor-pointer rounded-lg border border-dashed bg-background/60 px-3 py-2 text-xs font-medium text-primary hover:bg-background focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
          >
            {t("showMore", { count: hidden })}
          </button>
        ) : null}
        {column.count === 0 ? (
          <p className="rounded-lg border border-dashed px-3 py-6 text-center text-xs text-muted-foreground">
            {isOver ? t("dropHint") : t("emptyColumn")}
          </p>
        ) : null}
      </div>
    </section>
  );
}
