"use client";

import { ArrowRightIcon, CircleAlertIcon, LockIcon, Loader2Icon, PencilLineIcon } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { localized } from "@/lib/i18n/localized";
import { Button } from "@/lib/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { ActionDialog } from "./action-dialog";
import { ClosedSummary } from "./closed-summary";
import { closesAs, destinations, useTargetNames } from "./destinations";
import { isFixable, type DealAction, type DealData, type DealForm } from "./types";
import { useApplyAction } from "./use-apply-action";

/** One button per action the stage offers, with what it still needs or why it is refused. */
export function DealActions({ deal, form }: { deal: DealData; form: DealForm }) {
  const t = useTranslations("dealPage");
  const format = useFormatter();
  const locale = useLocale();
  const targetNames = useTargetNames(form);
  const { apply, reload, pending } = useApplyAction(deal, form);
  const [open, setOpen] = useState<DealAction | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const fieldName = (key: string) => {
    const f = form.fields.find((x) => x.key === key);
    return f ? localized(f.name, locale) : key;
  };
  const checklistLabel = (id: string) => {
    const item = form.stages.flatMap((s) => s.exitChecklist).find((i) => i.id === id);
    return item ? localized(item.label, locale) : id;
  };
  const asksFor = (a: DealAction) =>
    a.missingFields.length > 0 ||
    a.missingChecklist.length > 0 ||
    closesAs(a, form) !== null ||
    (form.actions.find((x) => x.key === a.key)?.conditionFields.length ?? 0) > 0;

  async function run(action: DealAction) {
    if (asksFor(action)) return setOpen(action);
    setRunning(action.key);
    const failure = await apply({ action: action.key });
    setRunning(null);
    if (!failure) return;
    if (failure.kind === "conflict")
      toast.error(failure.message, { action: { label: t("reload"), onClick: () => void reload() } });
    else if (failure.kind === "refused")
      toast.error(failure.message, {
        description: failure.reasons.map((r) => localized(r.message, locale)).join(" "),
      });
    else toast.error(failure.message);
  }

  const closed = deal.stage?.kind === "stage" && deal.stage.outcome !== "open";
  return (
    <Card data-testid="deal-actions">
      <CardHeader>
        <CardTitle>{t("actions.title")}</CardTitle>
        <CardDescription>{closed ? t("actions.closed") : t("actions.hint")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2.5">
        {closed ? <ClosedSummary deal={deal} form={form} /> : null}
        {!closed && deal.actions.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("actions.none")}</p>
        ) : null}
        {deal.actions.map((action) => {
          const blocked = !action.enabled && !action.reasons.every(isFixable);
          const closing = closesAs(action, form);
          const needs = [
            ...action.missingFields.map(fieldName),
            ...action.missingChecklist.map(checklistLabel),
          ];
          return (
            <div
              key={action.key}
              data-testid={`action-${action.key}`}
              className="flex flex-col gap-3 rounded-lg border bg-muted/20 p-3 sm:flex-row sm:items-center"
            >
              <Button
                className="sm:w-36"
                variant={closing === "lost" ? "outline" : "default"}
                disabled={blocked || pending}
                onClick={() => void run(action)}
              >
                {running === action.key ? <Loader2Icon className="animate-spin" /> : null}
                {localized(action.name, locale)}
              </Button>
              <div className="grid min-w-0 gap-1 text-sm">
                <div className="flex items-center gap-1.5 text-muted-foreground">
                  <ArrowRightIcon className="size-3.5 shrink-0" />
                  <span className="min-w-0 break-words">
                    {format.list(targetNames(destinations(action, form)), { type: "disjunction" })}
                  </span>
                </div>
                {blocked ? (
                  <ul className="grid gap-0.5" data-testid="action-reasons">
                    {action.reasons.map((r, i) => (
                      <li key={i} className="flex items-start gap-1.5 text-destructive">
                        <LockIcon className="mt-0.5 size-3.5 shrink-0" />
                        <span className="min-w-0 break-words">{localized(r.message, locale)}</span>
                      </li>
                    ))}
                  </ul>
                ) : needs.length ? (
                  <p
                    className="flex items-start gap-1.5 text-[oklch(0.45_0.1_70)]"
                    data-testid="action-needs"
                  >
                    <PencilLineIcon className="mt-0.5 size-3.5 shrink-0" />
                    <span className="min-w-0 break-words">
                      {t("actions.needs", { items: format.list(needs, { type: "conjunction" }) })}
                    </span>
                  </p>
                ) : closing ? (
                  <p className="flex items-start gap-1.5 text-muted-foreground">
                    <CircleAlertIcon className="mt-0.5 size-3.5 shrink-0" />
                    {t(closing === "won" ? "actions.closesWon" : "actions.closesLost")}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </CardContent>
      {open ? (
        <ActionDialog
          key={open.key}
          action={open}
          deal={deal}
          form={form}
          apply={apply}
          reload={reload}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </Card>
  );
}
