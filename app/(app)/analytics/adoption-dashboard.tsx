"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Loader2Icon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { localized } from "@/lib/i18n/localized";
import type { Role } from "@/lib/roles";
import type { AppRouter } from "@/lib/server/api/root";
import { useTRPC } from "@/lib/trpc/client";
import { Card, CardContent } from "@/lib/ui/card";
import { Input } from "@/lib/ui/input";
import type { AnalyticsFiltersInput } from "@/lib/validation/analytics";
import { AdoptionKpis } from "./adoption-kpis";
import { PeopleSection, TeamsSection } from "./adoption-people";
import { RefusalsSection } from "./adoption-refusals";
import { DrillProvider } from "./drill";
import { useFigures } from "./format";
import { Help } from "./help";
import { Leaderboard } from "./leaderboard";
import type { AdoptionView, Filters } from "./url-state";

export type AdoptionData = inferRouterOutputs<AppRouter>["analytics"]["adoption"];
type Options = inferRouterOutputs<AppRouter>["analytics"]["options"];

/**
 * The Adoption tab (docs/analytics.md, Adoption): whether members work their deals in the process
 * — per rep, per team and in all —, the actions the engine refused and why, and a leaderboard a
 * manager can put on the wall.
 */
export function AdoptionDashboard({
  role,
  filters,
  input,
  view,
  onView,
  options,
}: {
  role: Role;
  filters: Filters;
  input: AnalyticsFiltersInput;
  view: AdoptionView;
  onView: (next: AdoptionView) => void;
  options: Options | undefined;
}) {
  const t = useTranslations("analytics");
  const locale = useLocale();
  const f = useFigures();
  const trpc = useTRPC();
  const query = useQuery(
    trpc.analytics.adoption.queryOptions(
      { filters: input, staleDays: view.staleDays },
      { placeholderData: keepPreviousData },
    ),
  );
  const data = query.data;
  const stageName = useCallback(
    (key: string) => {
      const s = data?.stages.find((x) => x.key === key);
      return s ? localized(s.name, locale) : key;
    },
    [data, locale],
  );
  const rows =
    role === "admin" || role === "trainer"
      ? t("adoption.scope.all")
      : role === "manager"
        ? t("adoption.scope.managed")
        : t("adoption.scope.own");

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <p
          className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted-foreground"
          data-testid="adoption-scope"
        >
          {data ? (
            <span className="font-medium text-foreground">
              {localized(data.pipeline.name, locale)} ·{" "}
              {t("filters.periodLabel", {
                from: f.date(data.period.from),
                to: f.date(new Date(new Date(data.period.to).getTime() - 1)),
              })}
            </span>
          ) : null}
          <span>{rows}</span>
          <Help term="adoption.rows" label={t("filters.label")} />
          {query.isFetching && data ? <Loader2Icon className="size-4 animate-spin" aria-hidden /> : null}
        </p>
        <StaleDays
          key={view.staleDays}
          value={view.staleDays}
          onChange={(staleDays) => onView({ ...view, staleDays })}
        />
      </div>
      {!data ? (
        <Card>
          <CardContent className="flex items-center justify-center gap-2 py-16 text-muted-foreground">
            <Loader2Icon className="size-5 animate-spin" />
            {t("loading")}
          </CardContent>
        </Card>
      ) : (
        <DrillProvider filters={input} stageName={stageName}>
          <div className="grid grid-cols-1 gap-4 [&>*]:min-w-0" data-testid="adoption-dashboard">
            <AdoptionKpis data={data} />
            {role !== "rep" && data.teams.length > 0 ? <TeamsSection data={data} role={role} /> : null}
            <PeopleSection
              data={data}
              role={role}
              onLeaderboard={role === "rep" ? undefined : () => onView({ ...view, board: "score" })}
            />
            <RefusalsSection data={data} stageName={stageName} />
          </div>
        </DrillProvider>
      )}
      {data && view.board && role !== "rep" ? (
        <Leaderboard
          data={data}
          metric={view.board}
          teamLabel={teamLabel(filters, options, locale)}
          onMetric={(board) => onView({ ...view, board })}
          onClose={() => onView({ ...view, board: null })}
        />
      ) : null}
    </>
  );
}

/** The teams the leaderboard is narrowed to, by name (null: everyone in the rows). */
function teamLabel(filters: Filters, options: Options | undefined, locale: string): string | null {
  if (!filters.teamIds.length || !options) return null;
  return options.teams
    .filter((x) => filters.teamIds.includes(x.id))
    .map((x) => (!locale.startsWith("zh") && x.nameEn) || x.name)
    .join(" · ");
}

/** "Stale after N days": the threshold of the stale figures, kept in the URL. */
function StaleDays({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  const t = useTranslations("analytics");
  const [text, setText] = useState(String(value));
  const apply = () => {
    const n = Number(text);
    if (Number.isInteger(n) && n >= 1 && n <= 365) {
      if (n !== value) onChange(n);
    } else setText(String(value));
  };
  return (
    <form
      className="flex items-center gap-2 text-sm print:hidden"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <label htmlFor="stale-days" className="text-muted-foreground">
        {t("adoption.staleAfter")}
      </label>
      <Input
        id="stale-days"
        type="number"
        inputMode="numeric"
        min={1}
        max={365}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        className="h-8 w-16 text-right tabular-nums"
        data-testid="stale-days"
      />
      <span className="text-muted-foreground">{t("adoption.staleDays")}</span>
      <Help term="adoption.stale" label={t("adoption.kpi.stale")} />
    </form>
  );
}
