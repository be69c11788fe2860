import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { serverApi } from "@/lib/trpc/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/lib/ui/card";
import { PageHeader } from "@/lib/ui/page-header";
import { localized, localName } from "@/lib/i18n/localized";
import { DealsTable } from "./deals/deals-table";
import { HomeTargets } from "./analytics/home-targets";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("home") };
}

export default async function HomePage() {
  const t = await getTranslations("home");
  const format = await getFormatter();
  const locale = await getLocale();
  const api = await serverApi();
  const [me, summary, recent, pipelines] = await Promise.all([
    api.me.get(),
    api.deals.summary(),
    api.deals.list({ limit: 8 }),
    api.pipelines.list(),
  ]);
  const money = (v: number) =>
    format.number(v, { style: "currency", currency: "CNY", maximumFractionDigits: 0 });
  const cards = [
    { key: "open", value: format.number(summary.openCount), hint: money(summary.openAmount) },
    { key: "weighted", value: money(summary.weightedAmount), hint: t("weightedHint") },
    {
      key: "wonQuarter",
      value: money(summary.wonAmountQuarter),
      hint: t("dealsCount", { count: summary.wonCountQuarter }),
    },
    { key: "lostQuarter", value: format.number(summary.lostCountQuarter), hint: t("lostHint") },
  ] as const;
  const pipeline = pipelines.find((p) => p.isDefault) ?? pipelines[0];
  const openStages = pipeline?.stages.filter((s) => s.outcome === "open") ?? [];
  const maxCount = Math.max(1, ...openStages.map((s) => s.dealCount));

  return (
    <>
      <PageHeader
        title={t("greeting", { name: me.name })}
        description={t("subtitle", {
          company: me.activeCompany
            ? localName(
                { name: me.activeCompany.companyName, nameEn: me.activeCompany.companyNameEn },
                locale,
              )
            : "",
        })}
      />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {cards.map((c) => (
          <Card key={c.key} data-testid={`kpi-${c.key}`}>
            <CardHeader className="pb-1">
              <CardDescription>{t(`kpi.${c.key}`)}</CardDescription>
              <CardTitle className="text-2xl font-semibold tabular-nums">{c.value}</CardTitle>
            </CardHeader>
            <CardContent className="text-xs text-muted-foreground">{c.hint}</CardContent>
          </Card>
        ))}
      </div>
      {/* The member's targets for this month and quarter (a rep's own), when there are any. */}
      <div className="mt-6 empty:hidden">
        <HomeTargets role={me.activeCompany?.role ?? "rep"} />
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-[1fr_22rem]">
        <Card className="min-w-0">
          <CardHeader className="flex-row items-center justify-between">
            <CardTitle>{t("recentDeals")}</CardTitle>
            <Link href="/deals" className="text-sm font-medium text-primary hover:underline">
              {t("allDeals")}
            </Link>
          </CardHeader>
          <CardContent className="px-0 pb-2">
            <DealsTable rows={recent.items} compact />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("byStage")}</CardTitle>
            {pipeline ? <CardDescription>{localized(pipeline.name, locale)}</CardDescription> : null}
          </CardHeader>
          <CardContent className="grid gap-3" data-testid="stage-bars">
            {openStages.map((s) => (
              <div key={s.key} className="grid gap-1">
                <div className="flex justify-between text-sm">
                  <span>{localized(s.name, locale)}</span>
                  <span className="tabular-nums text-muted-foreground">{s.dealCount}</span>
                </div>
                <div className="h-2 rounded-full bg-muted">
                  <div
                    className="h-2 rounded-full bg-primary/70"
                    style={{ width: `${(s.dealCount / maxCount) * 100}%` }}
                  />
                </div>
              </div>
            ))}
            {openStages.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("noPipeline")}</p>
            ) : null}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
