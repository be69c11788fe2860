"use client";

import { TrophyIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, type ReactNode } from "react";
import { localName } from "@/lib/i18n/localized";
import type { Role } from "@/lib/roles";
import { Badge } from "@/lib/ui/badge";
import { Button } from "@/lib/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import type { AdoptionData } from "./adoption-dashboard";
import { scoreTone } from "./adoption-kpis";
import { downloadCsv } from "./csv";
import { DrillNumber } from "./drill";
import { EChart, type ChartOption } from "./echart";
import { useFigures } from "./format";
import { HeadWithHelp, Section } from "./section";

type Row = AdoptionData["people"][number];
type Cells = Pick<
  Row,
  "touched" | "actions" | "onTime" | "late" | "refused" | "open" | "stale" | "pastLimit"
> &
  Pick<Row, "onTimeRate" | "firstTimeRate" | "score">;
type Who = { personId?: string; teamId?: string; name: string };
type Measure = "touched" | "open" | "stale" | "pastLimit" | "onTime" | "late" | "refused";

const TONE_BADGE = { good: "success", fair: "warning", poor: "destructive" } as const;

export function ScoreBadge({ score }: { score: number | null }) {
  const tone = scoreTone(score);
  if (tone === "none") return <span className="text-muted-foreground">—</span>;
  return (
    <Badge variant={TONE_BADGE[tone]} className="min-w-10 justify-center tabular-nums">
      {score}
    </Badge>
  );
}

/** The figure cells every row of the tables shares: each count opens the deals behind it. */
function useCells(staleDays: number) {
  const t = useTranslations("analytics");
  const f = useFigures();
  const drillNumber = (who: Who, measure: Measure, n: number) => (
    <DrillNumber
      figure={{ kind: "adoption", measure, staleDays, personId: who.personId, teamId: who.teamId }}
      title={t(`adoption.drill.${measure}`, { who: who.name })}
      disabled={n === 0}
    >
      {f.number(n)}
    </DrillNumber>
  );
  const heads = (
    <>
      <TableHead className="text-right">
        <HeadWithHelp term="adoption.touched">{t("adoption.col.touched")}</HeadWithHelp>
      </TableHead>
      <TableHead className="hidden text-right lg:table-cell">
        <HeadWithHelp term="adoption.actions">{t("adoption.col.actions")}</HeadWithHelp>
      </TableHead>
      <TableHead className="hidden text-right md:table-cell">{t("adoption.col.open")}</TableHead>
      <TableHead className="text-right">
        <HeadWithHelp term="adoption.stale">{t("adoption.col.stale")}</HeadWithHelp>
      </TableHead>
      <TableHead className="hidden text-right sm:table-cell">
        <HeadWithHelp term="adoption.pastLimit">{t("adoption.col.pastLimit")}</HeadWithHelp>
      </TableHead>
      <TableHead className="hidden text-right md:table-cell">
        <HeadWithHelp term="adoption.onTime">{t("adoption.col.onTime")}</HeadWithHelp>
      </TableHead>
      <TableHead className="hidden text-right sm:table-cell">
        <HeadWithHelp term="adoption.refused">{t("adoption.col.refused")}</HeadWithHelp>
      </TableHead>
      <TableHead className="pr-5 text-right">
        <HeadWithHelp term="adoption.score">{t("adoption.col.score")}</HeadWithHelp>
      </TableHead>
    </>
  );
  const cells = (who: Who, c: Cells) => (
    <>
      <TableCell className="text-right" data-column="touched">
        {drillNumber(who, "touched", c.touched)}
      </TableCell>
      <TableCell className="hidden text-right tabular-nums lg:table-cell" data-column="actions">
        {f.number(c.actions)}
      </TableCell>
      <TableCell className="hidden text-right md:table-cell" data-column="open">
        {drillNumber(who, "open", c.open)}
      </TableCell>
      <TableCell className="text-right" data-column="stale">
        {drillNumber(who, "stale", c.stale)}
      </TableCell>
      <TableCell className="hidden text-right sm:table-cell" data-column="pastLimit">
        {drillNumber(who, "pastLimit", c.pastLimit)}
      </TableCell>
      <TableCell className="hidden text-right md:table-cell" data-column="onTime">
        {c.onTime + c.late ? (
          <span className="whitespace-nowrap">
            <span className="tabular-nums">{f.percent(c.onTimeRate)}</span>{" "}
            <span className="text-xs text-muted-foreground">
              ({drillNumber(who, "onTime", c.onTime)}/{f.number(c.onTime + c.late)})
            </span>
          </span>
        ) : (
          <span className="text-muted-foreground">—</span>
        )}
      </TableCell>
      <TableCell className="hidden text-right sm:table-cell" data-column="refused">
        {drillNumber(who, "refused", c.refused)}
      </TableCell>
      <TableCell className="pr-5 text-right" data-column="score">
        <ScoreBadge score={c.score} />
      </TableCell>
    </>
  );
  const csvHead = [
    t("adoption.col.touched"),
    t("adoption.col.actions"),
    t("adoption.col.open"),
    t("adoption.col.stale"),
    t("adoption.col.pastLimit"),
    t("adoption.col.onTimeCount"),
    t("adoption.col.lateCount"),
    t("adoption.col.onTime"),
    t("adoption.col.refused"),
    t("adoption.col.firstTime"),
    t("adoption.col.score"),
  ];
  const rate = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
  const csvCells = (c: Cells) => [
    c.touched,
    c.actions,
    c.open,
    c.stale,
    c.pastLimit,
    c.onTime,
    c.late,
    rate(c.onTimeRate),
    c.refused,
    rate(c.firstTimeRate),
    c.score,
  ];
  return { heads, cells, csvHead, csvCells };
}

/** Per team: its members' figures added up (deals touched counted once), and the total of the rows. */
export function TeamsSection({ data, role }: { data: AdoptionData; role: Role }) {
  const t = useTranslations("analytics");
  const locale = useLocale();
  const { heads, cells, csvHead, csvCells } = useCells(data.staleDays);
  const totalName = role === "manager" ? t("adoption.totalManaged") : t("adoption.totalCompany");
  const csv = () =>
    downloadCsv(
      `${t("adoption.teams.title")}.csv`,
      [t("adoption.col.team"), t("adoption.col.members"), t("adoption.col.active"), ...csvHead],
      [
        ...data.teams.map((x) => [localName(x, locale), x.members, x.active, ...csvCells(x)]),
        [totalName, data.total.members, data.total.active, ...csvCells(data.total)],
      ],
    );
  return (
    <Section
      title={t("adoption.teams.title")}
      hint={t("adoption.teams.hint")}
      help="adoption.rows"
      onCsv={csv}
      testId="adoption-teams"
    >
      <div className="-mx-5 overflow-x-auto">
        <Table data-testid="adoption-teams-table" className="[&_td]:whitespace-nowrap">
          <TableHeader>
            <TableRow>
              <TableHead className="pl-5">{t("adoption.col.team")}</TableHead>
              <TableHead className="hidden text-right sm:table-cell">
                {t("adoption.col.activeMembers")}
              </TableHead>
              {heads}
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.teams.map((x) => {
              const name = localName(x, locale);
              return (
                <TableRow key={x.id} data-testid={`adoption-team-${x.id}`}>
                  <TableCell className="pl-5 font-medium">{name}</TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">
                    {x.active}/{x.members}
                  </TableCell>
                  {cells({ teamId: x.id, name }, x)}
                </TableRow>
              );
            })}
            {data.teams.length > 1 ? (
              <TableRow className="bg-muted/40 font-medium" data-testid="adoption-total">
                <TableCell className="pl-5">{totalName}</TableCell>
                <TableCell className="hidden text-right tabular-nums sm:table-cell">
                  {data.total.active}/{data.total.members}
                </TableCell>
                {cells({ name: totalName }, data.total)}
              </TableRow>
            ) : null}
          </TableBody>
        </Table>
      </div>
    </Section>
  );
}

/** Per member: the table (and, with several, a chart of who touches deals and whose go stale). */
export function PeopleSection({
  data,
  role,
  onLeaderboard,
}: {
  data: AdoptionData;
  role: Role;
  onLeaderboard?: () => void;
}) {
  const t = useTranslations("analytics");
  const locale = useLocale();
  const f = useFigures();
  const { heads, cells, csvHead, csvCells } = useCells(data.staleDays);
  const teamNames = (r: Row) =>
    r.teamIds
      .map((id) => data.teams.find((x) => x.id === id))
      .filter((x) => x !== undefined)
      .map((x) => localName(x, locale))
      .join(" · ");
  // Reps first, best first (the leaderboard's order: score, deals touched, name); then the others.
  const rows = useMemo(
    () =>
      [...data.people].sort(
        (a, b) =>
          Number(b.role === "rep") - Number(a.role === "rep") ||
          (b.score ?? -1) - (a.score ?? -1) ||
          b.touched - a.touched ||
          a.name.localeCompare(b.name, "zh-CN"),
      ),
    [data.people],
  );
  const charted = rows.slice(0, 30);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: {
        top: 0,
        data: [t("adoption.col.touched"), t("adoption.col.stale"), t("adoption.col.pastLimit")],
      },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: charted.map((r) => r.name) },
      series: (
        [
          ["touched", "#2563eb"],
          ["stale", "#f59e0b"],
          ["pastLimit", "#dc2626"],
        ] as const
      ).map(([k, color]) => ({
        name: t(`adoption.col.${k}`),
        type: "bar",
        barGap: "10%",
        itemStyle: { color },
        data: charted.map((r) => r[k]),
      })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [charted, f.locale],
  );
  const csv = () =>
    downloadCsv(
      `${t("adoption.people.title")}.csv`,
      [t("adoption.col.person"), t("adoption.col.team"), ...csvHead],
      rows.map((r) => [r.name, teamNames(r), ...csvCells(r)]),
    );
  const actions: ReactNode = onLeaderboard ? (
    <Button
      variant="outline"
      size="sm"
      onClick={onLeaderboard}
      className="shrink-0 print:hidden"
      data-testid="open-leaderboard"
    >
      <TrophyIcon />
      {t("adoption.leaderboard.open")}
    </Button>
  ) : null;
  return (
    <Section
      title={role === "rep" ? t("adoption.people.mine") : t("adoption.people.title")}
      hint={t("adoption.people.hint", { days: data.staleDays })}
      help="adoption.score"
      onCsv={csv}
      actions={actions}
      testId="adoption-people"
    >
      {charted.length > 1 ? (
        <EChart
          option={option}
          label={t("adoption.people.title")}
          className="mb-4 print:h-52"
          style={{ height: Math.max(180, 48 + charted.length * 30) }}
        />
      ) : null}
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("adoption.people.none")}</p>
      ) : (
        <div className="-mx-5 overflow-x-auto">
          <Table data-testid="adoption-people-table" className="[&_td]:whitespace-nowrap">
            <TableHeader>
              <TableRow>
                <TableHead className="pl-5">{t("adoption.col.person")}</TableHead>
                <TableHead className="hidden xl:table-cell">{t("adoption.col.team")}</TableHead>
                {heads}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id} data-testid={`adoption-person-${r.id}`}>
                  <TableCell className="pl-5">
                    <div className="font-medium" data-column="name">
                      {r.name}
                    </div>
                    {r.role !== "rep" ? (
                      <div className="text-xs text-muted-foreground">{t(`adoption.roles.${r.role}`)}</div>
                    ) : null}
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground xl:table-cell">
                    {teamNames(r) || "—"}
                  </TableCell>
                  {cells({ personId: r.id, name: r.name }, r)}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </Section>
  );
}
