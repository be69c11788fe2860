"use client";

import { CircleHelpIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { Popover, PopoverContent, PopoverTrigger } from "@/lib/ui/popover";

export type Definition =
  | "scope"
  | "mode"
  | "reached"
  | "amount"
  | "conversion"
  | "fromFirst"
  | "entered"
  | "skipped"
  | "openHere"
  | "lostHere"
  | "side"
  | "visits"
  | "percentiles"
  | "mean"
  | "breached"
  | "passRate"
  | "openNow"
  | "bottlenecks"
  | "winRate"
  | "averageWon"
  | "cycle"
  | "weighted"
  | "forecast"
  | "targets";

/** The Adoption tab's figures (their texts under analytics.adoption.defs). */
export type AdoptionTerm =
  | "rows"
  | "touched"
  | "actions"
  | "stale"
  | "pastLimit"
  | "onTime"
  | "refused"
  | "firstTime"
  | "score"
  | "reasons"
  | "byStage";

export type HelpTerm = Definition | `adoption.${AdoptionTerm}`;

/** The ⓘ beside a figure: what it counts, as docs/analytics.md defines it. */
export function Help({ term, label }: { term: HelpTerm; label?: string }) {
  const t = useTranslations("analytics");
  const key = term.startsWith("adoption.")
    ? `adoption.defs.${term.slice("adoption.".length)}`
    : `defs.${term}`;
  return (
    <Popover>
      <PopoverTrigger
        className="inline-flex size-5 shrink-0 items-center justify-center rounded-full align-middle text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring print:hidden"
        aria-label={`${t("help")}${label ? `: ${label}` : ""}`}
        data-testid={`help-${term.replace(".", "-")}`}
      >
        <CircleHelpIcon className="size-3.5" />
      </PopoverTrigger>
      <PopoverContent className="leading-relaxed">
        {label ? <p className="mb-1 font-medium">{label}</p> : null}
        <p className="text-muted-foreground">{t(key)}</p>
      </PopoverContent>
    </Popover>
  );
}
