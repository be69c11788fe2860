"use client";

import { CircleXIcon, TrophyIcon } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import { cn } from "@/lib/ui/cn";
import type { DealData, DealForm } from "./types";
import { useFieldFormatter } from "./use-deal-format";

/** How a closed deal ended: won or lost, when, and what the rep recorded as they closed it. */
export function ClosedSummary({ deal, form }: { deal: DealData; form: DealForm }) {
  const t = useTranslations("dealPage");
  const format = useFormatter();
  const locale = useLocale();
  const formatValue = useFieldFormatter(deal.deal.currency);
  const won = deal.stage?.kind === "stage" && deal.stage.outcome === "won";
  const closing = [...deal.events].reverse().find((e) => e.toStage === deal.deal.stage);
  const recorded = Object.entries(closing?.changes ?? {}).flatMap(([key, { to }]) => {
    const field = form.fields.find((f) => f.key === key);
    const text = formatValue(field, to);
    return field && text ? [{ key, label: localized(field.name, locale), text }] : [];
  });
  const Icon = won ? TrophyIcon : CircleXIcon;
  return (
    <div
      data-testid="closed-summary"
      className={cn(
        "flex gap-3 rounded-lg border p-4",
        won ? "border-success/30 bg-success/10" : "bg-muted/60",
      )}
    >
      <Icon
        className={cn(
          "mt-0.5 size-5 shrink-0",
          won ? "text-[oklch(0.42_0.12_155)]" : "text-muted-foreground",
        )}
      />
      <div className="grid min-w-0 gap-1 text-sm">
        <p className="font-medium">
          {t(won ? "actions.closedWon" : "actions.closedLost", {
            date: format.dateTime(deal.deal.closedAt ?? deal.deal.stageEnteredAt, { dateStyle: "medium" }),
          })}
        </p>
        {recorded.map((r) => (
          <p key={r.key} className="break-words">
            <span className="text-muted-foreground">{r.label}:</span> {r.text}
          </p>
        ))}
        {closing?.comment ? (
          <p className="break-words whitespace-pre-wrap text-muted-foreground">{closing.comment}</p>
        ) : null}
      </div>
    </div>
  );
}
