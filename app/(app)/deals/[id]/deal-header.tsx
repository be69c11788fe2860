"use client";

import { Building2Icon, CalendarClockIcon, CalendarIcon, UserIcon } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { localized } from "@/lib/i18n/localized";
import { Badge } from "@/lib/ui/badge";
import { Card, CardContent } from "@/lib/ui/card";
import { VersionBadge } from "../../_components/version-badge";
import { StagePath } from "./stage-path";
import type { DealData, DealForm } from "./types";
import { useFieldFormatter, useMoney } from "./use-deal-format";

const PRIORITY_VARIANT = { A: "destructive", B: "warning", C: "default", D: "secondary" } as const;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="mt-1 flex min-w-0 items-center gap-1.5 text-sm font-medium">{children}</dd>
    </div>
  );
}

/** Title, account and amount; owner, priority and dates; the stage path underneath. */
export function DealHeader({ deal, form }: { deal: DealData; form: DealForm }) {
  const t = useTranslations("dealPage");
  const format = useFormatter();
  const locale = useLocale();
  const money = useMoney();
  const formatValue = useFieldFormatter(deal.deal.currency);
  const d = deal.deal;
  const stage = deal.stage;
  const outcome = stage?.kind === "stage" ? stage.outcome : "open";
  const probability = stage?.kind === "stage" ? stage.probability : null;
  const priority = d.priority as keyof typeof PRIORITY_VARIANT | null;

  return (
    <Card>
      <CardContent className="grid gap-6 p-5 sm:p-6">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              {stage ? (
                <Badge
                  data-testid="deal-stage"
                  variant={
                    stage.kind !== "stage"
                      ? "warning"
                      : outcome === "won"
                        ? "success"
                        : outcome === "lost"
                          ? "secondary"
                          : "default"
                  }
                >
                  {localized(stage.name, locale)}
                </Badge>
              ) : null}
              <VersionBadge number={deal.version.number} status={deal.version.status} />
              {priority ? (
                <Badge variant={PRIORITY_VARIANT[priority] ?? "outline"} data-testid="deal-priority">
                  {t("priority", { priority, score: d.score ?? 0 })}
                </Badge>
              ) : null}
            </div>
            <h1 className="mt-3 text-xl font-semibold tracking-tight break-words sm:text-2xl">{d.title}</h1>
            <p className="mt-1 flex items-center gap-1.5 text-sm text-muted-foreground">
              <Building2Icon className="size-4 shrink-0" />
              <span className="min-w-0 break-words">{d.account}</span>
            </p>
          </div>
          <div className="shrink-0 sm:text-right">
            <div className="text-xs text-muted-foreground">{t("amount")}</div>
            <div className="text-2xl font-semibold tracking-tight tabular-nums" data-testid="deal-amount">
              {d.amount === null ? "—" : money(d.amount, d.currency)}
            </div>
            {d.amount !== null && probability !== null && outcome === "open" ? (
              <div className="text-xs text-muted-foreground">
                {t("weighted", {
                  amount: money((d.amount * probability) / 100, d.currency),
                  probability,
                })}
              </div>
            ) : null}
          </div>
        </div>
        <dl className="grid grid-cols-2 gap-4 border-y py-4 sm:grid-cols-4">
          <Fact label={t("owner")}>
            <UserIcon className="size-4 shrink-0 text-muted-foreground" />
            <span className="truncate" data-testid="deal-owner">
              {deal.ownerName ?? "—"}
            </span>
          </Fact>
          <Fact label={t("expectedClose")}>
            <CalendarClockIcon className="size-4 shrink-0 text-muted-foreground" />
            {formatValue(
              form.fields.find((f) => f.key === "expectedClose"),
              deal.values.expectedClose,
            ) ?? "—"}
          </Fact>
          <Fact label={t("created")}>
            <CalendarIcon className="size-4 shrink-0 text-muted-foreground" />
            {format.dateTime(d.createdAt, { dateStyle: "medium" })}
          </Fact>
          <Fact label={d.closedAt ? t("closed") : t("updated")}>
            {format.dateTime(d.closedAt ?? d.updatedAt, { dateStyle: "medium" })}
          </Fact>
        </dl>
        <StagePath deal={deal} form={form} />
      </CardContent>
    </Card>
  );
}
