"use client";

import {
  BriefcaseBusinessIcon,
  CheckIcon,
  ChevronDownIcon,
  EyeOffIcon,
  LightbulbIcon,
  MessageSquareReplyIcon,
  RocketIcon,
  Undo2Icon,
  UserRoundIcon,
  XIcon,
  type LucideIcon,
} from "lucide-react";
import { useFormatter, useLocale, useNow, useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { localized } from "@/lib/i18n/localized";
import { FEEDBACK_TRANSITIONS, type FeedbackStatus } from "@/lib/feedback/status";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import { FeedbackHistory } from "./feedback-history";
import { FeedbackStatusBadge } from "./status-badge";
import type { FeedbackItem } from "./types";

/** The first step offered is the one most triagers take next; the others are quieter. */
const PRIMARY: Partial<Record<FeedbackStatus, FeedbackStatus>> = { open: "accepted", accepted: "shipped" };

const STEP_ICON: Record<FeedbackStatus, LucideIcon> = {
  accepted: CheckIcon,
  declined: XIcon,
  shipped: RocketIcon,
  open: Undo2Icon,
};

/** The stage (and rule, action or field) feedback is about, as small labelled chips. */
export function FeedbackAbout({ item }: { item: FeedbackItem }) {
  const t = useTranslations("feedback");
  const locale = useLocale();
  return (
    <>
      <span
        className="inline-flex max-w-full items-center gap-1 rounded-md bg-muted px-2 py-0.5 text-xs font-medium text-foreground"
        data-testid="feedback-stage"
        data-key={item.stage.key}
      >
        <span className="truncate">
          {item.stage.name ? localized(item.stage.name, locale) : item.stage.key}
        </span>
      </span>
      {item.subject ? (
        <span
          className="inline-flex max-w-full items-center gap-1 rounded-md border px-2 py-0.5 text-xs text-muted-foreground"
          data-testid="feedback-subject"
        >
          <span>{t(`subjectKind.${item.subject.kind}`)}</span>
          <span aria-hidden>·</span>
          <span className="truncate font-medium text-foreground">
            {item.subject.name ? localized(item.subject.name, locale) : item.subject.key}
          </span>
        </span>
      ) : null}
    </>
  );
}

/** Who sent it, as far as the reader may know: a name, "you", or anonymous. */
function Author({ item }: { item: FeedbackItem }) {
  const t = useTranslations("feedback");
  const name = item.mine ? t("card.you") : item.author?.name;
  if (!item.anonymous)
    return (
      <span className="inline-flex min-w-0 items-center gap-1" data-testid="feedback-author">
        <UserRoundIcon className="size-3.5 shrink-0" aria-hidden />
        <span className="truncate">{name}</span>
      </span>
    );
  return (
    <span
      className="inline-flex min-w-0 items-center gap-1"
      title={t("card.anonymousTitle")}
      data-testid="feedback-author"
      data-anonymous
    >
      <EyeOffIcon className="size-3.5 shrink-0" aria-hidden />
      <span className="truncate">{name ? t("card.anonymousNamed", { name }) : t("card.anonymous")}</span>
    </span>
  );
}

/**
 * One piece of feedback: its status, what it is about (stage, rule/action/field, pipeline and
 * version), what is wrong and the suggestion, the reply and where it shipped, who sent it and
 * from which deal; for triagers, the next steps; for everyone, its history on request.
 */
export function FeedbackCard({
  item,
  onTriage,
  compact = false,
}: {
  item: FeedbackItem;
  /** Offered to admins and trainers: opens the triage dialog for a next status. */
  onTriage?: (item: FeedbackItem, to: FeedbackStatus) => void;
  /** In the editor's narrow panel: no pipeline name, the history toggle stays. */
  compact?: boolean;
}) {
  const t = useTranslations("feedback");
  const format = useFormatter();
  const locale = useLocale();
  const now = useNow({ updateInterval: 60_000 });
  const [showHistory, setShowHistory] = useState(false);
  const sent = item.createdAt > now ? now : item.createdAt;
  const next = FEEDBACK_TRANSITIONS[item.status];
  const ordered = [...next].sort(
    (a, b) => Number(b === PRIMARY[item.status]) - Number(a === PRIMARY[item.status]),
  );

  return (
    <article
      className="grid min-w-0 gap-3 rounded-xl border bg-card p-4 shadow-xs sm:p-5"
      data-testid="feedback-card"
      data-id={item.id}
      data-status={item.status}
    >
      <header className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1.5">
        <FeedbackStatusBadge status={item.status} />
        <FeedbackAbout item={item} />
        <span className="ml-auto flex shrink-0 items-center gap-1.5 text-xs text-muted-foreground">
          {!compact ? (
            <span className="hidden sm:inline">{localized(item.pipeline.name, locale)} ·</span>
          ) : null}
          <span title={t("card.givenOnTitle", { number: item.givenOn.number })} className="tabular-nums">
            {t("card.givenOn", { number: item.givenOn.number })}
          </span>
          <span aria-hidden>·</span>
          <time
            dateTime={item.createdAt.toISOString()}
            title={format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" })}
          >
            {format.relativeTime(sent, now)}
          </time>
        </span>
      </header>

      <p
        className="text-sm leading-relaxed font-medium break-words whitespace-pre-line text-foreground"
        data-testid="feedback-problem"
      >
        {item.problem}
      </p>
      {item.suggestion ? (
        <div className="flex gap-2.5 rounded-lg bg-primary/5 px-3 py-2.5 text-sm leading-relaxed">
          <LightbulbIcon className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
          <div className="min-w-0">
            <div className="text-xs font-medium text-primary">{t("card.suggestion")}</div>
            <p className="break-words whitespace-pre-line text-foreground/90">{item.suggestion}</p>
          </div>
        </div>
      ) : null}
      {item.reply || item.shippedIn ? (
        <div
          className="grid gap-1.5 rounded-lg border border-dashed px-3 py-2.5 text-sm leading-relaxed"
          data-testid="feedback-reply"
        >
          {item.shippedIn ? (
            <div className="flex items-center gap-1.5 font-medium text-[oklch(0.42_0.12_155)]">
              <RocketIcon className="size-4 shrink-0" aria-hidden />
              {t("card.shippedIn", { number: item.shippedIn.number })}
            </div>
          ) : null}
          {item.reply ? (
            <div className="flex gap-2.5">
              <MessageSquareReplyIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
              <div className="min-w-0">
                <div className="text-xs font-medium text-muted-foreground">
                  {item.decidedBy ? t("card.reply", { name: item.decidedBy }) : t("card.replyNoName")}
                </div>
                <p className="break-words whitespace-pre-line">{item.reply}</p>
              </div>
            </div>
          ) : null}
        </div>
      ) : null}

      <footer className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-2 text-xs text-muted-foreground">
        <Author item={item} />
        {item.deal ? (
          <Link
            href={`/deals/${item.deal.id}`}
            className="inline-flex min-w-0 items-center gap-1 hover:text-primary hover:underline"
            data-testid="feedback-deal"
          >
            <BriefcaseBusinessIcon className="size-3.5 shrink-0" aria-hidden />
            <span className="max-w-56 truncate">{item.deal.title}</span>
          </Link>
        ) : null}
        <button
          type="button"
          onClick={() => setShowHistory((s) => !s)}
          aria-expanded={showHistory}
          className="inline-flex items-center gap-0.5 font-medium hover:text-foreground"
          data-testid="feedback-history-toggle"
        >
          {t(showHistory ? "card.hideHistory" : "card.history")}
          <ChevronDownIcon
            className={cn("size-3.5 transition-transform", showHistory && "rotate-180")}
            aria-hidden
          />
        </button>
        {onTriage && ordered.length ? (
          <div className="flex w-full flex-wrap gap-2 sm:ml-auto sm:w-auto sm:justify-end">
            {ordered.map((to) => (
              <Button
                key={to}
                size="sm"
                variant={to === PRIMARY[item.status] ? "default" : to === "open" ? "ghost" : "outline"}
                className="flex-1 sm:flex-none"
                onClick={() => onTriage(item, to)}
                data-testid={`feedback-to-${to}`}
              >
                {(() => {
                  const Icon = STEP_ICON[to];
                  return <Icon />;
                })()}
                {t(`actions.${to}`)}
              </Button>
            ))}
          </div>
        ) : null}
      </footer>
      {showHistory ? <FeedbackHistory item={item} /> : null}
    </article>
  );
}
