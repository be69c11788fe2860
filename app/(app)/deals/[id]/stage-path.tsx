"use client";

import {
  CheckIcon,
  CircleDotIcon,
  HourglassIcon,
  MessageSquarePlusIcon,
  TrophyIcon,
  XIcon,
} from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import { cn } from "@/lib/ui/cn";
import { useFeedbackLauncher } from "./feedback-launcher";
import type { DealData, DealForm, StageInfo } from "./types";

type Status = "done" | "current" | "ahead" | "skipped";

/**
 * Where the deal is on its way: the stage it is in, or — while it waits at an approval or a
 * decision — the stage it came from.
 */
export function pathPosition(deal: DealData, form: DealForm) {
  const current = deal.deal.stage;
  if (form.stages.some((s) => s.key === current)) return { stage: current, waitingAt: null };
  const last = [...deal.events].reverse().find((e) => e.toStage === current);
  return {
    stage: last?.fromStage ?? current,
    waitingAt: form.checkpoints.find((c) => c.key === current) ?? null,
  };
}

function statusOf(stage: StageInfo, index: number, currentIndex: number, visited: Set<string>): Status {
  if (index === currentIndex) return "current";
  if (index > currentIndex || currentIndex < 0) return "ahead";
  return visited.has(stage.key) ? "done" : "skipped";
}

const BAR: Record<Status, string> = {
  done: "bg-primary/55",
  current: "bg-primary",
  ahead: "bg-muted-foreground/15",
  skipped: "bg-muted-foreground/15",
};

/**
 * The stages in order as a segmented bar: done, current, ahead; it wraps into rows on a phone.
 * Each stage offers feedback on it (the current one always, the others on hover; all on touch).
 */
export function StagePath({ deal, form }: { deal: DealData; form: DealForm }) {
  const t = useTranslations("dealPage");
  const tf = useTranslations("feedback");
  const feedback = useFeedbackLauncher();
  const locale = useLocale();
  const { stage: currentKey, waitingAt } = pathPosition(deal, form);
  const currentIndex = form.stages.findIndex((s) => s.key === currentKey);
  const visited = new Set(deal.events.flatMap((e) => [e.fromStage, e.toStage]).filter(Boolean) as string[]);

  return (
    <div className="grid gap-3">
      <ol
        aria-label={t("path")}
        data-testid="stage-path"
        className="grid grid-cols-[repeat(auto-fit,minmax(5.25rem,1fr))] gap-x-1.5 gap-y-4"
      >
        {form.stages.map((stage, i) => {
          const status = statusOf(stage, i, currentIndex, visited);
          const closedHere = status === "current" && stage.outcome !== "open";
          const Icon =
            status === "done"
              ? CheckIcon
              : closedHere
                ? stage.outcome === "won"
                  ? TrophyIcon
                  : XIcon
                : status === "current"
                  ? CircleDotIcon
                  : null;
          return (
            <li
              key={stage.key}
              data-status={status}
              aria-current={status === "current" ? "step" : undefined}
              className="group min-w-0"
            >
              <div
                className={cn(
                  "h-1.5 rounded-full",
                  BAR[status],
                  closedHere && (stage.outcome === "won" ? "bg-success" : "bg-muted-foreground/60"),
                )}
              />
              <div
                className={cn(
                  "mt-2 flex items-start gap-1 text-xs leading-snug",
                  status === "current" ? "font-semibold text-primary" : "text-muted-foreground",
                  status === "done" && "text-foreground",
                  status === "skipped" && "text-muted-foreground/70",
                  closedHere &&
                    (stage.outcome === "won" ? "text-[oklch(0.42_0.12_155)]" : "text-muted-foreground"),
                )}
              >
                {Icon ? <Icon className="mt-px size-3.5 shrink-0" /> : null}
                <span className="break-words">{localized(stage.name, locale)}</span>
              </div>
              <div className="mt-0.5 flex items-center justify-between gap-1">
                <span className="text-[11px] tabular-nums text-muted-foreground/80">
                  {t("probabilityShort", { value: stage.probability })}
                </span>
                {feedback ? (
                  <button
                    type="button"
                    onClick={() => feedback.open(stage.key)}
                    title={tf("onStage", { stage: localized(stage.name, locale) })}
                    aria-label={tf("onStage", { stage: localized(stage.name, locale) })}
                    data-testid="stage-feedback"
                    data-stage={stage.key}
                    className={cn(
                      "-my-1 -mr-1 flex size-6 shrink-0 items-center justify-center rounded-md text-muted-foreground/70 transition hover:bg-primary/10 hover:text-primary focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none group-hover:opacity-100 [@media(hover:none)]:opacity-100",
                      status === "current" ? "opacity-100" : "opacity-0",
                    )}
                  >
                    <MessageSquarePlusIcon className="size-3.5" aria-hidden />
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      {waitingAt ? (
        <p className="flex items-center gap-1.5 text-sm font-medium text-[oklch(0.45_0.1_70)]">
          <HourglassIcon className="size-4" />
          {t(waitingAt.kind === "approval" ? "waitingApproval" : "waitingDecision", {
            name: localized(waitingAt.name, locale),
          })}
        </p>
      ) : null}
    </div>
  );
}
