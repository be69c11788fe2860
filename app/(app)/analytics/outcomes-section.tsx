"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { Card, CardContent } from "@/lib/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import { downloadCsv } from "./csv";
import { DrillNumber, useDrill } from "./drill";
import { EChart, type ChartOption } from "./echart";
import { useFigures } from "./format";
import { Help } from "./help";
import { Section, type DashboardData } from "./section";

/** The four figures at the top: deals in the funnel, win rate, average won amount, cycle, weighted pipeline. */
export function Kpis({ data }: { data: DashboardData }) {
  const t = useTranslations("analytics");
  const td = useTranslations("analytics");
  const f = useFigures();
  const o = data.outcomes;
  const p = data.previousOutcomes;
  const tiles = [
    {
      key: "deals",
      label: t("kpi.deals"),
      help: "mode" as const,
      value: (
        <DrillNumber
          figure={{ kind: "funnelDeals" }}
          title={td("drill.figure.funnelDeals")}
          disabled={data.funnel.deals === 0}
        >
          {f.number(data.funnel.deals)}
        </DrillNumber>
      ),
      sub: f.money(data.funnel.amount),
    },
    {
      key: "winRate",
      label: t("kpi.winRate"),
      help: "winRate" as const,
      value: f.percent(o.winRate),
      sub: t("kpi.wonOfClosed", { won: o.won, closed: o.won + o.lost }),
      change: f.points(o.winRate, p.winRate),
    },
    {
      key: "averageWon",
      label: t("kpi.averageWon"),
      help: "averageWon" as const,
      value: f.money(o.averageWon),
      sub: t("kpi.wonAmount", { amount: f.money(o.wonAmount) }),
    },
    {
      key: "cycle",
      label: t("kpi.cycle"),
      help: "cycle" as const,
      value: f.stay(o.cycleMedian),
      sub: t("kpi.cycleMean", { value: f.stay(o.cycleMean) }),
    },
    {
      key: "weighted",
      label: t("kpi.weighted"),
      help: "weighted" as const,
      value: f.money(data.pipelineNow.weighted),
      sub: t("kpi.openDeals", { count: data.pipelineNow.deals, amount: f.money(data.pipelineNow.amount) }),
    },
  ];
  return (
    <div
      className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5 print:grid-cols-5"
      data-testid="kpis"
    >
      {tiles.map((k) => (
        <Card key={k.key} className="break-inside-avoid print:shadow-none">
          <CardContent className="p-4">
            <div className="flex items-center gap-1 text-xs font-medium text-muted-foreground">
              {k.label}
              <Help term={k.help} label={k.label} />
            </div>
            <div className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`kpi-${k.key}`}>
              {k.value}
            </div>
            <div className="mt-0.5 truncate text-xs text-muted-foreground">{k.sub}</div>
            {k.change ? (
              <div className="mt-0.5 text-xs text-muted-foreground">
                {t("vsPrevious", { change: k.change })}
              </div>
            ) : null}
          </CardContent>
        </Card>
      ))}
    </div>
  );
}

/** Win rate, amounts and cycle of the period beside the previous period's. */
export function OutcomesSection({ data }: { data: DashboardData }) {
  const t = useTranslations("analytics");
  const td = useTranslations("analytics");
  const f = useFigures();
  const o = data.outcomes;
  const p = data.previousOutcomes;
  const rows: [string, React.ReactNode, string, (string | number | null)[]][] = [
    [
      t("outcomes.won"),
      <DrillNumber
        key="w"
        figure={{ kind: "closed", outcome: "won" }}
        title={td("drill.figure.won")}
        disabled={!o.won}
      >
        {f.number(o.won)}
      </DrillNumber>,
      f.number(p.won),
      [o.won, p.won],
    ],
    [
      t("outcomes.lost"),
      <DrillNumber
        key="l"
        figure={{ kind: "closed", outcome: "lost" }}
        title={td("drill.figure.lost")}
        disabled={!o.lost}
      >
        {f.number(o.lost)}
      </DrillNumber>,
      f.number(p.lost),
      [o.lost, p.lost],
    ],
    [t("outcomes.winRate"), f.percent(o.winRate), f.percent(p.winRate), [o.winRate, p.winRate]],
    [
      t("outcomes.amountWinRate"),
      f.percent(o.amountWinRate),
      f.percent(p.amountWinRate),
      [o.amountWinRate, p.amountWinRate],
    ],
    [t("outcomes.wonAmount"), f.money(o.wonAmount), f.money(p.wonAmount), [o.wonAmount, p.wonAmount]],
    [t("outcomes.averageWon"), f.money(o.averageWon), f.money(p.averageWon), [o.averageWon, p.averageWon]],
    [
      t("outcomes.cycleMedian"),
      f.stay(o.cycleMedian),
      f.stay(p.cycleMedian),
      [
        o.cycleMedian === null ? null : f.days(o.cycleMedian),
        p.cycleMedian === null ? null : f.days(p.cycleMedian),
      ],
    ],
    [
      t("outcomes.cycleMean"),
      f.stay(o.cycleMean),
      f.stay(p.cycleMean),
      [o.cycleMean === null ? null : f.days(o.cycleMean), p.cycleMean === null ? null : f.days(p.cycleMean)],
    ],
  ];
  const csv = () =>
    downloadCsv(
      `${t("outcomes.title")}.csv`,
      [t("outcomes.metric"), t("outcomes.current"), t("outcomes.previous")],
      rows.map(([label, , , raw]) => [label, ...raw]),
    );
  return (
    <Section
      title={t("outcomes.title")}
      hint={t("outcomes.hint")}
      help="winRate"
      onCsv={csv}
      testId="outcomes"
    >
      <div className="-mx-5 overflow-x-auto">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-5">{t("outcomes.metric")}</TableHead>
              <TableHead className="text-right">{t("outcomes.current")}</TableHead>
              <TableHead className="pr-5 text-right">{t("outcomes.previous")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(([label, now, before]) => (
              <TableRow key={label}>
                <TableCell className="pl-5">{label}</TableCell>
                <TableCell className="text-right tabular-nums">{now}</TableCell>
                <TableCell className="pr-5 text-right tabular-nums text-muted-foreground">{before}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </Section>
  );
}

/** Open deals now by stage, weighed by win probability. */
export function PipelineSection({
  data,
  stageName,
}: {
  data: DashboardData;
  stageName: (k: string) => string;
}) {
  const t = useTranslations("analytics");
  const td = useTranslations("analytics");
  const f = useFigures();
  const p = data.pipelineNow;
  const probability = (key: string) => data.stages.find((s) => s.key === key)?.probability ?? null;
  const csv = () =>
    downloadCsv(
      `${t("pipeline.title")}.csv`,
      [
        t("pipeline.stage"),
        t("pipeline.deals"),
        t("pipeline.amount"),
        t("pipeline.probability"),
        t("pipeline.weighted"),
      ],
      [
        ...p.byStage.map((s) => [stageName(s.stage), s.deals, s.amount, probability(s.stage), s.weighted]),
        [t("pipeline.total"), p.deals, p.amount, null, p.weighted],
      ],
    );
  return (
    <Section
      title={t("pipeline.title")}
      hint={t("pipeline.hint")}
      help="weighted"
      onCsv={csv}
      testId="pipeline"
    >
      <div className="-mx-5 overflow-x-auto">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-5">{t("pipeline.stage")}</TableHead>
              <TableHead className="text-right">{t("pipeline.deals")}</TableHead>
              <TableHead className="hidden text-right sm:table-cell">{t("pipeline.amount")}</TableHead>
              <TableHead className="hidden text-right sm:table-cell">{t("pipeline.probability")}</TableHead>
              <TableHead className="pr-5 text-right">{t("pipeline.weighted")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {p.byStage.map((s) => (
              <TableRow key={s.stage}>
                <TableCell className="pl-5">{stageName(s.stage)}</TableCell>
                <TableCell className="text-right">
                  <DrillNumber
                    figure={{ kind: "open", stage: s.stage }}
                    title={td("drill.figure.openStage", { stage: stageName(s.stage) })}
                  >
                    {f.number(s.deals)}
                  </DrillNumber>
                </TableCell>
                <TableCell className="hidden text-right tabular-nums sm:table-cell">
                  {f.money(s.amount)}
                </TableCell>
                <TableCell className="hidden text-right tabular-nums sm:table-cell">
                  {probability(s.stage) === null ? "—" : `${probability(s.stage)}%`}
                </TableCell>
                <TableCell className="pr-5 text-right tabular-nums">{f.money(s.weighted)}</TableCell>
              </TableRow>
            ))}
            <TableRow className="border-t-2 bg-muted/30">
              <TableCell className="pl-5 font-medium">{t("pipeline.total")}</TableCell>
              <TableCell className="text-right">
                <DrillNumber figure={{ kind: "open" }} title={td("drill.figure.open")} disabled={!p.deals}>
                  {f.number(p.deals)}
                </DrillNumber>
              </TableCell>
              <TableCell className="hidden text-right tabular-nums sm:table-cell">
                {f.money(p.amount)}
              </TableCell>
              <TableCell className="hidden sm:table-cell" />
              <TableCell className="pr-5 text-right font-medium tabular-nums">
                {f.money(p.weighted)}
              </TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </div>
    </Section>
  );
}

/** Forecast by expected close month: won + weighted, as bars and a table. */
export function ForecastSection({ data }: { data: DashboardData }) {
  const t = useTranslations("analytics");
  const td = useTranslations("analytics");
  const f = useFigures();
  const drill = useDrill();
  const months = data.forecast.filter((r) => r.month !== "overdue" && r.month !== "none");
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        valueFormatter: (v: number) => f.money(v),
      },
      legend: { top: 0, data: [t("forecast.won"), t("forecast.weighted")] },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: months.map((m) => f.month(m.month)) },
      yAxis: {
        type: "value",
        axisLabel: {
          formatter: (v: number) =>
            new Intl.NumberFormat(f.locale, { notation: "compact", maximumFractionDigits: 1 }).format(v),
        },
      },
      series: [
        {
          name: t("forecast.won"),
          type: "bar",
          stack: "f",
          itemStyle: { color: "#16a34a" },
          data: months.map((m) => m.wonAmount),
        },
        {
          name: t("forecast.weighted"),
          type: "bar",
          stack: "f",
          itemStyle: { color: "#60a5fa" },
          data: months.map((m) => Math.round(m.weighted)),
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [months, f.locale],
  );
  const csv = () =>
    downloadCsv(
      `${t("forecast.title")}.csv`,
      [
        t("forecast.month"),
        t("forecast.deals"),
        t("forecast.amount"),
        t("forecast.weighted"),
        t("forecast.won"),
        t("forecast.forecast"),
      ],
      data.forecast.map((r) => [
        f.month(r.month),
        r.deals,
        r.amount,
        Math.round(r.weighted),
        r.wonAmount,
        Math.round(r.forecast),
      ]),
    );
  return (
    <Section
      title={t("forecast.title")}
      hint={t("forecast.hint")}
      help="forecast"
      onCsv={csv}
      testId="forecast"
    >
      <EChart
        option={option}
        label={t("forecast.title")}
        className="mb-4 h-56 print:h-48"
        onClick={({ dataIndex, seriesIndex }) => {
          const m = months[dataIndex];
          if (!m) return;
          const won = seriesIndex === 0;
          drill(
            { kind: "forecast", month: m.month, measure: won ? "won" : "open" },
            won
              ? td("drill.figure.forecastWon", { month: f.month(m.month) })
              : td("drill.figure.forecastOpen", { month: f.month(m.month) }),
          );
        }}
      />
      <div className="-mx-5 overflow-x-auto">
        <Table data-testid="forecast-table">
          <TableHeader>
            <TableRow>
              <TableHead className="pl-5">{t("forecast.month")}</TableHead>
              <TableHead className="text-right">{t("forecast.deals")}</TableHead>
              <TableHead className="hidden text-right sm:table-cell">{t("forecast.amount")}</TableHead>
              <TableHead className="text-right">{t("forecast.weighted")}</TableHead>
              <TableHead className="hidden text-right sm:table-cell">{t("forecast.won")}</TableHead>
              <TableHead className="pr-5 text-right">{t("forecast.forecast")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.forecast.map((r) => (
              <TableRow key={r.month}>
                <TableCell className="pl-5 whitespace-nowrap">{f.month(r.month)}</TableCell>
                <TableCell className="text-right">
                  <DrillNumber
                    figure={{ kind: "forecast", month: r.month, measure: "open" }}
                    title={td("drill.figure.forecastOpen", { month: f.month(r.month) })}
                    disabled={!r.deals}
                  >
                    {f.number(r.deals)}
                  </DrillNumber>
                </TableCell>
                <TableCell className="hidden text-right tabular-nums sm:table-cell">
                  {f.money(r.amount)}
                </TableCell>
                <TableCell className="text-right tabular-nums">{f.money(r.weighted)}</TableCell>
                <TableCell className="hidden text-right sm:table-cell">
                  {r.month === "overdue" || r.month === "none" ? (
                    "—"
                  ) : (
                    <DrillNumber
                      figure={{ kind: "forecast", month: r.month, measure: "won" }}
                      title={td("drill.figure.forecastWon", { month: f.month(r.month) })}
                      disabled={!r.wonDeals}
                    >
                      {f.money(r.wonAmount)}
                    </DrillNumber>
                  )}
                </TableCell>
                <TableCell className="pr-5 text-right font-medium tabular-nums">
                  {f.money(r.forecast)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </Section>
  );
}
