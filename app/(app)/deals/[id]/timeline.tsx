"use client";

import {
  AlarmClockIcon,
  ArrowRightIcon,
  MessageSquareIcon,
  PencilIcon,
  PlusIcon,
  RotateCcwIcon,
  ShieldCheckIcon,
  UploadIcon,
  type LucideIcon,
} from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { localized } from "@/lib/i18n/localized";
import { Card, CardContent, CardHeader, CardTitle } from "@/lib/ui/card";
import { cn } from "@/lib/ui/cn";
import { CommentText } from "./comment-box";
import { isNextStepChange, NextStepChange } from "./next-step";
import { isMigrationEvent, MIGRATION_ICONS, MigrationMove, useMigrationTitle } from "./timeline-migration";
import { TimelineChanges } from "./timeline-changes";
import type { DealData, DealEvent, DealForm } from "./types";
import { useDealNow } from "./use-deal-format";

const ICON: Record<string, { icon: LucideIcon; tone: string }> = {
  created: { icon: PlusIcon, tone: "bg-primary/10 text-primary" },
  action: { icon: ArrowRightIcon, tone: "bg-primary/10 text-primary" },
  approval: { icon: ShieldCheckIcon, tone: "bg-warning/20 text-[oklch(0.45_0.1_70)]" },
  timeLimit: { icon: AlarmClockIcon, tone: "bg-destructive/10 text-destructive" },
  comment: { icon: MessageSquareIcon, tone: "bg-muted text-muted-foreground" },
  reopen: { icon: RotateCcwIcon, tone: "bg-warning/20 text-[oklch(0.45_0.1_70)]" },
  import: { icon: UploadIcon, tone: "bg-primary/10 text-primary" },
  update: { icon: PencilIcon, tone: "bg-muted text-muted-foreground" },
  ...MIGRATION_ICONS,
};

/** The deal's history, newest first: who did what, from which stage to which, and what changed. */
export function Timeline({ deal, form }: { deal: DealData; form: DealForm }) {
  const t = useTranslations("dealPage");
  const ta = useTranslations("dealActivity.timeline");
  const ti = useTranslations("imports");
  const format = useFormatter();
  const locale = useLocale();
  const now = useDealNow(deal.deal.updatedAt);
  const migrationTitle = useMigrationTitle();
  const actors = new Map(form.actors.map((a) => [a.id, a.name]));
  const keys = new Map(form.apiKeys.map((k) => [k.id, k.name]));
  const stateName = (key: string | null) => {
    if (!key) return null;
    const named = form.stages.find((s) => s.key === key) ?? form.checkpoints.find((c) => c.key === key);
    return named ? localized(named.name, locale) : key;
  };
  const actorName = (id: string | null) =>
    id === null
      ? t("timeline.system")
      : (actors.get(id) ?? (id === deal.deal.ownerId ? deal.ownerName : null) ?? "—");
  const title = (e: DealEvent) => {
    if (e.type === "created") return t("timeline.created");
    if (isMigrationEvent(e)) return migrationTitle(e);
    if (e.type === "timeLimit") return t("timeline.timeLimit");
    if (e.type === "comment") return ta("comment");
    if (e.type === "reopen") return ta("reopen");
    if (e.type === "import") return ti("timelineEvent");
    if (e.type === "update" && isNextStepChange(e.changes)) return ta("nextStep");
    if (e.type === "update") return t("timeline.edited");
    if (e.action === "approve" || e.action === "reject") return t(`timeline.${e.action}`);
    const action = form.actions.find((a) => a.key === e.action);
    return action ? localized(action.name, locale) : (e.action ?? e.type);
  };
  const events = [...deal.events].reverse();

  return (
    <Card className="min-w-0 self-start" data-testid="timeline">
      <CardHeader>
        <CardTitle>{t("timeline.title")}</CardTitle>
      </CardHeader>
      <CardContent>
        <ol className="grid">
          {events.map((e, i) => {
            const { icon: Icon, tone } = ICON[e.type] ?? ICON.action!;
            // A time limit that passes leaves the deal where it is: name the stage once.
            const from = e.fromStage === e.toStage ? null : stateName(e.fromStage);
            const to = stateName(e.toStage);
            return (
              <li key={e.id} className="relative flex gap-3 pb-5 last:pb-0" data-testid="timeline-event">
                {i < events.length - 1 ? (
                  <span className="absolute top-8 bottom-0 left-[0.9375rem] w-px bg-border" aria-hidden />
                ) : null}
                <span className={cn("flex size-8 shrink-0 items-center justify-center rounded-full", tone)}>
                  <Icon className="size-4" />
                </span>
                <div className="grid min-w-0 flex-1 gap-1 pt-1">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-2">
                    <span className="text-sm font-medium">{title(e)}</span>
                    <time
                      dateTime={e.at.toISOString()}
                      title={format.dateTime(e.at, { dateStyle: "medium", timeStyle: "short" })}
                      className="text-xs whitespace-nowrap text-muted-foreground"
                    >
                      {format.relativeTime(e.at, now)}
                    </time>
                  </div>
                  <div className="text-xs text-muted-foreground">
                    {e.apiKeyId
                      ? t("timeline.apiKey", { name: keys.get(e.apiKeyId) ?? "—" })
                      : actorName(e.actorId)}
                  </div>
                  {isMigrationEvent(e) ? (
                    <MigrationMove event={e} form={form} />
                  ) : to && (e.type !== "created" || from) ? (
                    <div className="flex flex-wrap items-center gap-1.5 text-xs" data-testid="timeline-move">
                      {from ? <span className="rounded bg-muted px-1.5 py-0.5">{from}</span> : null}
                      {from ? <ArrowRightIcon className="size-3 text-muted-foreground" /> : null}
                      <span className="rounded bg-primary/10 px-1.5 py-0.5 font-medium text-primary">
                        {to}
                      </span>
                    </div>
                  ) : to ? (
                    <div className="text-xs text-muted-foreground">
                      {t("timeline.startedIn", { stage: to })}
                    </div>
                  ) : null}
                  {e.changes && isNextStepChange(e.changes) ? (
                    <NextStepChange changes={e.changes} />
                  ) : e.changes && !isMigrationEvent(e) ? (
                    <TimelineChanges deal={deal} form={form} changes={e.changes} />
                  ) : null}
                  {e.comment ? (
                    <blockquote className="rounded-md border-l-2 border-primary/40 bg-muted/50 px-3 py-1.5 text-sm break-words whitespace-pre-wrap">
                      {e.type === "comment" ? (
                        <CommentText dealId={deal.deal.id} text={e.comment} />
                      ) : (
                        e.comment
                      )}
                    </blockquote>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      </CardContent>
    </Card>
  );
}
