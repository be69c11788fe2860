"use client";

import { ArrowRightIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { localized } from "@/lib/i18n/localized";
import type { DealData, DealForm } from "./types";
import { useFieldFormatter } from "./use-deal-format";

const SHOWN = 4;

/** An event's field changes, old → new, in the fields' own words; long lists fold. */
export function TimelineChanges({
  deal,
  form,
  changes,
}: {
  deal: DealData;
  form: DealForm;
  changes: Record<string, { from: unknown; to: unknown }>;
}) {
  const t = useTranslations("dealPage");
  const locale = useLocale();
  const formatValue = useFieldFormatter(deal.deal.currency);
  const [all, setAll] = useState(false);
  const actors = new Map(form.actors.map((a) => [a.id, a.name]));
  const order = new Map(form.fields.map((f, i) => [f.key, i]));
  const entries = Object.entries(changes).sort(
    ([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity),
  );
  const shown = all ? entries : entries.slice(0, SHOWN);

  const label = (key: string) => {
    if (key === "ownerId") return t("owner");
    if (key === "priority") return t("timeline.priority");
    if (key === "currency") return t("edit.currency");
    const field = form.fields.find((f) => f.key === key);
    return field ? localized(field.name, locale) : key;
  };
  const text = (key: string, value: unknown) => {
    if (key === "ownerId") return typeof value === "string" ? (actors.get(value) ?? "—") : null;
    if (key === "priority" || key === "currency") return typeof value === "string" ? value : null;
    return formatValue(
      form.fields.find((f) => f.key === key),
      value,
    );
  };

  return (
    <ul className="grid gap-1 rounded-md border bg-muted/30 px-3 py-2 text-xs" data-testid="timeline-changes">
      {shown.map(([key, { from, to }]) => {
        const before = text(key, from);
        const after = text(key, to);
        return (
          <li key={key} className="flex min-w-0 flex-wrap items-center gap-x-1.5 gap-y-0.5">
            <span className="text-muted-foreground">{label(key)}</span>
            {before !== null ? (
              <>
                <span className="min-w-0 break-words line-through decoration-muted-foreground/50">
                  {before}
                </span>
                <ArrowRightIcon className="size-3 shrink-0 text-muted-foreground" />
              </>
            ) : null}
            <span className="min-w-0 font-medium break-words">{after ?? t("timeline.cleared")}</span>
          </li>
        );
      })}
      {entries.length > SHOWN ? (
        <li>
          <button
            type="button"
            className="cursor-pointer font-medium text-primary hover:underline"
            onClick={() => setAll(!all)}
          >
            {all ? t("timeline.showLess") : t("timeline.showAll", { count: entries.length })}
          </button>
        </li>
      ) : null}
    </ul>
  );
}
