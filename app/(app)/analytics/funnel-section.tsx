"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import { downloadCsv } from "./csv";
import { DrillNumber, useDrill } from "./drill";
import { EChart, type ChartOption } from "./echart";
import { useFigures } from "./format";
import { HeadWithHelp, Section, type DashboardData } from "./section";

const COLORS = ["#1d4ed8", "#2563eb", "#3b82f6", "#60a5fa", "#93c5fd", "#16a34a"];

/** The funnel: a chart of the steps and the table of every count behind it, with the previous period's conversion. */
export function FunnelSection({
  data,
  stageName,
}: {
  data: DashboardData;
  stageName: (k: string) => string;
}) {
  const t = useTranslations("analytics");
  const td = useTranslations("analytics");
  const f = useFigures();
  const drill = useDrill();
  const { funnel, previousFunnel } = data;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: "item",
        formatter: (p: { dataIndex: number; name: string }) => {
          const s = funnel.steps[p.dataIndex]!;
          return `${p.name}<br/>${t("funnel.chartReached")}: ${f.number(s.reached)}<br/>${t("funnel.conversionTip", { rate: f.percent(s.conversion) })}`;
        },
      },
      series: [
        {
          type: "funnel",
          sort: "none",
          left: "8%",
          width: "84%",
          top: 8,
          bottom: 8,
          minSize: "8%",
          gap: 3,
          label: {
            show: true,
            position: "inside",
            color: "#fff",
            fontSize: 12,
            formatter: (p: { dataIndex: number; name: string }) =>
              `${p.name}  ${f.number(funnel.steps[p.dataIndex]!.reached)}`,
          },
          data: funnel.steps.map((s, i) => ({
            name: stageName(s.key),
            value: Math.max(s.reached, 0.0001),
            itemStyle: { color: COLORS[Math.min(i, COLORS.length - 1)] },
          })),
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [funnel, f.locale],
  );
  const csv = () =>
    downloadCsv(
      `${t("funnel.title")}.csv`,
      [
        t("funnel.col.step"),
        t("funnel.col.reached"),
        t("funnel.col.amount"),
        t("funnel.col.conversion"),
        t("funnel.col.fromFirst"),
        t("funnel.col.entered"),
        t("funnel.col.skipped"),
        t("funnel.col.openHere"),
        t("funnel.col.lostHere"),
        t("funnel.col.previous"),
      ],
      [
        ...funnel.steps.map((s, i) => [
          stageName(s.key),
          s.reached,
          s.amount,
          s.conversion,
          s.fromFirst,
          s.entered,
          s.skipped,
          s.openHere,
          s.lostHere,
          previousFunnel.steps[i]?.conversion ?? null,
        ]),
        ...funnel.side.map((s) => [
          `${t("funnel.side")}: ${stageName(s.key)}`,
          null,
          s.amount,
          null,
          null,
          s.entered,
          null,
          s.openHere,
          null,
          null,
        ]),
      ],
    );

  return (
    <Section title={t("funnel.title")} hint={t("funnel.hint")} help="reached" onCsv={csv} testId="funnel">
      <div className="grid gap-4 2xl:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <EChart
          option={option}
          label={t("funnel.title")}
          className="mx-auto h-64 max-w-xl 2xl:h-72 2xl:max-w-none print:h-56"
          onClick={({ dataIndex }) => {
            const s = funnel.steps[dataIndex];
            if (s)
              drill(
                { kind: "funnel", step: s.key, measure: "reached" },
                td("drill.figure.reached", { stage: stageName(s.key) }),
              );
          }}
        />
        <div className="-mx-5 overflow-x-auto 2xl:mx-0">
          <Table data-testid="funnel-table" className="[&_td]:whitespace-nowrap">
            <TableHeader>
              <TableRow>
                <TableHead className="pl-5 2xl:pl-2">{t("funnel.col.step")}</TableHead>
                <TableHead className="text-right">
                  <HeadWithHelp term="reached">{t("funnel.col.reached")}</HeadWithHelp>
                </TableHead>
                <TableHead className="text-right">
                  <HeadWithHelp term="conversion">{t("funnel.col.conversion")}</HeadWithHelp>
                </TableHead>
                <TableHead className="hidden text-right sm:table-cell">
                  <HeadWithHelp term="amount">{t("funnel.col.amount")}</HeadWithHelp>
                </TableHead>
                <TableHead className="hidden text-right md:table-cell">
                  <HeadWithHelp term="entered">{t("funnel.col.entered")}</HeadWithHelp>
                </TableHead>
                <TableHead className="hidden text-right md:table-cell">
                  <HeadWithHelp term="skipped">{t("funnel.col.skipped")}</HeadWithHelp>
                </TableHead>
                <TableHead className="hidden text-right lg:table-cell">
                  <HeadWithHelp term="openHere">{t("funnel.col.openHere")}</HeadWithHelp>
                </TableHead>
                <TableHead className="hidden text-right lg:table-cell">
                  <HeadWithHelp term="lostHere">{t("funnel.col.lostHere")}</HeadWithHelp>
                </TableHead>
                <TableHead className="hidden pr-5 text-right sm:table-cell 2xl:pr-2">
                  {t("funnel.col.previous")}
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {funnel.steps.map((s, i) => {
                const name = stageName(s.key);
                const before = previousFunnel.steps[i]?.conversion ?? null;
                const cell = (
                  measure: "reached" | "entered" | "skipped" | "openHere" | "lostHere",
                  n: number,
                ) => (
                  <DrillNumber
                    figure={{ kind: "funnel", step: s.key, measure }}
                    title={td(`drill.figure.${measure}`, { stage: name })}
                    disabled={n === 0}
                  >
                    {f.number(n)}
                  </DrillNumber>
                );
                return (
                  <TableRow key={s.key} id={`funnel-step-${s.key}`} data-testid={`funnel-row-${s.key}`}>
                    <TableCell className="pl-5 font-medium whitespace-nowrap 2xl:pl-2">{name}</TableCell>
                    <TableCell className="text-right">{cell("reached", s.reached)}</TableCell>
                    <TableCell className="text-right tabular-nums">{f.percent(s.conversion)}</TableCell>
                    <TableCell className="hidden text-right tabular-nums sm:table-cell">
                      {f.money(s.amount)}
                    </TableCell>
                    <TableCell className="hidden text-right md:table-cell">
                      {cell("entered", s.entered)}
                    </TableCell>
                    <TableCell className="hidden text-right md:table-cell">
                      {cell("skipped", s.skipped)}
                    </TableCell>
                    <TableCell className="hidden text-right lg:table-cell">
                      {cell("openHere", s.openHere)}
                    </TableCell>
                    <TableCell className="hidden text-right lg:table-cell">
                      {cell("lostHere", s.lostHere)}
                    </TableCell>
                    <TableCell className="hidden pr-5 text-right tabular-nums text-muted-foreground sm:table-cell 2xl:pr-2">
                      {f.percent(before)}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {funnel.side.length ? (
            <p className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 px-5 text-sm text-muted-foreground 2xl:px-2">
              <HeadWithHelp term="side">{t("funnel.side")}</HeadWithHelp>
              {funnel.side.map((s) => (
                <span key={s.key}>
                  {stageName(s.key)}:{" "}
                  <DrillNumber
                    figure={{ kind: "side", stage: s.key, measure: "entered" }}
                    title={td("drill.figure.sideEntered", { stage: stageName(s.key) })}
                    disabled={s.entered === 0}
                  >
                    {t("funnel.sideEntered", { count: s.entered })}
                  </DrillNumber>
                </span>
              ))}
            </p>
          ) : null}
        </div>
      </div>
    </Section>
  );
}
