"use client";

import { CheckCircle2Icon, CircleIcon, ClockIcon, LightbulbIcon, MessageSquarePlusIcon } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { localized } from "@/lib/i18n/localized";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { cn } from "@/lib/ui/cn";
import { useFeedbackLauncher } from "./feedback-launcher";
import { isSet, type DealData, type DealForm } from "./types";
import { useDealNow, useFieldFormatter } from "./use-deal-format";

const DAY = 86_400_000;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="grid gap-2">
      <h4 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{title}</h4>
      {children}
    </section>
  );
}

function Check({ done, children, testId }: { done: boolean; children: ReactNode; testId?: string }) {
  const Icon = done ? CheckCircle2Icon : CircleIcon;
  return (
    <li className="flex items-start gap-2 text-sm" data-testid={testId} data-done={done}>
      <Icon className={cn("mt-0.5 size-4 shrink-0", done ? "text-success" : "text-muted-foreground/50")} />
      <span className="min-w-0 break-words">{children}</span>
    </li>
  );
}

/** The current stage: its guidance (要点), exit checklist, required fields and time limit. */
export function StagePanel({ deal, form }: { deal: DealData; form: DealForm }) {
  const t = useTranslations("dealPage");
  const tf = useTranslations("feedback");
  const feedback = useFeedbackLauncher();
  const format = useFormatter();
  const locale = useLocale();
  const now = useDealNow(deal.deal.updatedAt);
  const formatValue = useFieldFormatter(deal.deal.currency);
  const key = deal.deal.stage;
  const info = form.stages.find((s) => s.key === key);
  const ticked = new Set(deal.deal.checklist[key] ?? []);
  const entered = deal.deal.stageEnteredAt;
  const deadline = info?.timeLimitDays ? new Date(entered.getTime() + info.timeLimitDays * DAY) : null;
  const overdue = deadline !== null && deadline < now && !deal.deal.closedAt;
  const name = deal.stage ? localized(deal.stage.name, locale) : key;

  return (
    <Card data-testid="stage-panel">
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-2">
        <div className="grid gap-1">
          <CardTitle>{t("stage.title", { stage: name })}</CardTitle>
          <CardDescription className="flex items-center gap-1.5">
            <ClockIcon className="size-3.5" />
            {t("stage.entered", { time: format.relativeTime(entered, now) })}
          </CardDescription>
        </div>
        <div className="flex items-center gap-2">
          {info ? <Badge variant="outline">{t("probability", { value: info.probability })}</Badge> : null}
          {feedback ? (
            <Button
              variant="ghost"
              size="sm"
              className="-my-1 text-muted-foreground hover:text-primary"
              onClick={() => feedback.open(key)}
              title={tf("onStage", { stage: name })}
              data-testid="stage-panel-feedback"
            >
              <MessageSquarePlusIcon />
              {tf("stageButton")}
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent className="grid gap-5">
        {info?.guidance ? (
          <div className="flex gap-3 rounded-lg border border-primary/15 bg-primary/5 p-3 text-sm leading-relaxed">
            <LightbulbIcon className="mt-0.5 size-4 shrink-0 text-primary" />
            <div>
              <div className="font-medium text-primary">{t("stage.guidance")}</div>
              <p className="mt-0.5 text-foreground/90" data-testid="stage-guidance">
                {localized(info.guidance, locale)}
              </p>
            </div>
          </div>
        ) : null}
        {deadline ? (
          <div
            data-testid="stage-time-limit"
            data-overdue={overdue}
            className={cn(
              "flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border px-3 py-2 text-sm",
              overdue && "border-destructive/30 bg-destructive/5 text-destructive",
            )}
          >
            <span className="font-medium">{t("stage.timeLimit", { days: info!.timeLimitDays! })}</span>
            <span className={cn(!overdue && "text-muted-foreground")}>
              {t(overdue ? "stage.overdue" : "stage.due", {
                date: format.dateTime(deadline, { dateStyle: "medium", timeStyle: "short" }),
                time: format.relativeTime(deadline, now),
              })}
            </span>
          </div>
        ) : null}
        {info && info.exitChecklist.length > 0 ? (
          <Section title={t("stage.checklist")}>
            <ul className="grid gap-1.5">
              {info.exitChecklist.map((item) => (
                <Check key={item.id} done={ticked.has(item.id)} testId={`checklist-${item.id}`}>
                  {localized(item.label, locale)}
                </Check>
              ))}
            </ul>
          </Section>
        ) : null}
        {info && info.requiredFields.length > 0 ? (
          <Section title={t("stage.requiredFields")}>
            <ul className="grid gap-1.5 sm:grid-cols-2">
              {info.requiredFields.map((k) => {
                const field = form.fields.find((f) => f.key === k);
                const value = deal.values[k];
                return (
                  <Check key={k} done={isSet(value)} testId={`required-${k}`}>
                    <span className="font-medium">{field ? localized(field.name, locale) : k}</span>
                    <span className="text-muted-foreground">
                      {" · "}
                      {isSet(value) ? formatValue(field, value) : t("stage.missing")}
                    </span>
                  </Check>
                );
              })}
            </ul>
          </Section>
        ) : null}
        {!info ? <p className="text-sm text-muted-foreground">{t("stage.waiting")}</p> : null}
        {info && !info.guidance && !deadline && !info.exitChecklist.length && !info.requiredFields.length ? (
          <p className="text-sm text-muted-foreground">{t("stage.nothing")}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}
