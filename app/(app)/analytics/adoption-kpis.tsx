"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card, CardContent } from "@/lib/ui/card";
import { cn } from "@/lib/ui/cn";
import type { AdoptionData } from "./adoption-dashboard";
import { DrillNumber } from "./drill";
import { useFigures } from "./format";
import { Help, type AdoptionTerm } from "./help";

/** The colour a score reads in: good from 80, fair from 60, else poor. */
export const scoreTone = (score: number | null) =>
  score === null ? "none" : score >= 80 ? "good" : score >= 60 ? "fair" : "poor";

export const SCORE_TEXT = {
  none: "text-muted-foreground",
  good: "text-[oklch(0.5_0.13_155)]",
  fair: "text-[oklch(0.55_0.12_70)]",
  poor: "text-destructive",
} as const;

/** The figures at the top of the Adoption tab, for everyone in the rows. */
export function AdoptionKpis({ data }: { data: AdoptionData }) {
  const t = useTranslations("analytics");
  const f = useFigures();
  const total = data.total;
  const staleDays = data.staleDays;
  const everyone = t("adoption.drill.everyone");
  const drillTitle = (measure: string) => t(`adoption.drill.${measure}`, { who: everyone });
  const number = (
    measure: "touched" | "stale" | "pastLimit" | "refused" | "onTime",
    n: number,
    shown: ReactNode = f.number(n),
  ) => (
    <DrillNumber
      figure={{ kind: "adoption", measure, staleDays }}
      title={drillTitle(measure)}
      disabled={n === 0}
    >
      {shown}
    </DrillNumber>
  );
  const tiles: {
    key: string;
    term: AdoptionTerm;
    label: string;
    value: ReactNode;
    sub: string;
    tone?: string;
  }[] = [
    {
      key: "score",
      term: "score",
      label: t("adoption.kpi.score"),
      value: total.score === null ? "—" : String(total.score),
      sub: t("adoption.kpi.scoreSub"),
      tone: SCORE_TEXT[scoreTone(total.score)],
    },
    {
      key: "touched",
      term: "touched",
      label: t("adoption.kpi.touched"),
      value: number("touched", total.touched),
      sub: t("adoption.kpi.active", { active: total.active, members: total.members }),
    },
    {
      key: "stale",
      term: "stale",
      label: t("adoption.kpi.stale"),
      value: number("stale", total.stale),
      sub: t("adoption.kpi.ofOpen", {
        open: total.open,
        share: f.percent(total.open ? total.stale / total.open : null),
      }),
    },
    {
      key: "pastLimit",
      term: "pastLimit",
      label: t("adoption.kpi.pastLimit"),
      value: number("pastLimit", total.pastLimit),
      sub: t("adoption.kpi.ofOpen", {
        open: total.open,
        share: f.percent(total.open ? total.pastLimit / total.open : null),
      }),
    },
    {
      key: "onTime",
      term: "onTime",
      label: t("adoption.kpi.onTime"),
      value: f.percent(total.onTimeRate),
      sub: t("adoption.kpi.onTimeSub", { onTime: total.onTime, exits: total.onTime + total.late }),
    },
    {
      key: "refused",
      term: "refused",
      label: t("adoption.kpi.refused"),
      value: number("refused", data.refusals.attempts),
      sub: t("adoption.kpi.firstTime", { share: f.percent(total.firstTimeRate) }),
    },
  ];
  return (
    <div
      className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6 print:grid-cols-6"
      data-testid="adoption-kpis"
    >
      {tiles.map((k) => (
        <Card key={k.key} className="break-inside-avoid print:shadow-none">
          <CardContent className="p-4">
            <div className="flex items-center gap-1 text-xs font-medium text-muted-foreground">
              <span className="truncate">{k.label}</span>
              <Help term={`adoption.${k.term}`} label={k.label} />
            </div>
            <div
              className={cn("mt-1 text-2xl font-semibold tabular-nums", k.tone)}
              data-testid={`adoption-kpi-${k.key}`}
            >
              {k.value}
            </div>
            <div className="mt-0.5 truncate text-xs text-muted-foreground" title={k.sub}>
              {k.sub}
            </div>
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
