"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { localized } from "@/lib/i18n/localized";
import { Badge } from "@/lib/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import type { AdoptionData } from "./adoption-dashboard";
import { downloadCsv } from "./csv";
import { DrillNumber, useDrill } from "./drill";
import { EChart, type ChartOption } from "./echart";
import { useFigures } from "./format";
import { HeadWithHelp, Section } from "./section";

type Reason = AdoptionData["refusals"]["byReason"][number];

/** A colour per kind of reason, as the table's badges tell them apart. */
const KIND_COLOR: Record<Reason["kind"], string> = {
  field: "#f97316",
  checklist: "#eab308",
  condition: "#8b5cf6",
  notApprover: "#64748b",
  closed: "#94a3b8",
  unknownAction: "#cbd5e1",
};

/** A reason as a reader says it: what it is about ("Missing field: Lost reason"), or its kind. */
function useReasonText(data: AdoptionData) {
  const t = useTranslations("analytics");
  const locale = useLocale();
  return (code: string, reason?: Reason) => {
    const r = reason ?? data.refusals.byReason.find((x) => x.code === code);
    const kind = r?.kind ?? "unknownAction";
    const what = r?.label ? localized(r.label, locale) : null;
    return what
      ? t("adoption.reason", { kind: t(`adoption.reasonKind.${kind}`), what })
      : t(`adoption.reasonKind.${kind}`);
  };
}

/** Refused attempts of the period: by reason (chart and table) and by stage and action. */
export function RefusalsSection({
  data,
  stageName,
}: {
  data: AdoptionData;
  stageName: (key: string) => string;
}) {
  const t = useTranslations("analytics");
  const locale = useLocale();
  const f = useFigures();
  const drill = useDrill();
  const reasonText = useReasonText(data);
  const { byReason, byStage, attempts, byApiKeys } = data.refusals;
  const staleDays = data.staleDays;
  const charted = byReason.slice(0, 12);
  /** On the chart, what a reason names (the kind shows in its colour and tooltip). */
  const short = (r: Reason) => (r.label ? localized(r.label, locale) : t(`adoption.reasonKind.${r.kind}`));
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: "item",
        formatter: (p: { dataIndex: number; value: number }) =>
          `${reasonText(charted[p.dataIndex]!.code, charted[p.dataIndex])}<br/>${t("adoption.col.attempts")}: ${p.value}`,
      },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: {
        type: "category",
        inverse: true,
        data: charted.map(short),
        axisLabel: { width: 150, overflow: "truncate" },
      },
      series: [
        {
          name: t("adoption.col.attempts"),
          type: "bar",
          label: { show: true, position: "right" },
          data: charted.map((r) => ({ value: r.attempts, itemStyle: { color: KIND_COLOR[r.kind] } })),
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [charted, f.locale],
  );
  const actionText = (r: (typeof byStage)[number]) =>
    r.actionName
      ? localized(r.actionName, locale)
      : r.action === "approve" || r.action === "reject"
        ? t(`adoption.decisions.${r.action}`)
        : r.action;
  const csvReasons = () =>
    downloadCsv(
      `${t("adoption.refusals.byReason")}.csv`,
      [
        t("adoption.col.reason"),
        t("adoption.col.code"),
        t("adoption.col.attempts"),
        t("adoption.col.deals"),
        t("adoption.col.people"),
      ],
      byReason.map((r) => [reasonText(r.code, r), r.code, r.attempts, r.deals, r.people]),
    );
  const csvStages = () =>
    downloadCsv(
      `${t("adoption.refusals.byStage")}.csv`,
      [
        t("adoption.col.stage"),
        t("adoption.col.action"),
        t("adoption.col.attempts"),
        t("adoption.col.deals"),
        t("adoption.col.reasons"),
      ],
      byStage.map((r) => [
        stageName(r.stage),
        actionText(r),
        r.attempts,
        r.deals,
        r.reasons.map((x) => `${reasonText(x.code)} ×${x.attempts}`).join("; "),
      ]),
    );
  const hint =
    attempts === 0
      ? t("adoption.refusals.none")
      : byApiKeys
        ? t("adoption.refusals.hintKeys", { attempts, keys: byApiKeys })
        : t("adoption.refusals.hint", { attempts });

  return (
    <div
      className="grid gap-4 lg:grid-cols-2 print:block print:space-y-4 [&>*]:min-w-0"
      data-testid="adoption-refusals"
    >
      <Section
        title={t("adoption.refusals.byReason")}
        hint={hint}
        help="adoption.reasons"
        onCsv={csvReasons}
        testId="refusals-by-reason"
      >
        {charted.length ? (
          <EChart
            option={option}
            label={t("adoption.refusals.byReason")}
            className="mb-4 print:h-52"
            style={{ height: Math.max(140, 24 + charted.length * 30) }}
            onClick={({ dataIndex }) => {
              const r = charted[dataIndex];
              if (r)
                drill(
                  { kind: "adoption", measure: "refused", staleDays, code: r.code },
                  t("adoption.drill.refusedFor", { reason: reasonText(r.code, r) }),
                );
            }}
          />
        ) : null}
        {byReason.length ? (
          <div className="-mx-5 overflow-x-auto">
            <Table data-testid="refusal-reasons-table">
              <TableHeader>
                <TableRow>
                  <TableHead className="pl-5">{t("adoption.col.reason")}</TableHead>
                  <TableHead className="text-right">{t("adoption.col.attempts")}</TableHead>
                  <TableHead className="text-right">{t("adoption.col.deals")}</TableHead>
                  <TableHead className="hidden pr-5 text-right sm:table-cell">
                    {t("adoption.col.people")}
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {byReason.map((r) => (
                  <TableRow key={r.code} data-testid={`refusal-reason-${r.code}`}>
                    <TableCell className="max-w-80 pl-5">
                      <div className="flex flex-wrap items-center gap-1.5">
                        <Badge variant="outline" className="gap-1.5 font-normal text-muted-foreground">
                          <span className="size-2 rounded-full" style={{ background: KIND_COLOR[r.kind] }} />
                          {t(`adoption.reasonKind.${r.kind}`)}
                        </Badge>
                        {r.label ? <span className="font-medium">{localized(r.label, locale)}</span> : null}
                      </div>
                      {r.kind === "condition" && r.message ? (
                        <div className="mt-0.5 text-xs whitespace-normal text-muted-foreground">
                          {localized(r.message, locale)}
                        </div>
                      ) : null}
                    </TableCell>
                    <TableCell className="text-right" data-column="attempts">
                      <DrillNumber
                        figure={{ kind: "adoption", measure: "refused", staleDays, code: r.code }}
                        title={t("adoption.drill.refusedFor", { reason: reasonText(r.code, r) })}
                      >
                        {f.number(r.attempts)}
                      </DrillNumber>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{f.number(r.deals)}</TableCell>
                    <TableCell className="hidden pr-5 text-right tabular-nums sm:table-cell">
                      {f.number(r.people)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        ) : null}
      </Section>
      <Section
        title={t("adoption.refusals.byStage")}
        hint={t("adoption.refusals.byStageHint")}
        help="adoption.byStage"
        onCsv={csvStages}
        testId="refusals-by-stage"
      >
        {byStage.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("adoption.refusals.none")}</p>
        ) : (
          <div className="-mx-5 overflow-x-auto">
            <Table data-testid="refusal-stages-table">
              <TableHeader>
                <TableRow>
                  <TableHead className="pl-5">{t("adoption.col.stageAction")}</TableHead>
                  <TableHead className="text-right">
                    <HeadWithHelp term="adoption.refused">{t("adoption.col.attempts")}</HeadWithHelp>
                  </TableHead>
                  <TableHead className="hidden text-right sm:table-cell">{t("adoption.col.deals")}</TableHead>
                  <TableHead className="pr-5">{t("adoption.col.reasons")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {byStage.map((r) => (
                  <TableRow
                    key={`${r.stage}:${r.action}`}
                    data-testid={`refusal-stage-${r.stage}-${r.action}`}
                  >
                    <TableCell className="pl-5">
                      <div className="font-medium whitespace-nowrap">{actionText(r)}</div>
                      <div className="text-xs whitespace-nowrap text-muted-foreground">
                        {stageName(r.stage)}
                      </div>
                    </TableCell>
                    <TableCell className="text-right" data-column="attempts">
                      <DrillNumber
                        figure={{
                          kind: "adoption",
                          measure: "refused",
                          staleDays,
                          stage: r.stage,
                          action: r.action,
                        }}
                        title={t("adoption.drill.refusedAt", {
                          action: actionText(r),
                          stage: stageName(r.stage),
                        })}
                      >
                        {f.number(r.attempts)}
                      </DrillNumber>
                    </TableCell>
                    <TableCell className="hidden text-right tabular-nums sm:table-cell">
                      {f.number(r.deals)}
                    </TableCell>
                    <TableCell className="pr-5 text-sm">
                      <ul className="space-y-0.5">
                        {r.reasons.slice(0, 3).map((x) => (
                          <li key={x.code} className="text-muted-foreground">
                            {reasonText(x.code)} <span className="tabular-nums">×{x.attempts}</span>
                          </li>
                        ))}
                        {r.reasons.length > 3 ? (
                          <li className="text-xs text-muted-foreground">
                            {t("adoption.refusals.more", { count: r.reasons.length - 3 })}
                          </li>
                        ) : null}
                      </ul>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Section>
    </div>
  );
}
