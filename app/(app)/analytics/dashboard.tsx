"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Loader2Icon, PrinterIcon } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import { localized } from "@/lib/i18n/localized";
import type { Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { Card, CardContent } from "@/lib/ui/card";
import { PageHeader } from "@/lib/ui/page-header";
import { DrillProvider } from "./drill";
import { FilterBar } from "./filter-bar";
import { useFigures } from "./format";
import { FunnelSection } from "./funnel-section";
import { Help } from "./help";
import { ForecastSection, Kpis, OutcomesSection, PipelineSection } from "./outcomes-section";
import { TargetsCard } from "./targets-card";
import { Bottlenecks, TimeSection } from "./time-section";
import { AdoptionDashboard } from "./adoption-dashboard";
import { AnalyticsTabs } from "./tabs";
import {
  adoptionQuery,
  filtersInput,
  filtersQuery,
  parseAdoptionView,
  parseFilters,
  TAB_PERIOD,
  tabOf,
  type AdoptionView,
  type Filters,
  type Tab,
} from "./url-state";

/**
 * The analytics dashboard (docs/analytics.md): filters in the URL, every figure from
 * `analytics.dashboard`, every count opening the deals behind it.
 */
export function AnalyticsDashboard({ role }: { role: Role }) {
  const t = useTranslations("analytics");
  const locale = useLocale();
  const f = useFigures();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const tab = tabOf(params);
  const filters = useMemo(
    () => parseFilters(new URLSearchParams(params.toString()), TAB_PERIOD[tab]),
    [params, tab],
  );
  const view = useMemo(() => parseAdoptionView(new URLSearchParams(params.toString())), [params]);
  const input = useMemo(() => filtersInput(filters), [filters]);
  const navigate = useCallback(
    (next: Filters, nextTab: Tab, nextView: AdoptionView) => {
      const q = filtersQuery(
        next,
        TAB_PERIOD[nextTab],
        nextTab === "adoption" ? adoptionQuery(nextView) : {},
      );
      router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false });
    },
    [router, pathname],
  );
  const setFilters = useCallback((next: Filters) => navigate(next, tab, view), [navigate, tab, view]);
  const setView = useCallback((next: AdoptionView) => navigate(filters, tab, next), [navigate, filters, tab]);
  // Another tab opens on its own period; the other filters stay.
  const setTab = (next: Tab) =>
    navigate({ ...filters, period: TAB_PERIOD[next], from: "", to: "" }, next, { ...view, board: null });
  const options = useQuery(
    trpc.analytics.options.queryOptions(filters.pipelineId ? { pipelineId: filters.pipelineId } : undefined),
  );
  const query = useQuery(
    trpc.analytics.dashboard.queryOptions(input, {
      placeholderData: keepPreviousData,
      enabled: tab === "overview",
    }),
  );
  const data = query.data;
  const stageName = useCallback(
    (key: string) => {
      const s = data?.stages.find((x) => x.key === key);
      return s ? localized(s.name, locale) : key;
    },
    [data, locale],
  );
  const scope =
    role === "admin" || role === "trainer"
      ? t("scope.all")
      : role === "manager"
        ? t("scope.managed")
        : options.data && options.data.teams.length
          ? t("scope.team")
          : t("scope.own");

  return (
    <>
      <PageHeader
        title={t("title")}
        description={tab === "adoption" ? t("adoption.subtitle") : t("subtitle")}
        actions={
          <Button variant="outline" onClick={() => window.print()} className="print:hidden">
            <PrinterIcon />
            {t("print")}
          </Button>
        }
      />
      <div className="grid grid-cols-1 gap-4 [&>*]:min-w-0">
        <AnalyticsTabs tab={tab} onChange={setTab} />
        <FilterBar
          key={tab + filters.period + filters.from + filters.to}
          filters={filters}
          options={options.data}
          onChange={setFilters}
          showMode={tab === "overview"}
        />
        {tab === "adoption" ? (
          <AdoptionDashboard
            role={role}
            filters={filters}
            input={input}
            view={view}
            onView={setView}
            options={options.data}
          />
        ) : (
          <>
            <p
              className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted-foreground"
              data-testid="scope"
            >
              {data ? (
                <span className="font-medium text-foreground">
                  {localized(data.pipeline.name, locale)} ·{" "}
                  {t("filters.periodLabel", {
                    from: f.date(data.period.from),
                    to: f.date(new Date(data.period.to.getTime() - 1)),
                  })}{" "}
                  · {t(`filters.modes.${filters.mode}`)}
                </span>
              ) : null}
              <span>{scope}</span>
              <Help term="scope" label={t("filters.label")} />
              {query.isFetching && data ? <Loader2Icon className="size-4 animate-spin" aria-hidden /> : null}
            </p>
            {!data ? (
              <Card>
                <CardContent className="flex items-center justify-center gap-2 py-16 text-muted-foreground">
                  <Loader2Icon className="size-5 animate-spin" />
                  {t("loading")}
                </CardContent>
              </Card>
            ) : (
              <DrillProvider filters={input} stageName={stageName}>
                <div className="grid grid-cols-1 gap-4 [&>*]:min-w-0" data-testid="analytics-dashboard">
                  <Kpis data={data} />
                  <TargetsCard
                    role={role}
                    pipelineId={filters.pipelineId || undefined}
                    stages={[...data.steps.steps, ...data.steps.side]}
                    stageName={stageName}
                    options={options.data}
                  />
                  {data.funnel.deals === 0 ? (
                    <p className="rounded-lg border border-dashed p-4 text-center text-sm text-muted-foreground">
                      {t("empty")}
                    </p>
                  ) : null}
                  <FunnelSection data={data} stageName={stageName} />
                  <Bottlenecks data={data} stageName={stageName} />
                  <TimeSection data={data} stageName={stageName} />
                  <div className="grid gap-4 lg:grid-cols-2 print:block print:space-y-4 [&>*]:min-w-0">
                    <OutcomesSection data={data} />
                    <PipelineSection data={data} stageName={stageName} />
                  </div>
                  <ForecastSection data={data} />
                </div>
              </DrillProvider>
            )}
          </>
        )}
      </div>
    </>
  );
}
