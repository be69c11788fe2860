"use client";

import { AlertTriangleIcon, GaugeIcon, TrendingDownIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { Badge } from "@/lib/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import { downloadCsv } from "./csv";
import { DrillNumber, useDrill } from "./drill";
import { EChart, type ChartOption } from "./echart";
import { useFigures } from "./format";
import { HeadWithHelp, Section, type DashboardData } from "./section";

type Stage = DashboardData["stages"][number];

/** Time in stage: median, p75 and p90 per stage (chart and table), breaches, exits, stays going on. */
export function TimeSection({ data, stageName }: { data: DashboardData; stageName: (k: string) => string }) {
  const t = useTranslations("analytics");
  const tr = useTranslations("analytics");
  const td = useTranslations("analytics");
  const f = useFigures();
  const drill = useDrill();
  const info = (key: string): Stage | undefined => data.stages.find((s) => s.key === key);
  const rows = data.timeInStage;
  const shown = rows.filter((r) => r.visits > 0);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        valueFormatter: (v: number) => tr("days", { n: v }),
      },
      legend: { top: 0, data: [t("time.chartP50"), t("time.chartP75"), t("time.chartP90")] },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", name: tr("days", { n: "" }).trim(), nameGap: 6 },
      yAxis: { type: "category", inverse: true, data: shown.map((r) => stageName(r.key)) },
      series: (["p50", "p75", "p90"] as const).map((p, i) => ({
        name: t(`time.chart${p.toUpperCase() as "P50" | "P75" | "P90"}`),
        type: "bar",
        barGap: "10%",
        itemStyle: { color: ["#2563eb", "#60a5fa", "#bfdbfe"][i] },
        data: shown.map((r) => (r[p] === null ? 0 : f.days(r[p]!))),
      })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [shown, f.locale],
  );
  const csv = () =>
    downloadCsv(
      `${t("time.title")}.csv`,
      [
        t("time.col.stage"),
        t("time.col.visits"),
        `${t("time.col.p50")} (d)`,
        `${t("time.col.p75")} (d)`,
        `${t("time.col.p90")} (d)`,
        `${t("time.col.mean")} (d)`,
        t("time.col.breached"),
        t("time.col.passRate"),
        t("time.col.back"),
        t("time.col.lost"),
        t("time.col.openNow"),
        t("time.col.overdueNow"),
        `${t("time.col.previous")} (d)`,
      ],
      rows.map((r) => {
        const before = data.previousTimeInStage.find((p) => p.key === r.key);
        const d = (s: number | null | undefined) => (s === null || s === undefined ? null : f.days(s));
        return [
          stageName(r.key),
          r.visits,
          d(r.p50),
          d(r.p75),
          d(r.p90),
          d(r.mean),
          r.breached,
          r.passRate,
          r.exits.back,
          r.exits.lost,
          r.openNow,
          r.overdueNow,
          d(before?.p50),
        ];
      }),
    );
  return (
    <Section
      title={t("time.title")}
      hint={t("time.hint")}
      help="percentiles"
      onCsv={csv}
      testId="time-in-stage"
    >
      {shown.length ? (
        <EChart
          option={option}
          label={t("time.title")}
          className="mb-4 h-64 print:h-52"
          onClick={({ dataIndex }) => {
            const r = shown[dataIndex];
            if (r)
              drill(
                { kind: "stay", stage: r.key, measure: "visits" },
                td("drill.figure.visits", { stage: stageName(r.key) }),
              );
          }}
        />
      ) : null}
      <div className="-mx-5 overflow-x-auto">
        <Table data-testid="time-table" className="[&_td]:whitespace-nowrap">
          <TableHeader>
            <TableRow>
              <TableHead className="pl-5">{t("time.col.stage")}</TableHead>
              <TableHead className="text-right">
                <HeadWithHelp term="visits">{t("time.col.visits")}</HeadWithHelp>
              </TableHead>
              <TableHead className="text-right">
                <HeadWithHelp term="percentiles">{t("time.col.p50")}</HeadWithHelp>
              </TableHead>
              <TableHead className="hidden text-right sm:table-cell">{t("time.col.p75")}</TableHead>
              <TableHead className="hidden text-right sm:table-cell">{t("time.col.p90")}</TableHead>
              <TableHead className="hidden text-right lg:table-cell">
                <HeadWithHelp term="mean">{t("time.col.mean")}</HeadWithHelp>
              </TableHead>
              <TableHead className="text-right">
                <HeadWithHelp term="breached">{t("time.col.breached")}</HeadWithHelp>
              </TableHead>
              <TableHead className="hidden text-right md:table-cell">
                <HeadWithHelp term="passRate">{t("time.col.passRate")}</HeadWithHelp>
              </TableHead>
              <TableHead className="hidden text-right lg:table-cell">{t("time.col.back")}</TableHead>
              <TableHead className="hidden text-right md:table-cell">
                <HeadWithHelp term="openNow">{t("time.col.openNow")}</HeadWithHelp>
              </TableHead>
              <TableHead className="hidden text-right lg:table-cell">{t("time.col.overdueNow")}</TableHead>
              <TableHead className="hidden pr-5 text-right xl:table-cell">{t("time.col.previous")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => {
              const s = info(r.key);
              const name = stageName(r.key);
              const before = data.previousTimeInStage.find((p) => p.key === r.key);
              const side = !data.steps.steps.includes(r.key);
              const cell = (measure: "visits" | "breached" | "openNow" | "overdueNow", n: number) => (
                <DrillNumber
                  figure={{ kind: "stay", stage: r.key, measure }}
                  title={td(`drill.figure.${measure}`, { stage: name })}
                  disabled={n === 0}
                >
                  {f.number(n)}
                </DrillNumber>
              );
              return (
                <TableRow key={r.key} data-testid={`time-row-${r.key}`}>
                  <TableCell className="pl-5">
                    <div className="font-medium whitespace-nowrap">{name}</div>
                    <div className="text-xs whitespace-nowrap text-muted-foreground">
                      {s?.kind === "approval" ? t("time.approval") : side ? t("time.sideStage") : null}
                      {s?.timeLimitS
                        ? `${s?.kind === "approval" || side ? " · " : ""}${t("time.limit", { value: f.stay(s.timeLimitS) })}`
                        : null}
                    </div>
                  </TableCell>
                  <TableCell className="text-right">{cell("visits", r.visits)}</TableCell>
                  <TableCell className="text-right tabular-nums">{f.stay(r.p50)}</TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">
                    {f.stay(r.p75)}
                  </TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">
                    {f.stay(r.p90)}
                  </TableCell>
                  <TableCell className="hidden text-right tabular-nums lg:table-cell">
                    {f.stay(r.mean)}
                  </TableCell>
                  <TableCell className="text-right">
                    {cell("breached", r.breached)}
                    {r.breachRate ? (
                      <span className="ml-1 text-xs text-muted-foreground">({f.percent(r.breachRate)})</span>
                    ) : null}
                  </TableCell>
                  <TableCell className="hidden text-right tabular-nums md:table-cell">
                    {f.percent(r.passRate)}
                  </TableCell>
                  <TableCell className="hidden text-right tabular-nums lg:table-cell">
                    {f.number(r.exits.back)}
                  </TableCell>
                  <TableCell className="hidden text-right md:table-cell">
                    {cell("openNow", r.openNow)}
                  </TableCell>
                  <TableCell className="hidden text-right lg:table-cell">
                    {cell("overdueNow", r.overdueNow)}
                  </TableCell>
                  <TableCell className="hidden pr-5 text-right tabular-nums text-muted-foreground xl:table-cell">
                    {f.stay(before?.p50)}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </Section>
  );
}

const ICONS = { lowConversion: TrendingDownIcon, slow: GaugeIcon, worse: AlertTriangleIcon } as const;

/** The stages flagged as bottlenecks, each with the numbers behind its flag. */
export function Bottlenecks({ data, stageName }: { data: DashboardData; stageName: (k: string) => string }) {
  const t = useTranslations("analytics");
  const td = useTranslations("analytics");
  const f = useFigures();
  const limitOf = (key: string) => data.stages.find((s) => s.key === key)?.timeLimitS ?? null;
  return (
    <Section
      title={t("bottlenecks.title")}
      hint={t("bottlenecks.hint")}
      help="bottlenecks"
      testId="bottlenecks"
    >
      {data.bottlenecks.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("bottlenecks.none")}</p>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2">
          {data.bottlenecks.map((b, i) => {
            const Icon = ICONS[b.kind];
            const name = stageName(b.stage);
            const text =
              b.kind === "lowConversion"
                ? t("bottlenecks.lowConversionText", {
                    rate: f.percent(b.passRate),
                    median: f.percent(b.medianPassRate),
                    gap: f.gap(b.medianPassRate, b.passRate),
                    visits: b.visits,
                  })
                : b.kind === "slow"
                  ? b.timeLimitS
                    ? t("bottlenecks.slowLimitText", {
                        p50: f.stay(b.p50),
                        limit: f.stay(limitOf(b.stage) ?? b.timeLimitS),
                        breach: f.percent(b.breachRate),
                        visits: b.visits,
                      })
                    : t("bottlenecks.slowRelativeText", {
                        p50: f.stay(b.p50),
                        others: f.stay(b.othersMedian),
                        visits: b.visits,
                      })
                  : t("bottlenecks.worseText", {
                      rate: f.percent(b.passRate),
                      previousRate: f.percent(b.previousPassRate),
                      p50: f.stay(b.p50),
                      previousP50: f.stay(b.previousP50),
                      visits: b.visits,
                      previousVisits: b.previousVisits,
                    });
            return (
              <li
                key={`${b.stage}:${b.kind}:${i}`}
                className="flex gap-3 rounded-lg border p-3"
                data-testid="bottleneck"
              >
                <Icon className="mt-0.5 size-4 shrink-0 text-warning" />
                <div className="min-w-0 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{name}</span>
                    <Badge variant={b.kind === "worse" ? "destructive" : "warning"}>
                      {t(`bottlenecks.${b.kind}`)}
                    </Badge>
                  </div>
                  <p className="mt-1 text-muted-foreground">{text}</p>
                  <DrillNumber
                    figure={{ kind: "stay", stage: b.stage, measure: "visits" }}
                    title={td("drill.figure.visits", { stage: name })}
                    className="mt-1 text-sm"
                  >
                    {t("bottlenecks.show")}
                  </DrillNumber>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
