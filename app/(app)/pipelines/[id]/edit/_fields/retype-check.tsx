"use client";

import { useQuery } from "@tanstack/react-query";
import { Loader2Icon, TriangleAlertIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import type { FieldDef, PipelineDefinition } from "@/workflows/definition/schema";
import { formatValue } from "@/workflows/rules/format";
import { fieldUsages } from "./usage";
import { UsageList } from "./usage-list";

/**
 * A pending type change of a saved field: asks the server how many of the pipeline's deals hold
 * values that would not fit the new type, shows a few, and applies only when the admin agrees.
 */
export function RetypeCheck({
  pipelineId,
  from,
  to,
  definition,
  onApply,
  onCancel,
}: {
  pipelineId: string;
  from: FieldDef;
  to: FieldDef;
  definition: PipelineDefinition;
  onApply: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("fieldsDesigner");
  const locale = useLocale();
  const trpc = useTRPC();
  const fit = useQuery(trpc.editor.fieldFit.queryOptions({ pipelineId, field: to }, { staleTime: 0 }));
  const usages = fieldUsages(definition, from.key);
  const types = { from: t(`types.${from.type}`), to: t(`types.${to.type}`) };
  const lang = locale.startsWith("zh") ? "zh-CN" : "en";
  const data = fit.data;
  const bad = (data?.misfits ?? 0) > 0;
  return (
    <div
      role="alertdialog"
      aria-label={t("retypeTitle", types)}
      aria-busy={fit.isPending}
      className="space-y-2 rounded-md border border-warning/50 bg-warning/10 p-3 text-sm"
      data-testid="fields-retype-check"
    >
      <p className="font-medium">{t("retypeTitle", types)}</p>
      {fit.isPending ? (
        <p className="flex items-center gap-2 text-muted-foreground">
          <Loader2Icon className="size-4 animate-spin" aria-hidden />
          {t("checkingDeals")}
        </p>
      ) : fit.isError ? (
        <p className="text-destructive">{t("fitFailed")}</p>
      ) : data ? (
        bad ? (
          <div className="space-y-1">
            <p className="flex items-center gap-2 text-[oklch(0.45_0.1_70)]" data-testid="fields-misfits">
              <TriangleAlertIcon className="size-4 shrink-0" aria-hidden />
              {t("misfits", { count: data.misfits })}
            </p>
            <ul className="space-y-0.5 pl-6 text-xs text-muted-foreground">
              {data.examples.map((e) => (
                <li key={e.dealId}>
                  {t("misfitExample", {
                    title: e.title,
                    value: formatValue(from, e.value, lang) ?? "—",
                  })}
                </li>
              ))}
            </ul>
            <p className="text-xs text-muted-foreground">{t("misfitsHint")}</p>
          </div>
        ) : (
          <p className="text-muted-foreground" data-testid="fields-all-fit">
            {t("allFit", { count: data.withValue, deals: data.deals })}
          </p>
        )
      ) : null}
      {usages.length ? (
        <div className="space-y-1">
          <p className="text-xs">{t("retypeUsages", { count: usages.length })}</p>
          <UsageList usages={usages} />
        </div>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" size="sm" variant="outline" onClick={onCancel} autoFocus>
          {t("keepType", { type: types.from })}
        </Button>
        <Button
          type="button"
          size="sm"
          variant={bad ? "destructive" : "default"}
          disabled={fit.isPending}
          onClick={onApply}
          data-testid="fields-retype-apply"
        >
          {bad ? t("retypeAnyway") : t("retypeApply")}
        </Button>
      </div>
    </div>
  );
}
