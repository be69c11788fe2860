"use client";

import { Maximize2Icon, TrophyIcon, XIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { leaderboard, type LeaderboardMetric } from "@/lib/analytics/adoption";
import { localized, localName } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import type { AdoptionData } from "./adoption-dashboard";
import { scoreTone } from "./adoption-kpis";
import { useFigures } from "./format";

const MEDALS = [
  "bg-[oklch(0.83_0.14_85)] text-[oklch(0.35_0.08_70)]",
  "bg-[oklch(0.87_0.01_250)] text-[oklch(0.35_0.02_250)]",
  "bg-[oklch(0.75_0.1_55)] text-[oklch(0.3_0.06_45)]",
];
const BAR = {
  none: "bg-muted-foreground/30",
  good: "bg-[oklch(0.62_0.14_155)]",
  fair: "bg-[oklch(0.75_0.14_75)]",
  poor: "bg-destructive/80",
} as const;

/**
 * The leaderboard a manager shows the team (full screen, big type, nothing to click but the
 * switch between the two rankings): reps ranked by compliance score or by deals touched in the
 * period, with the score's definition underneath so nobody has to ask.
 */
export function Leaderboard({
  data,
  metric,
  teamLabel,
  onMetric,
  onClose,
}: {
  data: AdoptionData;
  metric: LeaderboardMetric;
  teamLabel: string | null;
  onMetric: (metric: LeaderboardMetric) => void;
  onClose: () => void;
}) {
  const t = useTranslations("analytics");
  const locale = useLocale();
  const f = useFigures();
  const ref = useRef<HTMLDivElement>(null);
  const ranked = leaderboard(data.people, metric);
  const most = Math.max(1, ...ranked.map((r) => r.value ?? 0));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && !document.fullscreenElement) onClose();
    };
    document.addEventListener("keydown", onKey);
    const overflow = document.body.style.overflow;
    document.body.style.overflow = "hidden";
    ref.current?.focus();
    return () => {
      document.removeEventListener("keydown", onKey);
      document.body.style.overflow = overflow;
    };
  }, [onClose]);

  const close = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    onClose();
  };
  const teamsOf = (ids: string[]) =>
    ids
      .map((id) => data.teams.find((x) => x.id === id))
      .filter((x) => x !== undefined)
      .map((x) => localName(x, locale))
      .join(" · ");

  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="dialog"
      aria-modal="true"
      aria-label={t("adoption.leaderboard.title")}
      className="fixed inset-0 z-50 overflow-y-auto bg-background outline-none print:static print:overflow-visible"
      data-testid="leaderboard"
    >
      <div className="mx-auto flex min-h-full max-w-5xl flex-col px-4 py-6 sm:px-10 sm:py-10">
        <header className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h2 className="flex items-center gap-3 text-2xl font-semibold tracking-tight sm:text-4xl">
              <TrophyIcon className="size-7 shrink-0 text-[oklch(0.75_0.15_80)] sm:size-10" aria-hidden />
              {t("adoption.leaderboard.title")}
            </h2>
            <p className="mt-2 text-sm text-muted-foreground sm:text-lg">
              {[
                localized(data.pipeline.name, locale),
                t("filters.periodLabel", {
                  from: f.date(data.period.from),
                  to: f.date(new Date(data.period.to.getTime() - 1)),
                }),
                teamLabel,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
          </div>
          <div className="flex items-center gap-2 print:hidden">
            <div
              role="radiogroup"
              aria-label={t("adoption.leaderboard.rankBy")}
              className="inline-flex rounded-lg border bg-muted/40 p-0.5"
            >
              {(["score", "touched"] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  role="radio"
                  aria-checked={metric === m}
                  onClick={() => onMetric(m)}
                  data-testid={`rank-by-${m}`}
                  className={cn(
                    "rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors",
                    metric === m ? "bg-background shadow-sm" : "text-muted-foreground hover:text-foreground",
                  )}
                >
                  {t(`adoption.leaderboard.by.${m}`)}
                </button>
              ))}
            </div>
            <Button
              variant="outline"
              size="icon"
              className="hidden sm:inline-flex"
              aria-label={t("adoption.leaderboard.fullScreen")}
              title={t("adoption.leaderboard.fullScreen")}
              onClick={() => void ref.current?.requestFullscreen?.().catch(() => undefined)}
            >
              <Maximize2Icon />
            </Button>
            <Button
              variant="outline"
              size="icon"
              aria-label={t("adoption.leaderboard.close")}
              title={t("adoption.leaderboard.close")}
              onClick={close}
              data-testid="close-leaderboard"
            >
              <XIcon />
            </Button>
          </div>
        </header>

        {ranked.length === 0 ? (
          <p className="mt-16 text-center text-lg text-muted-foreground">{t("adoption.leaderboard.empty")}</p>
        ) : (
          <ol className="mt-8 space-y-3 sm:mt-10 sm:space-y-4" data-testid="leaderboard-list">
            {ranked.map((r) => {
              const share = r.value === null ? 0 : (r.value / (metric === "score" ? 100 : most)) * 100;
              const tone = metric === "score" ? scoreTone(r.value) : "good";
              return (
                <li
                  key={r.id}
                  className="flex items-center gap-3 rounded-xl border bg-card px-3 py-3 break-inside-avoid sm:gap-5 sm:px-5 sm:py-4"
                  data-testid="leaderboard-row"
                  data-rank={r.rank}
                >
                  <span
                    className={cn(
                      "flex size-9 shrink-0 items-center justify-center rounded-full text-base font-bold tabular-nums sm:size-12 sm:text-xl",
                      r.rank <= 3 ? MEDALS[r.rank - 1] : "bg-muted text-muted-foreground",
                    )}
                  >
                    {r.rank}
                  </span>
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-baseline gap-x-3">
                      <span className="truncate text-lg font-semibold sm:text-2xl" data-column="name">
                        {r.name}
                      </span>
                      <span className="truncate text-xs text-muted-foreground sm:text-sm">
                        {teamsOf(r.teamIds)}
                      </span>
                    </div>
                    <div className="mt-2 h-2 overflow-hidden rounded-full bg-muted sm:h-3">
                      <div
                        className={cn("h-full rounded-full", metric === "score" ? BAR[tone] : "bg-primary")}
                        style={{ width: `${Math.max(0, Math.min(100, share))}%` }}
                      />
                    </div>
                    <div className="mt-1.5 text-xs text-muted-foreground sm:text-sm">
                      {t("adoption.leaderboard.details", {
                        touched: r.touched,
                        stale: r.stale,
                        onTime: f.percent(r.onTimeRate),
                        refused: r.refused,
                      })}
                    </div>
                  </div>
                  <div className="shrink-0 text-right">
                    <div className="text-2xl font-semibold tabular-nums sm:text-4xl" data-column="value">
                      {r.value === null ? "—" : f.number(r.value)}
                    </div>
                    <div className="text-xs text-muted-foreground sm:text-sm">
                      {t(`adoption.leaderboard.unit.${metric}`)}
                    </div>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        <footer className="mt-auto pt-8 text-xs leading-relaxed text-muted-foreground sm:text-sm">
          {metric === "score" ? t("adoption.defs.score") : t("adoption.defs.touched")}
        </footer>
      </div>
    </div>
  );
}
