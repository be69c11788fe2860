"use client";

import { ArrowDownIcon, ArrowRightIcon, CheckIcon, SparklesIcon, TriangleAlertIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import { Badge } from "@/lib/ui/badge";
import { cn } from "@/lib/ui/cn";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import type { Mapping, MigrationPlan } from "./types";

/** The mapping the dialog starts from: every suggestion that found a target. */
export function suggestedMapping(plan: MigrationPlan): Mapping {
  return Object.fromEntries(plan.suggestions.flatMap((s) => (s.to ? [[s.from, s.to]] : [])));
}

/** States that hold open deals and have no target yet. */
export const unmappedStates = (plan: MigrationPlan, mapping: Mapping) =>
  plan.from.states.filter((s) => s.deals > 0 && !mapping[s.key]);

/** Step 1: each stage of the old version (with its open deals) and the stage of the new one it goes to. */
export function MappingStep({
  plan,
  mapping,
  onChange,
}: {
  plan: MigrationPlan;
  mapping: Mapping;
  onChange: (m: Mapping) => void;
}) {
  const t = useTranslations("migrations.dialog");
  const locale = useLocale();
  const suggestions = new Map(plan.suggestions.map((s) => [s.from, s]));
  const missing = unmappedStates(plan, mapping);
  const grid = "sm:grid-cols-[minmax(0,1fr)_4.5rem_1.25rem_minmax(0,1fr)]";
  return (
    <div className="grid gap-3">
      <div className={cn("hidden gap-3 px-3 text-xs font-medium text-muted-foreground sm:grid", grid)}>
        <span>{t("oldStage", { number: plan.from.number })}</span>
        <span className="text-right">{t("deals")}</span>
        <span />
        <span>{t("newStage", { number: plan.to.number })}</span>
      </div>
      <ul className="grid gap-2" data-testid="mapping-table">
        {plan.from.states.map((s) => {
          const target = mapping[s.key];
          const suggestion = suggestions.get(s.key);
          const needed = s.deals > 0 && !target;
          const note = !target
            ? { text: t("suggested.none"), tone: "text-[oklch(0.5_0.12_70)]", Icon: TriangleAlertIcon }
            : suggestion?.to === target && suggestion.by
              ? { text: t(`suggested.${suggestion.by}`), tone: "text-muted-foreground", Icon: SparklesIcon }
              : { text: t("suggested.changed"), tone: "text-primary", Icon: CheckIcon };
          return (
            <li
              key={s.key}
              className={cn(
                "grid items-center gap-x-3 gap-y-2 rounded-lg border p-3",
                grid,
                needed && "border-warning/60 bg-warning/5",
                s.deals === 0 && "bg-muted/30",
              )}
              data-testid="mapping-row"
              data-stage={s.key}
            >
              <div className="flex min-w-0 flex-wrap items-center gap-2">
                <span className="truncate font-medium">{localized(s.name, locale)}</span>
                {s.kind === "approval" ? <Badge variant="warning">{t("approval")}</Badge> : null}
                <span className="ml-auto text-xs text-muted-foreground tabular-nums sm:hidden">
                  {t("deals")}: {s.deals}
                </span>
              </div>
              <span
                className={cn(
                  "hidden text-right text-sm tabular-nums sm:block",
                  s.deals === 0 && "text-muted-foreground",
                )}
              >
                {s.deals}
              </span>
              <ArrowRightIcon className="hidden size-4 text-muted-foreground sm:block" aria-hidden />
              <ArrowDownIcon className="size-4 text-muted-foreground sm:hidden" aria-hidden />
              <div className="grid min-w-0 gap-1">
                <Select
                  value={target ?? ""}
                  onValueChange={(value) => onChange({ ...mapping, [s.key]: value })}
                >
                  <SelectTrigger
                    aria-label={t("newStage", { number: plan.to.number })}
                    data-testid="mapping-target"
                    className={cn(needed && "border-warning")}
                  >
                    <SelectValue placeholder={t("choose")} />
                  </SelectTrigger>
                  <SelectContent>
                    {plan.to.states.map((o) => (
                      <SelectItem key={o.key} value={o.key}>
                        {localized(o.name, locale)}
                        {o.kind === "approval" ? ` · ${t("approval")}` : ""}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
                <span className={cn("flex items-center gap-1 text-xs", note.tone)}>
                  <note.Icon className="size-3" aria-hidden />
                  {note.text}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
      {missing.length ? (
        <p role="status" className="text-sm text-[oklch(0.5_0.12_70)]" data-testid="mapping-unmapped">
          {t("unmapped", { count: missing.length })}
        </p>
      ) : null}
    </div>
  );
}
